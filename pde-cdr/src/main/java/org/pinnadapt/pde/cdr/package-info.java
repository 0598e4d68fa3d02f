/**
 * The convection-diffusion-reaction equation \( u_t + \beta u_x - \nu u_{xx} - \rho u(1-u) = 0 \) on
 * the periodic interval [0, 2 pi), the benchmark of LR-PINN (Cho et al. 2023) and FastLRNR, with a
 * reference that is exact where a closed form exists and Strang splitting with Richardson
 * extrapolation otherwise.
 */
package org.pinnadapt.pde.cdr;
