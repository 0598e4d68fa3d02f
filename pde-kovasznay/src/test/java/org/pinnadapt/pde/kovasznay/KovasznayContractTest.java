package org.pinnadapt.pde.kovasznay;

import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.tck.PdeContract;

class KovasznayContractTest extends PdeContract {

  @Override
  protected Pde pde() {
    return new Kovasznay(false);
  }

  @Override
  protected double residualTolerance() {
    return 1e-8;
  }
}
