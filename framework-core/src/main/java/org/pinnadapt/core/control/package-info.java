/**
 * Control of running work from outside it: a process-wide stop request (Ctrl-C) that every training
 * loop honours with a final checkpoint, and the exception that reports it.
 */
package org.pinnadapt.core.control;
