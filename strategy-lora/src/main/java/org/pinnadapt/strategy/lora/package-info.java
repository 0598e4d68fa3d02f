/** The {@code lora} adaptation strategy: low-rank adaptation of a pretrained PINN, W = W0 + B A (L-PINN). */
package org.pinnadapt.strategy.lora;
