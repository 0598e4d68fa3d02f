/** The {@code pinnadapt bench} commands: paper reproductions and performance benchmarks. */
package org.pinnadapt.cli.bench;
