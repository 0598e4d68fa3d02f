package org.pinnadapt.api;

import org.pinnadapt.api.train.Trainer;

/** Provides a {@link Trainer}. */
public interface TrainerProvider extends PluginProvider<Trainer> {}
