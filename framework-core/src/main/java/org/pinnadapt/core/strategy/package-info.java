/** The built-in baselines: {@code pinn} (from scratch per task) and {@code finetune} (all weights). */
package org.pinnadapt.core.strategy;
