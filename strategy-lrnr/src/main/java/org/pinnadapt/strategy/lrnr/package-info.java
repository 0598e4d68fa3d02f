/** The {@code lrnr} adaptation strategy: low-rank neural representations with hypernetwork coefficients (LR-PINN) and the FastLRNR fast phase. */
package org.pinnadapt.strategy.lrnr;
