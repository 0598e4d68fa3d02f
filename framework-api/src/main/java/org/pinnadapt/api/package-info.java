/**
 * The four service-provider interfaces of pinnadapt and their cheap providers.
 *
 * <ul>
 *   <li>{@link org.pinnadapt.api.pde.Pde} (provided by {@link org.pinnadapt.api.PdeProvider}): a
 *       parameterized PDE as data plus a residual;
 *   <li>{@link org.pinnadapt.api.Architecture} ({@link org.pinnadapt.api.ArchitectureProvider}): a
 *       functional network layout;
 *   <li>{@link org.pinnadapt.api.AdaptationStrategy} ({@link org.pinnadapt.api.StrategyProvider}): how a
 *       solution for a new PDE instance is obtained;
 *   <li>{@link org.pinnadapt.api.train.Trainer} ({@link org.pinnadapt.api.TrainerProvider}): an optimizer loop.
 * </ul>
 *
 * <p>A provider is cheap to list (id, description, options) and builds the heavy object on demand.
 */
package org.pinnadapt.api;

