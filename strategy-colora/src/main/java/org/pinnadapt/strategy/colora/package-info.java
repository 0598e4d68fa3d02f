/** The {@code colora} adaptation strategy: continuous low-rank adaptation in time (CoLoRA-D, CoLoRA-EQ). */
package org.pinnadapt.strategy.colora;
