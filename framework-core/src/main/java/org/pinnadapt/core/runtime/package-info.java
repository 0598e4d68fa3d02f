/** The DJL/PyTorch runtime: offline start-up, threads, device and precision. */
package org.pinnadapt.core.runtime;
