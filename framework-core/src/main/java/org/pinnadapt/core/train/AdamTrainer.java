package org.pinnadapt.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.api.train.LrSchedule;
import org.pinnadapt.api.train.Trainer;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingProblem;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.api.train.TrainingState;

/**
 * Adam (Kingma and Ba 2015) with PyTorch's update rule
 * \( \theta \leftarrow \theta - \frac{\eta}{1-\beta_1^t} \frac{m}{\sqrt{v}/\sqrt{1-\beta_2^t} + \epsilon} \),
 * a learning-rate schedule ({@link LrSchedule}: relative to the run's epochs and time limit, or the papers'
 * step decay), mini-batches, resampling, early stopping with restore-best, NaN
 * detection and exact resumption from checkpoints.
 *
 * <p>Every step runs in an {@link NDScope}; the moments live in the session's state manager, outside
 * it, and are updated in place with gradient recording off.
 */
public final class AdamTrainer implements Trainer {

  /** The phase name in histories and checkpoints. */
  public static final String PHASE = "adam";

  private final double beta1;
  private final double beta2;
  private final double epsilon;

  /**
   * Creates the trainer.
   *
   * @param beta1 first-moment decay (0.9)
   * @param beta2 second-moment decay (0.999)
   * @param epsilon denominator guard (1e-8)
   */
  public AdamTrainer(double beta1, double beta2, double epsilon) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  public String id() {
    return "adam";
  }

  @Override
  public TrainingResult train(TrainingProblem problem, TrainerConfig config, String label, TrainingListener listener) {
    return run(problem, config, label, listener, List.of(), 0);
  }

  TrainingResult run(TrainingProblem problem, TrainerConfig config, String label, TrainingListener listener,
      List<HistoryRow> prior, int epochOffset) {
    Params params = problem.parameters();
    boolean validating = TrainingSession.validates(problem, config);
    int maxEpochs = epochOffset + config.epochs();
    try (TrainingSession session = new TrainingSession(PHASE, problem, config, label, listener, maxEpochs,
        validating, prior)) {
      Params moments = zeroMoments(params, session);
      long[] step = {0};
      int start = epochOffset;
      LossAnnealing annealing = new LossAnnealing(config);
      TrainingState resumed = TrainingSession.resumable(config, PHASE);
      if (resumed != null) {
        params.assign(resumed.parameters());
        moments.assign(resumed.optimizer());
        step[0] = resumed.scalars().getOrDefault("step", 0.0).longValue();
        annealing.restore(resumed.scalars());
        start = resumed.epoch();
        session.restore(resumed);
        if (config.resampleEvery() > 0) {
          problem.resample(start - start % config.resampleEvery());
        }
      }
      listener.started(label, maxEpochs);
      Map<String, Double> weights = annealing.weights();
      for (int epoch = start; epoch < maxEpochs; epoch++) {
        if (config.resampleEvery() > 0 && epoch > 0 && epoch % config.resampleEvery() == 0) {
          problem.resample(epoch);
        }
        problem.refine(epoch); // manages its own temporaries: the refined set outlives any step scope
        double lr = config.schedule().at(epoch - epochOffset,
            LrSchedule.progress(epoch - epochOffset, config.epochs(), session.elapsedSeconds(), config.timeLimitSeconds()));
        int batches = problem.batchCount(config.batchSize());
        Map<String, Double> termSums = new LinkedHashMap<>();
        double lossSum = epoch(problem, params, moments, annealing, weights, lr, epoch, batches, step, termSums);
        if (!Double.isFinite(lossSum)) {
          session.diverged(lossSum);
          break;
        }
        double validation = TrainingSession.validation(problem, config, validating, epoch, maxEpochs);
        final int n = batches;
        termSums.replaceAll((k, v) -> v / n);
        boolean go = session.endEpoch(epoch, lossSum / batches, termSums, lr, validation);
        Map<String, Double> scalars = new LinkedHashMap<>(annealing.scalars());
        scalars.put("step", (double) step[0]);
        session.maybeCheckpoint(epoch, moments, scalars);
        if (!go) {
          break;
        }
      }
      return session.finish();
    }
  }

  /** Adam's first and second moments, zero, owned by the session. */
  private static Params zeroMoments(Params params, TrainingSession session) {
    Params moments = new Params();
    for (Map.Entry<String, NDArray> e : params.asMap().entrySet()) {
      NDArray m = e.getValue().zerosLike();
      m.attach(session.stateManager());
      NDArray v = e.getValue().zerosLike();
      v.attach(session.stateManager());
      moments.put("m." + e.getKey(), m).put("v." + e.getKey(), v);
    }
    return moments;
  }

  /**
   * One epoch: a step per mini-batch. Adds each term's per-batch values into {@code termSums}.
   *
   * @return the sum of the batches' losses, or the first non-finite loss (nothing updated from it)
   */
  private double epoch(TrainingProblem problem, Params params, Params moments, LossAnnealing annealing,
      Map<String, Double> weights, double lr, int epoch, int batches, long[] step, Map<String, Double> termSums) {
    double lossSum = 0;
    for (int b = 0; b < batches; b++) {
      step[0]++;
      if (annealing.due(step[0])) {
        annealing.update(problem, new Batch(epoch, b, batches));
      }
      try (NDScope scope = new NDScope()) {
        LossTerms terms;
        NDArray total;
        try (Autograd.Recording r = Autograd.record()) {
          terms = problem.loss(new Batch(epoch, b, batches));
          total = terms.total(weights);
          Autograd.backward(total);
        }
        double loss = Autograd.value(total);
        if (!Double.isFinite(loss)) {
          return loss;
        }
        lossSum += loss;
        terms.values().forEach((k, v) -> termSums.merge(k, v, Double::sum));
        update(params, moments, lr, step[0]);
      }
      Autograd.zeroGradients(params);
    }
    return lossSum;
  }

  /**
   * One fused native update per parameter. PyTorch's rule
   * {@code w -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)} equals the engine's
   * {@code w -= c * m / (sqrt(v) + e)} with {@code c = lr sqrt(bc2) / bc1} and {@code e = eps sqrt(bc2)}.
   */
  private void update(Params params, Params moments, double lr, long step) {
    double bc1 = 1 - Math.pow(beta1, step);
    double bc2 = Math.sqrt(1 - Math.pow(beta2, step));
    float c = (float) (lr * bc2 / bc1);
    float e = (float) (epsilon * bc2);
    for (Map.Entry<String, NDArray> entry : params.asMap().entrySet()) {
      NDArray p = entry.getValue();
      NDArray g = p.getGradient();
      JniUtils.adamUpdate((PtNDArray) p, (PtNDArray) g, (PtNDArray) moments.get("m." + entry.getKey()),
          (PtNDArray) moments.get("v." + entry.getKey()), (float) lr, c, 0f, 1f, -1f, (float) beta1,
          (float) beta2, e, false);
    }
  }
}
