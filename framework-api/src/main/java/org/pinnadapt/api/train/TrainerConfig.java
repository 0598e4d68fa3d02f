package org.pinnadapt.api.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration of a training: epoch budget, learning-rate schedule, early stopping, L-BFGS
 * settings, batching, loss weights, resampling and checkpointing. Build with {@link #builder()}.
 *
 * @param epochs the maximum number of first-order epochs
 * @param schedule the learning-rate schedule
 * @param patience epochs without validation improvement before stopping; 0 disables early stopping
 * @param validateEvery epochs between validations
 * @param restoreBest whether the best validated parameters are restored at the end
 * @param lbfgsIterations iterations of the L-BFGS phase (trainers {@code lbfgs} and {@code adam+lbfgs})
 * @param lbfgsHistory L-BFGS correction pairs kept
 * @param lbfgsTolerance L-BFGS stops when the largest gradient component is below this
 * @param lbfgsToleranceChange L-BFGS stops when the loss or the step changes less than this
 * @param batchSize collocation points per mini-batch; 0 for full batch
 * @param lossWeights weights of named loss terms (1 when absent)
 * @param resampleEvery epochs between resampling collocation points; 0 never
 * @param timeLimitSeconds wall-clock budget of the whole training in seconds; 0 none
 * @param monitorEvery epochs between measurements of the error against the reference
 *     ({@link TrainingProblem#error()}); 0 never
 * @param annealingEvery learning-rate annealing of the loss weights (Wang, Teng and Perdikaris 2021, Algorithm 1):
 *     every this many steps each term other than {@code residual} gets the weight
 *     \( \lambda_i \leftarrow (1 - \alpha) \lambda_i + \alpha \max|\nabla_\theta L_r| / \overline{|\nabla_\theta L_i|} \),
 *     which balances the terms' gradient magnitudes; 0 keeps the weights fixed
 * @param annealingAlpha the moving-average factor \( \alpha \) of loss-weight annealing
 * @param checkpointer where to checkpoint, or {@code null}
 */
public record TrainerConfig(int epochs, LrSchedule schedule, int patience, int validateEvery, boolean restoreBest,
    int lbfgsIterations, int lbfgsHistory, double lbfgsTolerance, double lbfgsToleranceChange, int batchSize,
    Map<String, Double> lossWeights, int resampleEvery, double timeLimitSeconds, int monitorEvery, int annealingEvery,
    double annealingAlpha, Checkpointer checkpointer) {

  /**
   * Checks every value and copies the loss weights.
   *
   * @param epochs the maximum number of first-order epochs
   * @param schedule the learning-rate schedule
   * @param patience epochs without validation improvement before stopping; 0 disables early stopping
   * @param validateEvery epochs between validations
   * @param restoreBest whether the best validated parameters are restored at the end
   * @param lbfgsIterations iterations of the L-BFGS phase (trainers {@code lbfgs} and {@code adam+lbfgs})
   * @param lbfgsHistory L-BFGS correction pairs kept
   * @param lbfgsTolerance L-BFGS stops when the largest gradient component is below this
   * @param lbfgsToleranceChange L-BFGS stops when the loss or the step changes less than this
   * @param batchSize collocation points per mini-batch; 0 for full batch
   * @param lossWeights weights of named loss terms (1 when absent)
   * @param resampleEvery epochs between resampling collocation points; 0 never
   * @param timeLimitSeconds wall-clock budget of the whole training in seconds; 0 none
   * @param monitorEvery epochs between measurements of the error against the reference
   *     ({@link TrainingProblem#error()}); 0 never
   * @param annealingEvery learning-rate annealing of the loss weights (Wang, Teng and Perdikaris 2021, Algorithm 1):
   *     every this many steps each term other than {@code residual} gets the weight
   *     \( \lambda_i \leftarrow (1 - \alpha) \lambda_i + \alpha \max|\nabla_\theta L_r| / \overline{|\nabla_\theta L_i|} \),
   *     which balances the terms' gradient magnitudes; 0 keeps the weights fixed
   * @param annealingAlpha the moving-average factor \( \alpha \) of loss-weight annealing
   * @param checkpointer where to checkpoint, or {@code null}
   */
  public TrainerConfig {
    check(epochs >= 0, "epochs must be at least 0, got " + epochs);
    check(patience >= 0, "patience must be at least 0, got " + patience);
    check(validateEvery >= 0, "validate-every must be at least 0, got " + validateEvery);
    check(lbfgsIterations >= 0, "lbfgs-iterations must be at least 0, got " + lbfgsIterations);
    check(lbfgsHistory >= 1, "the L-BFGS history must be at least 1, got " + lbfgsHistory);
    check(batchSize >= 0, "batch-size must be at least 0, got " + batchSize);
    check(resampleEvery >= 0, "resample-every must be at least 0, got " + resampleEvery);
    check(timeLimitSeconds >= 0 && Double.isFinite(timeLimitSeconds),
        "time-limit must be a number of seconds >= 0, got " + timeLimitSeconds);
    check(monitorEvery >= 0, "monitor-every must be at least 0, got " + monitorEvery);
    check(annealingEvery >= 0, "annealing-every must be at least 0, got " + annealingEvery);
    check(annealingAlpha > 0 && annealingAlpha <= 1, "annealing-alpha must lie in (0, 1], got " + annealingAlpha);
    for (Map.Entry<String, Double> e : lossWeights.entrySet()) {
      if (!(e.getValue() >= 0) || e.getValue().isInfinite()) {
        throw new IllegalArgumentException("loss weight of '" + e.getKey() + "' must be >= 0");
      }
    }
    lossWeights = Map.copyOf(lossWeights);
  }

  /**
   * A builder with the defaults: 1,000 epochs, constant lr 1e-3, no early stopping, full batch.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialized from this configuration.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.epochs = epochs;
    b.schedule = schedule;
    b.patience = patience;
    b.validateEvery = validateEvery;
    b.restoreBest = restoreBest;
    b.lbfgsIterations = lbfgsIterations;
    b.lbfgsHistory = lbfgsHistory;
    b.lbfgsTolerance = lbfgsTolerance;
    b.lbfgsToleranceChange = lbfgsToleranceChange;
    b.batchSize = batchSize;
    b.lossWeights = new LinkedHashMap<>(lossWeights);
    b.resampleEvery = resampleEvery;
    b.timeLimitSeconds = timeLimitSeconds;
    b.monitorEvery = monitorEvery;
    b.annealingEvery = annealingEvery;
    b.annealingAlpha = annealingAlpha;
    b.checkpointer = checkpointer;
    return b;
  }

  /**
   * The configuration as plain values, for {@code config.json}.
   *
   * @return values by name
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epochs", epochs);
    m.put("lr", schedule.initial());
    m.put("lr_schedule", schedule.kind().id());
    if (schedule.kind() == LrSchedule.Kind.STEP) {
      m.put("lr_constant_epochs", schedule.constantEpochs());
      m.put("lr_decay", schedule.factor());
      m.put("lr_decay_every", schedule.every());
      m.put("lr_min", schedule.minimum());
    } else if (schedule.relative()) {
      m.put("lr_final", schedule.floor());
      m.put("lr_hold", schedule.hold());
    }
    m.put("patience", patience);
    m.put("validate_every", validateEvery);
    m.put("restore_best", restoreBest);
    m.put("lbfgs_iterations", lbfgsIterations);
    m.put("lbfgs_history", lbfgsHistory);
    m.put("lbfgs_tolerance", lbfgsTolerance);
    m.put("lbfgs_tolerance_change", lbfgsToleranceChange);
    m.put("batch_size", batchSize);
    m.put("loss_weights", lossWeights);
    m.put("resample_every", resampleEvery);
    m.put("time_limit_s", timeLimitSeconds);
    m.put("monitor_every", monitorEvery);
    m.put("loss_weighting", annealingEvery > 0 ? "annealing" : "fixed");
    if (annealingEvery > 0) {
      m.put("annealing_every", annealingEvery);
      m.put("annealing_alpha", annealingAlpha);
    }
    return m;
  }

  /** Builds a {@link TrainerConfig}; {@code opt} methods set optional values. */
  public static final class Builder {
    private int epochs = 1000;
    private LrSchedule schedule = LrSchedule.constant(1e-3);
    private int patience;
    private int validateEvery = 1;
    private boolean restoreBest = true;
    private int lbfgsIterations = 500;
    private int lbfgsHistory = 50;
    private double lbfgsTolerance = 1e-9;
    private double lbfgsToleranceChange = 1e-12;
    private int batchSize;
    private Map<String, Double> lossWeights = new LinkedHashMap<>();
    private int resampleEvery;
    private double timeLimitSeconds;
    private int monitorEvery;
    private int annealingEvery;
    private double annealingAlpha = 0.1;
    private Checkpointer checkpointer;

    private Builder() {}

    /**
     * Sets the epoch budget of the first-order phase.
     *
     * @param value epochs, at least 0
     * @return this builder
     */
    public Builder optEpochs(int value) {
      this.epochs = value;
      return this;
    }

    /**
     * Sets the learning-rate schedule.
     *
     * @param value the schedule
     * @return this builder
     */
    public Builder optSchedule(LrSchedule value) {
      this.schedule = value;
      return this;
    }

    /**
     * Enables early stopping.
     *
     * @param value epochs without improvement; 0 disables
     * @return this builder
     */
    public Builder optPatience(int value) {
      this.patience = value;
      return this;
    }

    /**
     * Sets how often the validation loss is evaluated.
     *
     * @param value epochs between evaluations; 0 turns validation off
     * @return this builder
     */
    public Builder optValidateEvery(int value) {
      this.validateEvery = value;
      return this;
    }

    /**
     * Whether the best weights are restored at the end.
     *
     * @param value the flag
     * @return this builder
     */
    public Builder optRestoreBest(boolean value) {
      this.restoreBest = value;
      return this;
    }

    /**
     * Sets the L-BFGS iteration budget.
     *
     * @param value iterations
     * @return this builder
     */
    public Builder optLbfgsIterations(int value) {
      this.lbfgsIterations = value;
      return this;
    }

    /**
     * Sets the L-BFGS history size.
     *
     * @param value curvature pairs kept
     * @return this builder
     */
    public Builder optLbfgsHistory(int value) {
      this.lbfgsHistory = value;
      return this;
    }

    /**
     * Sets the L-BFGS gradient tolerance.
     *
     * @param value max-norm threshold
     * @return this builder
     */
    public Builder optLbfgsTolerance(double value) {
      this.lbfgsTolerance = value;
      return this;
    }

    /**
     * Sets the L-BFGS change tolerance.
     *
     * @param value loss/step change threshold
     * @return this builder
     */
    public Builder optLbfgsToleranceChange(double value) {
      this.lbfgsToleranceChange = value;
      return this;
    }

    /**
     * Sets the mini-batch size over collocation points.
     *
     * @param value points per batch; 0 for full batch
     * @return this builder
     */
    public Builder optBatchSize(int value) {
      this.batchSize = value;
      return this;
    }

    /**
     * Sets the weight of one loss term.
     *
     * @param term the term name
     * @param weight the weight
     * @return this builder
     */
    public Builder optLossWeight(String term, double weight) {
      this.lossWeights.put(term, weight);
      return this;
    }

    /**
     * Sets how often training points are resampled.
     *
     * @param value epochs between resampling; 0 never
     * @return this builder
     */
    public Builder optResampleEvery(int value) {
      this.resampleEvery = value;
      return this;
    }

    /**
     * Sets a wall-clock budget.
     *
     * @param seconds the budget; 0 for none
     * @return this builder
     */
    public Builder optTimeLimitSeconds(double seconds) {
      this.timeLimitSeconds = seconds;
      return this;
    }

    /**
     * Sets how often the error against the reference is measured and recorded in the history.
     *
     * @param value epochs between measurements; 0 never
     * @return this builder
     */
    public Builder optMonitorEvery(int value) {
      this.monitorEvery = value;
      return this;
    }

    /**
     * Turns on learning-rate annealing of the loss weights ({@link TrainerConfig#annealingEvery()}).
     *
     * @param every steps between weight updates; 0 keeps the weights fixed
     * @param alpha the moving-average factor, in (0, 1]
     * @return this builder
     */
    public Builder optLossAnnealing(int every, double alpha) {
      this.annealingEvery = every;
      this.annealingAlpha = alpha;
      return this;
    }

    /**
     * Sets where to checkpoint.
     *
     * @param value the checkpointer, or {@code null}
     * @return this builder
     */
    public Builder optCheckpointer(Checkpointer value) {
      this.checkpointer = value;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the configuration
     */
    public TrainerConfig build() {
      return new TrainerConfig(epochs, schedule, patience, validateEvery, restoreBest, lbfgsIterations, lbfgsHistory,
          lbfgsTolerance, lbfgsToleranceChange, batchSize, lossWeights, resampleEvery, timeLimitSeconds, monitorEvery,
          annealingEvery, annealingAlpha, checkpointer);
    }
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
