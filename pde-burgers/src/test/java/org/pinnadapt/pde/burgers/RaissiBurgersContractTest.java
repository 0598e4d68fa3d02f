package org.pinnadapt.pde.burgers;

import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.tck.PdeContract;

class RaissiBurgersContractTest extends PdeContract {

  @Override
  protected Pde pde() {
    return new RaissiBurgers(400);
  }

  @Override
  protected double residualTolerance() {
    return 1e-6; // terms reach 1e5 at the shock: this is 1e-11 of them
  }
}
