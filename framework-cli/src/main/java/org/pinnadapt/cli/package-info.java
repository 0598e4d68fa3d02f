/** The {@code pinnadapt} command line entry point. */
package org.pinnadapt.cli;
