/**
 * Burgers equations: {@code burgers1d}, the periodic 1D viscous Burgers equation whose tasks are
 * initial conditions drawn from a Gaussian random field, with a pseudo-spectral ETDRK4 reference; and
 * {@code burgers2d}, the coupled 2D viscous Burgers equations with a closed-form solution.
 */
package org.pinnadapt.pde.burgers;
