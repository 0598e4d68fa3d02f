package org.pinnadapt.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.train.EpochReport;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.api.train.StopReason;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingProblem;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.api.train.TrainingState;
import org.pinnadapt.core.control.RunControl;
import org.pinnadapt.core.control.RunInterruptedException;

/**
 * The bookkeeping every trainer shares: history and progress reports, the best parameters (by
 * validation loss, else training loss) for restore-best, early stopping, divergence, the time limit
 * and checkpoints.
 */
final class TrainingSession implements AutoCloseable {

  private final String phase;
  private final TrainingProblem problem;
  private final TrainerConfig config;
  private final String label;
  private final TrainingListener listener;
  private final int maxEpochs;
  private final boolean validating;
  private final NDManager state;
  private final List<HistoryRow> history;
  private final long startNanos = System.nanoTime();
  private final double elapsedBefore;
  private Params best;
  private final Params initial;
  private double bestScore = Double.POSITIVE_INFINITY;
  private int bestEpoch = -1;
  private int sinceBest;
  private double lastLoss = Double.NaN;
  private double bestValidation = Double.NaN;
  private StopReason reason = StopReason.MAX_EPOCHS;
  private int epochsRun;
  private double monitorSeconds;

  TrainingSession(String phase, TrainingProblem problem, TrainerConfig config, String label,
      TrainingListener listener, int maxEpochs, boolean validating, List<HistoryRow> priorHistory) {
    this.phase = phase;
    this.problem = problem;
    this.config = config;
    this.label = label;
    this.listener = listener;
    this.maxEpochs = maxEpochs;
    this.validating = validating;
    this.history = new ArrayList<>(priorHistory);
    this.elapsedBefore = priorHistory.isEmpty() ? 0 : priorHistory.get(priorHistory.size() - 1).seconds();
    NDArray any = problem.parameters().arrays().get(0);
    this.state = any.getManager().newSubManager();
    this.initial = problem.parameters().copy(state); // a diverged training falls back to them at worst
  }

  /** The manager for long-lived optimizer state (outside any step scope). */
  NDManager stateManager() {
    return state;
  }

  List<HistoryRow> history() {
    return history;
  }

  String label() {
    return label;
  }

  /** Training seconds: wall time since the start (and before a resume) without the error measurements. */
  double elapsedSeconds() {
    return elapsedBefore + (System.nanoTime() - startNanos) / 1e9 - monitorSeconds;
  }

  /** The error against the reference, measured outside the training time. */
  private double measureError() {
    long t0 = System.nanoTime();
    try (NDScope scope = new NDScope()) {
      return problem.error();
    } finally {
      monitorSeconds += (System.nanoTime() - t0) / 1e9;
    }
  }

  /** Restores the bookkeeping of a checkpoint, its history included. */
  void restore(TrainingState s) {
    history.clear();
    history.addAll(s.history());
    bestScore = s.scalars().getOrDefault("best_score", Double.POSITIVE_INFINITY);
    bestEpoch = s.scalars().getOrDefault("best_epoch", -1.0).intValue();
    sinceBest = s.scalars().getOrDefault("since_best", 0.0).intValue();
    bestValidation = s.scalars().getOrDefault("best_validation", Double.NaN);
    if (s.best() != null && s.best().size() > 0) {
      best = s.best().copy(state);
    }
  }

  /** Scalars of the bookkeeping, for a checkpoint. */
  Map<String, Double> scalars() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("best_score", bestScore);
    m.put("best_epoch", (double) bestEpoch);
    m.put("since_best", (double) sinceBest);
    m.put("best_validation", bestValidation);
    return m;
  }

  Params best() {
    return best == null ? new Params() : best;
  }

  /**
   * Records a finished epoch and decides whether to go on.
   *
   * @return {@code true} to continue
   */
  boolean endEpoch(int epoch, double loss, Map<String, Double> terms, double lr, double validation) {
    epochsRun++;
    lastLoss = loss;
    boolean go = decide(epoch, loss, validation);
    boolean monitor = config.monitorEvery() > 0
        && (epoch % config.monitorEvery() == 0 || !go || epoch == maxEpochs - 1);
    double error = monitor ? measureError() : Double.NaN;
    double seconds = elapsedSeconds();
    HistoryRow row = new HistoryRow(epoch, phase, loss, terms, lr, validation, seconds, error);
    history.add(row);
    double eta = (seconds - elapsedBefore) / epochsRun * Math.max(0, maxEpochs - epoch - 1);
    if (config.timeLimitSeconds() > 0) {
      eta = Math.min(eta, Math.max(0, config.timeLimitSeconds() - seconds));
    }
    listener.epoch(new EpochReport(label, row, maxEpochs, eta));
    return go;
  }

  /** Best-weights bookkeeping, early stopping and the time limit: whether to go on after an epoch. */
  private boolean decide(int epoch, double loss, double validation) {
    boolean hasValidation = !Double.isNaN(validation);
    double score = hasValidation ? validation : loss;
    if (validating && !hasValidation) {
      // the criterion is the validation loss; it was not evaluated this epoch
    } else if (score < bestScore) {
      bestScore = score;
      bestEpoch = epoch;
      sinceBest = 0;
      if (hasValidation) {
        bestValidation = validation;
      }
      snapshot();
    } else {
      sinceBest += hasValidation ? Math.max(1, config.validateEvery()) : 1;
    }
    if (config.patience() > 0 && sinceBest >= config.patience()) {
      reason = StopReason.EARLY_STOPPED;
      return false;
    }
    if (config.timeLimitSeconds() > 0 && elapsedSeconds() >= config.timeLimitSeconds()) {
      reason = StopReason.TIME_LIMIT;
      return false;
    }
    return true;
  }

  /**
   * Copies the current parameters into the best-parameter snapshot (only when they can be restored:
   * restore-best or early stopping).
   */
  private void snapshot() { // also without restore-best: a diverged training falls back to the best weights
    Params params = problem.parameters();
    if (best == null) {
      best = params.copy(state);
    } else {
      for (Map.Entry<String, NDArray> e : params.asMap().entrySet()) {
        Autograd.copyInto(best.get(e.getKey()), e.getValue());
      }
    }
  }

  /** Marks divergence: the caller stops; the best parameters are restored in {@link #finish}. */
  void diverged(double loss) {
    reason = StopReason.DIVERGED;
    lastLoss = loss;
  }

  /** Stops with a reason; the loss of the current parameters is the final loss if no epoch ended yet. */
  void stop(StopReason r, double currentLoss) {
    reason = r;
    if (epochsRun == 0) {
      lastLoss = currentLoss;
    }
  }

  StopReason reason() {
    return reason;
  }

  /** Writes a checkpoint if one is due after this epoch. */
  void maybeCheckpoint(int epoch, Params optimizer, Map<String, Double> optimizerScalars) {
    boolean stop = RunControl.stopRequested();
    boolean checkpointing = config.checkpointer() != null && config.checkpointer().every() > 0;
    if (checkpointing && (stop || (epoch + 1) % config.checkpointer().every() == 0)) {
      save(epoch, optimizer, optimizerScalars);
    }
    if (stop) {
      throw new RunInterruptedException(label, epoch + 1, checkpointing);
    }
  }

  private void save(int epoch, Params optimizer, Map<String, Double> optimizerScalars) {
    Map<String, Double> scalars = new LinkedHashMap<>(scalars());
    scalars.putAll(optimizerScalars);
    config.checkpointer().save(new TrainingState(
        phase, epoch + 1, problem.parameters(), optimizer, scalars, best(), history));
  }

  /** Restores the best parameters when asked (always after divergence) and builds the result. */
  TrainingResult finish() {
    if (reason == StopReason.DIVERGED && best == null) {
      best = initial; // nothing finite was recorded: the initial weights
    }
    if (best != null && (config.restoreBest() || reason == StopReason.DIVERGED)) {
      for (Map.Entry<String, NDArray> e : problem.parameters().asMap().entrySet()) {
        Autograd.copyInto(e.getValue(), best.get(e.getKey()));
      }
    }
    double wall = elapsedSeconds();
    int total = history.size();
    TrainingResult result = new TrainingResult(total, lastLoss, bestValidation, bestEpoch,
        epochsRun == 0 ? 0 : (wall - elapsedBefore) / epochsRun, wall, reason, history);
    listener.finished(label, result);
    return result;
  }

  @Override
  public void close() {
    state.close();
  }

  /**
   * The validation loss when it is due (every {@code validateEvery} epochs and at the last), NaN otherwise.
   *
   * @param problem the problem
   * @param config the training configuration
   * @param validating whether the problem has a validation loss
   * @param epoch the epoch just finished
   * @param maxEpochs the last epoch + 1
   * @return the loss or NaN
   */
  static double validation(TrainingProblem problem, TrainerConfig config, boolean validating, int epoch,
      int maxEpochs) {
    if (!validating || ((epoch + 1) % config.validateEvery() != 0 && epoch != maxEpochs - 1)) {
      return Double.NaN;
    }
    try (NDScope scope = new NDScope()) {
      return Autograd.value(problem.validationLoss().total(config.lossWeights()));
    }
  }

  /**
   * Whether validation is configured and the problem has a validation loss (asked once, in a scratch scope).
   *
   * @param problem the problem
   * @param config the training configuration
   * @return whether to validate
   */
  static boolean validates(TrainingProblem problem, TrainerConfig config) {
    if (config.validateEvery() <= 0) {
      return false;
    }
    try (NDScope probe = new NDScope()) {
      return problem.validationLoss() != null;
    }
  }

  /**
   * The trainer's last checkpoint of a phase, if the configuration has a checkpointer and it holds one.
   *
   * @param config the training configuration
   * @param phase the trainer's phase
   * @return the state, or null
   */
  static TrainingState resumable(TrainerConfig config, String phase) {
    return config.checkpointer() == null ? null
        : config.checkpointer().load().filter(s -> s.phase().equals(phase)).orElse(null);
  }
}
