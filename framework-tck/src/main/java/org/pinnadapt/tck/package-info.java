/**
 * Contract tests for plug-ins. {@link org.pinnadapt.tck.PdeContract} checks a {@code Pde}: its
 * reference satisfies its own residual, its conditions agree with its reference, its parameters are
 * validated, its task split is deterministic.
 */
package org.pinnadapt.tck;
