package org.pinnadapt.api.train;

/** Why a training stopped. */
public enum StopReason {
  /** The epoch budget was used up. */
  MAX_EPOCHS,
  /** The validation loss did not improve for {@code patience} epochs. */
  EARLY_STOPPED,
  /** The optimizer met its tolerance (L-BFGS). */
  CONVERGED,
  /** The loss became NaN or infinite; the best weights were kept. */
  DIVERGED,
  /** The wall-clock budget was used up. */
  TIME_LIMIT
}
