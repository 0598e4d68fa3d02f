package org.pinnadapt.pde.burgers;

import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.tck.PdeContract;

/**
 * The spectral reference of 1D Burgers has spectral x-derivatives; u_t is taken by fourth-order
 * central differences in time, which dominate the residual: the high modes of a random initial
 * condition decay at rate nu (2 pi 64)^2 ~ 1600, so the check starts at t = 0.01 and uses a step of
 * 2.5e-4 (measured: the residual falls as h^4 and is ~1e-7 there; the solver itself matches the
 * Cole-Hopf solution to 1e-10, see SpectralBurgersSolverTest).
 */
class Burgers1dContractTest extends PdeContract {

  @Override
  protected Pde pde() {
    return new Burgers1d(0, 1024, 1e-4);
  }

  @Override
  protected double residualTolerance() {
    return 1e-6;
  }

  @Override
  protected double finiteDifferenceStep() {
    return 2.5e-4;
  }

  @Override
  protected double residualMargin() {
    return 0.01;
  }

  @Override
  protected double conditionTolerance() {
    return 1e-9;
  }
}
