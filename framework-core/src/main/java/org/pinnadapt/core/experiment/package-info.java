/**
 * Experiments: the configuration schema, the strategy context, the runner that writes run folders,
 * evaluation grids, and the built-in strategies {@code pinn} and {@code finetune}.
 */
package org.pinnadapt.core.experiment;
