package org.pinnadapt.pde.cdr;

import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.tck.PdeContract;

/**
 * Spectral x-derivatives; u_t by fourth-order central differences with step 1.25e-4. The difference
 * error dominates the residual (measured for beta=19.5, nu=0.14, rho=4.2: 1.1e-5 at step 1e-3,
 * 6.7e-7 at 5e-4, independent of the solver step between 1e-3 and 2.5e-4).
 */
class CdrContractTest extends PdeContract {

  @Override
  protected Pde pde() {
    return new Cdr(InitialCondition.ONE_PLUS_SIN, 512, 1e-3);
  }

  @Override
  protected double finiteDifferenceStep() {
    return 1.25e-4;
  }

  @Override
  protected double residualTolerance() {
    return 1e-6;
  }
}
