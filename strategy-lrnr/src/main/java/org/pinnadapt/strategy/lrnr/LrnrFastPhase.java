package org.pinnadapt.strategy.lrnr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.StrategyContext;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.api.train.LrSchedule;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingProblem;
import org.pinnadapt.api.train.TrainingResult;

/**
 * FastLRNR's fast phase (SPInProp) for {@link LrnrStrategy} with {@code phase=fast}: the meta-learned network
 * reduced by the empirical interpolation method (EIM) to a few neurons per layer, and a new task's coefficients
 * trained through it on the L1 residual and initial-condition errors at a dozen sample points.
 */
final class LrnrFastPhase {

  /**
   * A task's trained coefficients.
   *
   * @param state the coefficients {@code s0, s1, ...}
   * @param training the fast phase's training
   */
  record Trained(Params state, TrainingResult training) {}

  private final LrnrConfig config;
  private final Eim eim;
  private final double eimError;
  private final SamplePoints samples;
  private final LrnrModel model;
  private final Params params;
  private final Network net;

  private LrnrFastPhase(LrnrConfig config, Eim eim, double eimError, SamplePoints samples, LrnrModel model,
      Params params, Network net) {
    this.config = config;
    this.model = model;
    this.params = params;
    this.net = net;
    this.eim = eim;
    this.eimError = eimError;
    this.samples = samples;
  }

  /** @return the EIM-reduced network */
  Eim eim() {
    return eim;
  }

  /** @return the largest relative difference to the full network on the held-out sample */
  double eimError() {
    return eimError;
  }

  /**
   * Builds the EIM-reduced network of a meta-learned model from coefficient snapshots at random parameters in
   * the range of the training tasks, and checks it on one more, held-out sample.
   *
   * @param config the configuration
   * @param ctx the context
   * @param model the meta-learned model
   * @param params its parameters
   * @param net its network (the fast phase's check evaluates it)
   * @param hyperNet its hypernetwork
   * @param train the meta-learning tasks (their range)
   * @return the fast phase
   */
  static LrnrFastPhase build(LrnrConfig config, StrategyContext ctx, LrnrModel model, Params params, Network net,
      Network hyperNet, List<Task> train) {
    Pde pde = ctx.pde();
    SamplePoints samples = SamplePoints.of(pde.domain(), config.eimSpacePoints(), config.eimTimePoints(),
        config.eimDelta());
    int e = pde.embeddingDimension();
    double[] lo = LrnrMetaLearning.rangeMin(train, e);
    double[] hi = LrnrMetaLearning.rangeMax(train, e);
    SplittableRandom rng = new SplittableRandom(ctx.seed() * 101 + 3);
    int n = config.eimSamples() + 1; // the last one is held out for the check
    double[][] z = new double[n][e];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < e; j++) {
        z[i][j] = lo[j] + (hi[j] - lo[j]) * rng.nextDouble();
      }
    }
    double[][] s = LrnrMetaLearning.coefficientsOnHost(model, hyperNet, params, z, ctx.compute().manager(), ctx.compute().dataType());
    List<double[][]> perLayer = new ArrayList<>();
    int offset = 0;
    for (int r : model.ranks()) {
      double[][] layer = new double[n - 1][r];
      for (int i = 0; i < n - 1; i++) {
        System.arraycopy(s[i], offset, layer[i], 0, r);
      }
      perLayer.add(layer);
      offset += r;
    }
    long t0 = System.nanoTime();
    Eim eim = Eim.build(model, params, perLayer, samples.all(), config.eimTolerance(), config.eimMaxRank(),
        ctx.compute().manager().newSubManager(), ctx.compute().dataType());
    // check on the held-out sample: reduced states and output against the full network's
    List<double[]> held = new ArrayList<>();
    offset = 0;
    for (int r : model.ranks()) {
      held.add(Arrays.copyOfRange(s[n - 1], offset, offset + r));
      offset += r;
    }
    double eimError = checkError(model, params, eim, held, samples.all());
    ctx.store().info(String.format(Locale.ROOT, "lrnr: EIM-reduced network of sizes %s from %d snapshots at %d points in "
        + "%.1f s; largest relative difference to the full network at the sample points, held-out parameter: %.2e",
        Arrays.toString(eim.sizes()), n - 1, samples.all().length, (System.nanoTime() - t0) / 1e9, eimError));
    return new LrnrFastPhase(config, eim, eimError, samples, model, params, net);
  }

  /**
   * The largest relative difference between reduced and full hidden states and outputs at points.
   *
   * @param model the model
   * @param p its parameters
   * @param eim the reduced network
   * @param s coefficients per layer
   * @param points the points
   * @return the largest relative difference over hidden states and the output
   */
  static double checkError(LrnrModel model, Params p, Eim eim, List<double[]> s, double[][] points) {
    List<double[][]> full = Eim.hiddenStates(model, p, s, points);
    List<double[][]> reduced = eim.reducedStates(s, points);
    double worst = 0;
    for (int j = 0; j < full.size(); j++) {
      int[] idx = eim.indices(j);
      double num = 0;
      double den = 0;
      for (int i = 0; i < points.length; i++) {
        for (int k = 0; k < idx.length; k++) {
          double d = reduced.get(j)[i][k] - full.get(j)[i][idx[k]];
          num += d * d;
          den += full.get(j)[i][idx[k]] * full.get(j)[i][idx[k]];
        }
      }
      worst = Math.max(worst, Math.sqrt(num / Math.max(den, 1e-300)));
    }
    return worst;
  }

  /**
   * The largest relative difference between the reduced and the full network at the sample points for given
   * coefficients: small at the hypernetwork's coefficients (the snapshots' manifold), and the measure of how far the
   * fast phase's optimum can be trusted once it moves off it.
   *
   * @param model the meta-learned model
   * @param params its parameters
   * @param coefficients the coefficients per layer
   * @return the relative difference
   */
  double reducedError(LrnrModel model, Params params, List<NDArray> coefficients) {
    List<double[]> s = new ArrayList<>();
    for (NDArray c : coefficients) {
      s.add(c.toType(DataType.FLOAT64, false).toDoubleArray());
    }
    return checkError(model, params, eim, s, samples.all());
  }

  /**
   * Trains a task's coefficients from the hypernetwork's through the reduced network at the sample points.
   *
   * @param task the task
   * @param predicted the hypernetwork's coefficients per layer (attached to {@code m} here)
   * @param ctx the context
   * @param m the solution's memory scope
   * @return the trained coefficients ({@code s0, s1, ...}) and the training
   */
  Trained train(Task task, List<NDArray> predicted, StrategyContext ctx, NDManager m) {
    Params state = new Params();
    Params guess = new Params();
    NDList anchors = new NDList();
    for (int l = 0; l < predicted.size(); l++) {
      predicted.get(l).attach(m);
      state.put("s" + l, predicted.get(l));
      NDArray a = predicted.get(l).duplicate();
      a.attach(m);
      anchors.add(a);
      guess.put("s" + l, a);
    }
    Network reduced = ctx.compute().network(eim.reducedSpec());
    TrainingResult result;
    double guessCheck = Double.NaN;
    boolean checking = config.fastCheckEvery() > 0;
    try (NDManager data = ctx.compute().manager().newSubManager()) {
      DataType type = ctx.compute().dataType();
      SampledL1 sampled = SampledL1.of(ctx.pde(), task, samples.interior(), samples.initial(), data, type);
      Check check = null;
      if (checking) {
        check = Check.of(ctx, task, model, params, net, config.fastCheckPoints(), data);
        guessCheck = check.value(predicted);
      }
      FastProblem problem = new FastProblem(sampled, eim, reduced, state, anchors, config.locality(), check);
      TrainerConfig cfg = TrainerConfig.builder().optEpochs(config.fastEpochs())
          .optSchedule(LrSchedule.constant(config.fastLr())).optValidateEvery(config.fastCheckEvery())
          .optRestoreBest(checking).build();
      result = ctx.training().trainer("adam").train(problem, cfg, "lrnr fast " + task.id(), ctx.training().listener());
    }
    for (NDArray a : state.arrays()) {
      a.setRequiresGradient(false);
    }
    boolean keptGuess = checking && !(result.bestValidation() < guessCheck);
    if (keptGuess) {
      state.assign(guess);
    }
    if (checking) {
      ctx.store().info(String.format(Locale.ROOT, "lrnr fast %s: full network at %d held-out points, L1 loss %.4e at "
          + "the hypernetwork's coefficients, %.4e at the fast phase's best (epoch %d): kept %s", task.id(),
          config.fastCheckPoints(), guessCheck, result.bestValidation(), result.bestEpoch(),
          keptGuess ? "the hypernetwork's" : "the fast phase's"));
    }
    anchors.close();
    return new Trained(state, result);
  }

  /**
   * The EIM sample points: per spatial input {@code n_s} equispaced points (periodic inputs from the
   * lower end, others cell-centered), {@code n_t} times from start to end, and for each center its
   * {@code +-delta} shifts along every input.
   *
   * @param centers the centers {@code [M0][d]}
   * @param all the centers followed by their shifts
   * @param timeIndex the time column, or -1
   * @param timeStart the start time
   */
  record SamplePoints(double[][] centers, double[][] all, int timeIndex, double timeStart) {

    static SamplePoints of(Domain d, int nSpace, int nTime, double delta) {
      List<double[]> axes = new ArrayList<>();
      int timeIndex = -1;
      for (int i = 0; i < d.dim(); i++) {
        Input in = d.inputs().get(i);
        double[] v;
        if (in.time()) {
          timeIndex = i;
          v = new double[nTime];
          for (int k = 0; k < nTime; k++) {
            v[k] = nTime == 1 ? in.min() : in.min() + (in.max() - in.min()) * k / (nTime - 1);
          }
        } else {
          v = new double[nSpace];
          for (int k = 0; k < nSpace; k++) {
            v[k] = in.periodic() ? in.min() + (in.max() - in.min()) * k / nSpace
                : in.min() + (in.max() - in.min()) * (k + 0.5) / nSpace;
          }
        }
        axes.add(v);
      }
      int total = 1;
      for (double[] a : axes) {
        total *= a.length;
      }
      double[][] centers = new double[total][d.dim()];
      for (int g = 0; g < total; g++) {
        int rest = g;
        for (int i = d.dim() - 1; i >= 0; i--) {
          double[] a = axes.get(i);
          centers[g][i] = a[rest % a.length];
          rest /= a.length;
        }
      }
      List<double[]> all = new ArrayList<>(Arrays.asList(centers));
      for (double[] c : centers) {
        for (int i = 0; i < d.dim(); i++) {
          for (int sign : new int[] {-1, 1}) {
            double[] p = c.clone();
            p[i] += sign * delta;
            all.add(p);
          }
        }
      }
      double start = timeIndex >= 0 ? d.inputs().get(timeIndex).min() : Double.NaN;
      return new SamplePoints(centers, all.toArray(new double[0][]), timeIndex, start);
    }

    double[][] initial() {
      return Arrays.stream(centers).filter(c -> c[timeIndex] == timeStart).toArray(double[][]::new);
    }

    double[][] interior() {
      return Arrays.stream(centers).filter(c -> c[timeIndex] != timeStart).toArray(double[][]::new);
    }
  }

  /**
   * The full network's loss at held-out points, the fast phase's check.
   *
   * @param points the held-out points' loss
   * @param net the full network
   * @param model the meta-learned model
   * @param params its parameters
   */
  record Check(SampledL1 points, Network net, LrnrModel model, Params params) {

    /**
     * The check of a task: {@code points} interior and a quarter as many initial points, uniform, the same for every
     * task of a run (drawn from the run's seed).
     */
    static Check of(StrategyContext ctx, Task task, LrnrModel model, Params params, Network net, int points,
        NDManager m) {
      Domain d = ctx.pde().domain();
      SplittableRandom rng = new SplittableRandom(ctx.seed() * 131 + 7);
      SampledL1 l1 = SampledL1.of(ctx.pde(), task, SampledL1.uniform(d, points, false, rng),
          SampledL1.uniform(d, Math.max(1, points / 4), true, rng), m, ctx.compute().dataType());
      return new Check(l1, net, model, params);
    }

    LossTerms terms(List<NDArray> s) {
      return points.terms(net, model.weights(params, s, null));
    }

    /** The weighted total of {@link #terms}, evaluated in its own scope. */
    double value(List<NDArray> s) {
      try (NDScope scope = new NDScope()) {
        return terms(s).total(Map.of()).toType(DataType.FLOAT64, false).getDouble();
      }
    }
  }

  /** The fast phase: L1 residual and initial-condition errors at the sample points, plus locality. */
  static final class FastProblem implements TrainingProblem {
    private final SampledL1 sampled;
    private final Eim eim;
    private final Network reduced;
    private final Params state;
    private final NDList anchors;
    private final double locality;
    private final Check check;

    FastProblem(SampledL1 sampled, Eim eim, Network reduced, Params state, NDList anchors, double locality,
        Check check) {
      this.sampled = sampled;
      this.eim = eim;
      this.reduced = reduced;
      this.state = state.requireGradients();
      this.anchors = anchors;
      this.locality = locality;
      this.check = check;
    }

    @Override
    public Params parameters() {
      return state;
    }

    List<NDArray> coefficients() {
      List<NDArray> s = new ArrayList<>();
      for (int l = 0; l < anchors.size(); l++) {
        s.add(state.get("s" + l));
      }
      return s;
    }

    @Override
    public LossTerms loss(Batch batch) {
      List<NDArray> s = coefficients();
      LossTerms terms = sampled.terms(reduced, eim.weights(s));
      if (locality > 0) {
        NDArray loc = null;
        for (int l = 0; l < anchors.size(); l++) {
          NDArray d = s.get(l).sub(anchors.get(l)).abs().sum();
          loc = loc == null ? d : loc.add(d);
        }
        terms.add("locality", Scalars.mul(loc, locality));
      }
      return terms;
    }

    @Override
    public LossTerms validationLoss() {
      return check == null ? null : check.terms(coefficients());
    }
  }
}
