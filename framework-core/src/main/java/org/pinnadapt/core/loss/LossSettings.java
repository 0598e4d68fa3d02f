package org.pinnadapt.core.loss;

import org.pinnadapt.core.sampling.PointSampling;

/**
 * How a run's physics losses are built, beyond the PDE and the point counts.
 *
 * @param sampling how collocation and condition points are drawn
 * @param perFieldConditions whether a condition on k fields is k unit-weight terms (the mean squared error
 *     of each field, summed: DeepXDE's and a plain script's convention) rather than one mean over all
 *     fields
 * @param causal causal weighting of the residual ({@link CausalWeighting#NONE}: off)
 * @param refinement residual-based adaptive refinement ({@link Refinement#NONE}: off)
 * @param monitor where and how the error against the reference is measured during training
 */
public record LossSettings(PointSampling sampling, boolean perFieldConditions, CausalWeighting causal,
    Refinement refinement, Monitor monitor) {

  /**
   * Plain settings: one sampling method, per-field conditions, nothing else.
   *
   * @param sampling how points are drawn
   * @return the settings
   */
  public static LossSettings of(PointSampling sampling) {
    return new LossSettings(sampling, true, CausalWeighting.NONE, Refinement.NONE, null);
  }
}
