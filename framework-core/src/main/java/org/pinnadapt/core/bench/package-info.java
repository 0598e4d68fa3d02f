/** Performance benchmarks of the framework itself (the training step). */
package org.pinnadapt.core.bench;
