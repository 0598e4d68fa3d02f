/**
 * The {@code lora} adaptation strategy (L-PINN): rank-r updates \( W = W_0 + B A \) of a frozen base
 * PINN (Majumdar et al. 2023, "HyperLoRA for PDEs").
 */
package org.pinnadapt.strategy.lora;
