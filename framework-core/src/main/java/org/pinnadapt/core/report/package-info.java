/** Figures of runs and benchmarks: heat maps of solutions and errors, loss histories, bench plots. */
package org.pinnadapt.core.report;
