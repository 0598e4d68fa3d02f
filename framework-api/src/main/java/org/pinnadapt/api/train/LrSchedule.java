package org.pinnadapt.api.train;

import java.util.Locale;

/**
 * A learning-rate schedule. Two families:
 *
 * <ul>
 *   <li>relative to the run's length: {@link Kind#EXPONENTIAL} and {@link Kind#COSINE} hold the initial
 *       rate for the fraction {@code hold} of the run, then decay to {@code floor} exactly at its end, so
 *       no epoch is spent at the floor whatever the budget. Progress \( p \in [0, 1] \) is the larger of
 *       the fraction of epochs done and the fraction of the time limit used (a run stopped by its time
 *       limit still reaches the floor); with \( q = \max(0, (p - hold) / (1 - hold)) \):
 *       exponential \( \eta = \eta_0 (\eta_f / \eta_0)^q \), cosine
 *       \( \eta = \eta_f + (\eta_0 - \eta_f)(1 + \cos \pi q) / 2 \);
 *   <li>absolute, in epochs: {@link Kind#STEP}, the papers' form (constant for {@code constantEpochs},
 *       then multiplied by {@code factor} every {@code every} epochs, never below {@code floor}), and
 *       {@link Kind#CONSTANT}.
 * </ul>
 *
 * @param kind the family
 * @param initial the initial rate \( \eta_0 \)
 * @param floor the final rate \( \eta_f \) (relative kinds) or the smallest rate ({@code STEP})
 * @param hold the fraction of the run at the initial rate before a relative decay starts, in [0, 1)
 * @param constantEpochs epochs at the initial rate ({@code STEP})
 * @param factor the decay factor per step ({@code STEP})
 * @param every epochs between steps ({@code STEP})
 */
public record LrSchedule(Kind kind, double initial, double floor, double hold, int constantEpochs, double factor,
    int every) {

  /** Schedule families. */
  public enum Kind {
    /** One rate throughout. */
    CONSTANT,
    /** Step decay at fixed epochs (the papers' protocol). */
    STEP,
    /** Geometric decay from the initial rate to the floor over the run. */
    EXPONENTIAL,
    /** Cosine annealing from the initial rate to the floor over the run (Loshchilov and Hutter 2017). */
    COSINE;

    /**
     * The option value.
     *
     * @return e.g. {@code exponential}
     */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an option value.
     *
     * @param s constant, step, exponential or cosine
     * @return the kind
     * @throws IllegalArgumentException for another value
     */
    public static Kind parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("learning-rate schedule '" + s
            + "' is not one of constant, step, exponential, cosine");
      }
    }
  }

  /**
   * Validates the record.
   *
   * @param kind the family
   * @param initial the initial rate \( \eta_0 \)
   * @param floor the final rate \( \eta_f \) (relative kinds) or the smallest rate ({@code STEP})
   * @param hold the fraction of the run at the initial rate before a relative decay starts, in [0, 1)
   * @param constantEpochs epochs at the initial rate ({@code STEP})
   * @param factor the decay factor per step ({@code STEP})
   * @param every epochs between steps ({@code STEP})
   */
  public LrSchedule {
    if (kind == null) {
      throw new IllegalArgumentException("schedule kind missing");
    }
    if (!(initial > 0) || !Double.isFinite(initial)) {
      throw new IllegalArgumentException("learning rate must be positive and finite, got " + initial);
    }
    if (!(floor >= 0) || floor > initial) {
      throw new IllegalArgumentException("final learning rate " + floor + " must lie in [0, " + initial + "]");
    }
    if (!(hold >= 0 && hold < 1)) {
      throw new IllegalArgumentException("hold fraction " + hold + " must lie in [0, 1)");
    }
    if (kind == Kind.EXPONENTIAL && !(floor > 0)) {
      throw new IllegalArgumentException("an exponential schedule needs a positive final rate");
    }
    if (!(factor > 0 && factor <= 1) || every <= 0 || constantEpochs < 0) {
      throw new IllegalArgumentException("invalid step schedule: constant=" + constantEpochs + ", factor=" + factor
          + ", every=" + every);
    }
  }

  /**
   * The papers' step schedule.
   *
   * @param initial the initial learning rate
   * @param constantEpochs epochs at the initial rate
   * @param factor the decay factor (1 for a constant rate)
   * @param every epochs between decays after the constant phase
   * @param minimum the smallest rate
   */
  public LrSchedule(double initial, int constantEpochs, double factor, int every, double minimum) {
    this(Kind.STEP, initial, minimum, 0, constantEpochs, factor, every);
  }

  /**
   * A constant learning rate.
   *
   * @param lr the rate
   * @return the schedule
   */
  public static LrSchedule constant(double lr) {
    return new LrSchedule(Kind.CONSTANT, lr, 0, 0, 0, 1.0, 1);
  }

  /**
   * Geometric decay from {@code initial} to {@code floor} at the end of the run.
   *
   * @param initial the initial rate
   * @param floor the rate at the end
   * @param hold the fraction of the run at the initial rate first
   * @return the schedule
   */
  public static LrSchedule exponential(double initial, double floor, double hold) {
    return new LrSchedule(Kind.EXPONENTIAL, initial, floor, hold, 0, 1.0, 1);
  }

  /**
   * Cosine annealing from {@code initial} to {@code floor} at the end of the run.
   *
   * @param initial the initial rate
   * @param floor the rate at the end
   * @param hold the fraction of the run at the initial rate first
   * @return the schedule
   */
  public static LrSchedule cosine(double initial, double floor, double hold) {
    return new LrSchedule(Kind.COSINE, initial, floor, hold, 0, 1.0, 1);
  }

  /**
   * The smallest rate of a step schedule (its floor).
   *
   * @return {@link #floor()}
   */
  public double minimum() {
    return floor;
  }

  /**
   * Whether the rate depends on the run's progress rather than on absolute epochs.
   *
   * @return {@code true} for exponential and cosine
   */
  public boolean relative() {
    return kind == Kind.EXPONENTIAL || kind == Kind.COSINE;
  }

  /**
   * The rate at an epoch of an absolute schedule (a relative one is read at progress 0).
   *
   * @param epoch the epoch (0-based)
   * @return the learning rate
   */
  public double at(int epoch) {
    return at(epoch, 0);
  }

  /**
   * The rate at an epoch and a point of the run.
   *
   * @param epoch the epoch (0-based), read by absolute schedules
   * @param progress the fraction of the run done, in [0, 1], read by relative schedules
   * @return the learning rate
   */
  public double at(int epoch, double progress) {
    switch (kind) {
      case CONSTANT:
        return initial;
      case STEP:
        if (epoch < constantEpochs || factor == 1.0) {
          return initial;
        }
        return Math.max(floor, initial * Math.pow(factor, (epoch - constantEpochs) / every + 1));
      default:
        double p = Math.min(1, Math.max(0, progress));
        double q = Math.max(0, (p - hold) / (1 - hold));
        return kind == Kind.EXPONENTIAL ? initial * Math.pow(floor / initial, q)
            : floor + (initial - floor) * (1 + Math.cos(Math.PI * q)) / 2;
    }
  }

  /**
   * The progress of a run: the larger of the fraction of its epochs done and the fraction of its time
   * limit used.
   *
   * @param epoch epochs done
   * @param epochs the epoch budget
   * @param seconds seconds spent
   * @param timeLimit the time limit in seconds (0: none)
   * @return the progress, in [0, 1]
   */
  public static double progress(int epoch, int epochs, double seconds, double timeLimit) {
    double p = epochs <= 0 ? 1 : (double) epoch / epochs;
    if (timeLimit > 0) {
      p = Math.max(p, seconds / timeLimit);
    }
    return Math.min(1, Math.max(0, p));
  }

  /**
   * A one-line description, e.g. {@code exponential 1e-3 -> 1e-5}.
   *
   * @return the description
   */
  public String describe() {
    switch (kind) {
      case CONSTANT:
        return String.format(Locale.ROOT, "constant %.3g", initial);
      case STEP:
        return String.format(Locale.ROOT, "step %.3g, x%.3g every %d after %d (min %.3g)", initial, factor, every,
            constantEpochs, floor);
      default:
        return String.format(Locale.ROOT, "%s %.3g -> %.3g%s", kind.id(), initial, floor,
            hold > 0 ? String.format(Locale.ROOT, " after %.0f%% at the start rate", 100 * hold) : "");
    }
  }
}
