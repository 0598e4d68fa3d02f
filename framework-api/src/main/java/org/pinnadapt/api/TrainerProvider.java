package org.pinnadapt.api;

/** Provides a {@link Trainer}. */
public interface TrainerProvider extends PluginProvider<Trainer> {}
