package org.example.heat;

import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.tck.PdeContract;

/** The heat equation against the TCK's PDE contract: residual of the exact solution, conditions, validation. */
class HeatContractTest extends PdeContract {

  @Override
  protected Pde pde() {
    return new Heat();
  }

  @Override
  protected double residualTolerance() {
    return 1e-12; // closed-form partials: exact up to rounding
  }
}
