package org.pinnadapt.pde.burgers;

import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.tck.PdeContract;

class Burgers2dContractTest extends PdeContract {

  @Override
  protected Pde pde() {
    return new Burgers2d();
  }

  @Override
  protected double residualTolerance() {
    return 1e-8;
  }
}
