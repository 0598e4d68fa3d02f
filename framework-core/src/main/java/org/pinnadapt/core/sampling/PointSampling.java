package org.pinnadapt.core.sampling;

/**
 * How the points of a physics loss are drawn: the collocation points inside the domain, and the points
 * of the initial and boundary conditions. On a face or on the initial line {@link SamplingMethod#GRID}
 * spaces the points evenly with the endpoints included (Majumdar et al. 2023 put 80 evenly spaced points
 * on each face of the Kovasznay square).
 *
 * @param interior the collocation points' method
 * @param conditions the condition points' method
 */
public record PointSampling(SamplingMethod interior, SamplingMethod conditions) {

  /**
   * The same method everywhere except a grid, whose condition points are drawn uniformly (the default
   * before the boundary sampler became its own setting).
   *
   * @param method the collocation points' method
   * @return the sampling
   */
  public static PointSampling of(SamplingMethod method) {
    return new PointSampling(method, method == SamplingMethod.GRID ? SamplingMethod.UNIFORM : method);
  }
}
