package org.pinnadapt.api.train;

/**
 * A step-decay learning-rate schedule, the papers' form: constant for {@code constantEpochs}, then
 * multiplied by {@code factor} every {@code every} epochs, never below {@code minimum}.
 *
 * @param initial the initial learning rate
 * @param constantEpochs epochs at the initial rate
 * @param factor the decay factor (1 for a constant rate)
 * @param every epochs between decays after the constant phase
 * @param minimum the smallest rate
 */
public record LrSchedule(double initial, int constantEpochs, double factor, int every, double minimum) {

  /** Validates the record. */
  public LrSchedule {
    if (!(initial > 0) || !(factor > 0 && factor <= 1) || every <= 0 || constantEpochs < 0 || minimum < 0) {
      throw new IllegalArgumentException(
          "invalid schedule: initial=" + initial + ", constant=" + constantEpochs + ", factor="
              + factor + ", every=" + every + ", minimum=" + minimum);
    }
  }

  /**
   * A constant learning rate.
   *
   * @param lr the rate
   * @return the schedule
   */
  public static LrSchedule constant(double lr) {
    return new LrSchedule(lr, Integer.MAX_VALUE / 2, 1.0, 1, 0);
  }

  /**
   * The rate at an epoch (0-based).
   *
   * @param epoch the epoch
   * @return the learning rate
   */
  public double at(int epoch) {
    if (epoch < constantEpochs || factor == 1.0) {
      return initial;
    }
    int decays = (epoch - constantEpochs) / every + 1;
    return Math.max(minimum, initial * Math.pow(factor, decays));
  }
}
