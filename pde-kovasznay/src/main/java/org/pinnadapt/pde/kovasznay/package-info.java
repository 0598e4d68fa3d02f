/**
 * Kovasznay flow (Kovasznay 1948): steady incompressible Navier-Stokes at Reynolds number Re with the
 * closed-form solution used by NSFnets, DeepXDE and the HyperLoRA paper.
 */
package org.pinnadapt.pde.kovasznay;
