/**
 * Value types that describe a parameterized PDE: its {@link org.pinnadapt.api.pde.Domain}, output
 * {@link org.pinnadapt.api.pde.Field}s, {@link org.pinnadapt.api.pde.Parameter}s and
 * {@link org.pinnadapt.api.pde.Task}s, the {@link org.pinnadapt.api.pde.Partial}s its residual needs,
 * the {@link org.pinnadapt.api.pde.Fields} accessor the residual is written against, its
 * {@link org.pinnadapt.api.pde.Condition}s, and its {@link org.pinnadapt.api.pde.ReferenceSolution}.
 */
package org.pinnadapt.api.pde;
