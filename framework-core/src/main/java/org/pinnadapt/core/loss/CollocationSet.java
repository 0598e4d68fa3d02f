package org.pinnadapt.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.core.sampling.SamplingMethod;

/**
 * The collocation points of the tasks: drawn per resampling epoch from the seed, split into shuffled mini-batches,
 * grown by residual-based adaptive refinement (RAR-D), and a fixed held-out set for the validation loss.
 */
final class CollocationSet {

  private final TaskArrays arrays;
  private final SamplingMethod method;
  private final int count;
  private final NDArray validation;
  private NDArray points;
  private Refinement refinement;

  /**
   * Draws the points of epoch 0 and the validation set (at most 1,000 points per task).
   *
   * @param arrays the tasks and their memory
   * @param method how collocation points are drawn
   * @param count points per task
   * @param refinement RAR-D settings ({@link Refinement#NONE} for none)
   */
  CollocationSet(TaskArrays arrays, SamplingMethod method, int count, Refinement refinement) {
    this.arrays = arrays;
    this.method = method;
    this.count = count;
    this.refinement = refinement;
    this.points = arrays.sample(method, 0, count, 0x1L);
    this.validation = arrays.sample(method, 0, Math.min(count, 1000), 0x2L);
  }

  NDArray points() {
    return points;
  }

  NDArray validation() {
    return validation;
  }

  void refinement(Refinement settings) {
    this.refinement = settings;
  }

  private int size() {
    return (int) points.getShape().get(arrays.taskAxis ? 1 : 0); // a grid sampler may round the count
  }

  /** The points of a mini-batch: a shuffle per epoch, cut into {@code batch.count()} parts. */
  NDArray batch(Batch batch) {
    if (batch.isFull()) {
      return points;
    }
    int n = size();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(TaskArrays.mix(TaskArrays.mix(arrays.seed, 0x4L), batch.epoch()));
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int size = (n + batch.count() - 1) / batch.count();
    int from = batch.index() * size;
    int to = Math.min(n, from + size);
    long[] idx = new long[to - from];
    for (int i = from; i < to; i++) {
      idx[i - from] = perm[i];
    }
    NDArray index = points.getManager().create(idx);
    return arrays.taskAxis ? points.get(new NDIndex(":, {}", index)) : points.get(new NDIndex("{}", index));
  }

  int batchCount(int batchSize) {
    int n = size();
    return batchSize <= 0 || batchSize >= n ? 1 : (n + batchSize - 1) / batchSize;
  }

  void resample(int epoch) {
    NDArray fresh = arrays.sample(method, epoch, count, 0x1L);
    points.close();
    points = fresh;
  }

  /**
   * RAR-D when due: draws uniform candidates, scores them by their squared residual and adds the chosen ones.
   *
   * @param squaredResidual the squared residual summed over equations at points ({@code [.., N]})
   * @param epoch the epoch
   */
  void refine(UnaryOperator<NDArray> squaredResidual, int epoch) {
    if (!refinement.due(epoch)) {
      return;
    }
    int m = refinement.candidates();
    int d = arrays.pde.domain().dim();
    double[] candidates;
    double[] score;
    try (NDManager scratch = arrays.manager.newSubManager(); NDScope scope = new NDScope()) {
      NDArray x = arrays.sample(SamplingMethod.UNIFORM, epoch, m, 0x5L);
      x.attach(scratch);
      candidates = x.toType(DataType.FLOAT64, false).toDoubleArray();
      score = squaredResidual.apply(x).toType(DataType.FLOAT64, false).toDoubleArray();
    }
    int n = refinement.points();
    NDList perTask = new NDList();
    for (int t = 0; t < arrays.tasks.size(); t++) {
      int[] chosen = chooseByResidual(score, t * m, m, n, arrays.seed(0x6L, epoch, arrays.tasks.get(t)));
      double[] rows = new double[n * d];
      for (int i = 0; i < n; i++) {
        System.arraycopy(candidates, (t * m + chosen[i]) * d, rows, i * d, d);
      }
      perTask.add(arrays.cast(arrays.manager.create(rows, new Shape(n, d))));
    }
    NDArray added = arrays.taskAxis ? NDArrays.stack(perTask, 0) : perTask.get(0);
    NDArray grown = NDArrays.concat(new NDList(points, added), arrays.taskAxis ? 1 : 0);
    if (arrays.taskAxis) {
      perTask.forEach(NDArray::close);
    }
    added.close();
    points.close();
    points = grown;
  }

  /**
   * Draws {@code n} of {@code m} candidates without replacement with probability
   * {@code eps^k / mean(eps^k) + c} (Efraimidis and Spirakis: the n largest keys {@code u^(1/w)}).
   */
  private int[] chooseByResidual(double[] score, int offset, int m, int n, long stream) {
    double k = refinement.k();
    double mean = 0;
    double[] w = new double[m];
    for (int i = 0; i < m; i++) {
      w[i] = Math.pow(Math.sqrt(Math.max(score[offset + i], 0)), k); // |residual|^k
      mean += w[i] / m;
    }
    SplittableRandom rng = new SplittableRandom(stream);
    Integer[] order = new Integer[m];
    double[] key = new double[m];
    for (int i = 0; i < m; i++) {
      double weight = (mean > 0 ? w[i] / mean : 1) + refinement.c();
      key[i] = weight > 0 ? Math.log(1 - rng.nextDouble()) / weight : Double.NEGATIVE_INFINITY;
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(key[b], key[a]));
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = order[i];
    }
    return out;
  }
}
