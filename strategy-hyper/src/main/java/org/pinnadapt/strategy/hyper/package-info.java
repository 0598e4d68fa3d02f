/** The {@code hyper} adaptation strategy: hypernetworks that predict LoRA factors or full weights from the task embedding (HyperPINN, B1-B3). */
package org.pinnadapt.strategy.hyper;
