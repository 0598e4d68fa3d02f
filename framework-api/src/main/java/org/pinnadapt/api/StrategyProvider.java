package org.pinnadapt.api;

/** Provides an {@link AdaptationStrategy}. */
public interface StrategyProvider extends PluginProvider<AdaptationStrategy> {}
