package org.pinnadapt.core.loss;

/**
 * Causal training of time-dependent PINNs (Wang, Sankaran and Perdikaris 2022, "Respecting causality
 * is all you need"): the time interval is cut into {@code bins} slabs, the mean squared residual
 * {@code L_i} of each slab is weighted by {@code w_i = exp(-epsilon * sum_{k < i} L_k)} (weights carry
 * no gradient) and the residual term is {@code (1/bins) sum_i w_i L_i}. A later slab is fitted only once
 * the earlier ones are, which keeps a network from settling on a solution that satisfies the equation
 * late in time but not the initial condition's propagation (the failure of plain PINNs on strong
 * convection).
 *
 * @param epsilon the causality parameter (0: off, the plain mean squared residual)
 * @param bins the number of time slabs
 */
public record CausalWeighting(double epsilon, int bins) {

  /** No causal weighting. */
  public static final CausalWeighting NONE = new CausalWeighting(0, 1);

  /** Validates the record. */
  public CausalWeighting {
    if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("causal epsilon must be a finite number >= 0, got " + epsilon);
    }
    if (bins < 1) {
      throw new IllegalArgumentException("causal bins must be at least 1, got " + bins);
    }
  }

  /** @return whether the weighting is on */
  public boolean enabled() {
    return epsilon > 0;
  }
}
