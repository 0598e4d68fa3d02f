/**
 * Training: a {@link org.pinnadapt.api.train.TrainingProblem} exposes trainable parameters and named
 * loss terms; a {@link org.pinnadapt.api.train.Trainer} minimizes their weighted sum under a
 * {@link org.pinnadapt.api.train.TrainerConfig} and reports to a
 * {@link org.pinnadapt.api.train.TrainingListener}.
 */
package org.pinnadapt.api.train;
