/**
 * What an {@link org.pinnadapt.api.AdaptationStrategy} works with: the
 * {@link org.pinnadapt.api.strategy.StrategyContext} (network executor, shared base network, physics
 * and data losses, trainer, cache) and the {@link org.pinnadapt.api.strategy.Solution} it returns.
 */
package org.pinnadapt.api.strategy;
