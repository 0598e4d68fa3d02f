package org.pinnadapt.core.loss;

/**
 * Residual-based adaptive refinement with distribution, RAR-D (Wu, Zhu, Tan, Kartha and Lu 2023): every
 * {@code every} epochs of a first-order phase, {@code candidates} points are drawn uniformly, the residual
 * norm \( \varepsilon \) (over the equations) is evaluated there with the current weights, and
 * {@code points} of them, drawn without replacement with probability
 * \( p \propto \varepsilon^k / \overline{\varepsilon^k} + c \), join the collocation set for good.
 * Points added this way are not part of a checkpoint: a resumed run starts from the original set and
 * refines from its resumed weights.
 *
 * @param every epochs between refinements (0: off)
 * @param points points added per refinement
 * @param candidates candidate points evaluated per refinement
 * @param k the exponent \( k \) (2 in the paper)
 * @param c the uniform share \( c \) (0 in the paper)
 */
public record Refinement(int every, int points, int candidates, double k, double c) {

  /** No refinement. */
  public static final Refinement NONE = new Refinement(0, 1, 1, 2, 0);

  /** Validates the record. */
  public Refinement {
    if (every < 0) {
      throw new IllegalArgumentException("rar-every must be at least 0, got " + every);
    }
    if (points < 1) {
      throw new IllegalArgumentException("rar-points must be at least 1, got " + points);
    }
    if (candidates < points) {
      throw new IllegalArgumentException("rar-candidates (" + candidates + ") must be at least rar-points (" + points + ")");
    }
    if (!(k >= 0) || !(c >= 0) || !Double.isFinite(k) || !Double.isFinite(c)) {
      throw new IllegalArgumentException("rar-k and rar-c must be finite and at least 0, got " + k + ", " + c);
    }
  }

  /**
   * Whether refinement is on.
   *
   * @return {@code every > 0}
   */
  public boolean enabled() {
    return every > 0;
  }

  /**
   * Whether the collocation set is refined before an epoch.
   *
   * @param epoch the epoch about to start
   * @return {@code true} every {@code every} epochs after the first
   */
  public boolean due(int epoch) {
    return every > 0 && epoch > 0 && epoch % every == 0;
  }
}
