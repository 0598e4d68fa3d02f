package org.pinnadapt.api.pde;

/**
 * Draws point sets over a {@link Domain}. Implementations are seeded, so the same sampler state gives
 * the same points; the framework supplies uniform random, Latin hypercube, Sobol and grid samplers.
 */
public interface Sampler {

  /**
   * Points in the interior of the domain (time included).
   *
   * @param domain the domain
   * @param n the number of points
   * @return {@code n} points
   */
  PointSet interior(Domain domain, int n);

  /**
   * Points on the initial slice: time at its minimum, space sampled.
   *
   * @param domain a time-dependent domain
   * @param n the number of points
   * @return {@code n} points
   */
  PointSet initial(Domain domain, int n);

  /**
   * Points on one face of the box: the named input fixed at its lower or upper bound, every other
   * input (time included) sampled.
   *
   * @param domain the domain
   * @param input the input held fixed
   * @param upper {@code true} for the upper bound, {@code false} for the lower
   * @param n the number of points
   * @return {@code n} points
   */
  PointSet face(Domain domain, String input, boolean upper, int n);
}
