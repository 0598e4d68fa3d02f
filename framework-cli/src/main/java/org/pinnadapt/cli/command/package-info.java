/** The sub-commands of {@code pinnadapt}. */
package org.pinnadapt.cli.command;
