package org.pinnadapt.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingProblem;

/**
 * L-BFGS's strong-Wolfe line search along a direction {@code d} from {@code x0}: it moves the problem's parameters
 * to {@code x0 + t d} for each trial and leaves them at the accepted step (or back at x0).
 */
final class WolfeLineSearch implements AutoCloseable {

  private static final double C1 = 1e-4;
  private static final double C2 = 0.9;
  private static final int MAX_LINE_SEARCH = 25;

  /**
   * One function evaluation.
   *
   * @param loss the weighted loss
   * @param terms its terms
   * @param gradient the flat gradient
   */
  record Evaluation(double loss, Map<String, Double> terms, NDArray gradient) {}

  /** Loss and flat gradient at the current parameters; the gradient is owned by {@code mgr}. */
  static Evaluation evaluate(TrainingProblem problem, TrainerConfig config, int epoch, NDManager mgr) {
    Params params = problem.parameters();
    Evaluation e;
    try (NDScope scope = new NDScope()) {
      LossTerms terms;
      NDArray total;
      try (Autograd.Recording r = Autograd.record()) {
        terms = problem.loss(Batch.full(epoch));
        total = terms.total(config.lossWeights());
        Autograd.backward(total);
      }
      double loss = Autograd.value(total);
      List<NDArray> grads = new ArrayList<>();
      for (NDArray p : params.arrays()) {
        grads.add(p.getGradient());
      }
      NDArray flat = Vectors.flatten(grads).duplicate();
      LbfgsTrainer.keep(flat, mgr);
      e = new Evaluation(loss, Double.isFinite(loss) ? terms.values() : new LinkedHashMap<>(), flat);
    }
    Autograd.zeroGradients(params);
    return e;
  }

  private final TrainingProblem problem;
  private final TrainerConfig config;
  private final NDManager mgr;
  private final Params params;
  private final List<Shape> shapes;
  private final List<NDArray> x0 = new ArrayList<>();
  private final NDArray d;
  private final int epoch;
  private final List<Evaluation> trash = new ArrayList<>();
  private double step;
  private int evals;
  private Evaluation start;
  private double f0;
  private double gtd0;
  private double lo;
  private double hi;
  private double fLo;
  private double fHi;
  private double gLo;
  private double gHi;
  private Evaluation loEval;

  /**
   * A line search along {@code d} from the problem's parameters now (copied as {@code x0}).
   *
   * @param problem the problem; its parameters move
   * @param config the training configuration (loss weights, tolerance)
   * @param mgr owns the evaluations' gradients and the copy of x0
   * @param shapes the parameters' shapes (to unflatten d)
   * @param d the direction, flat
   * @param epoch the iteration (the loss's batch epoch)
   */
  WolfeLineSearch(TrainingProblem problem, TrainerConfig config, NDManager mgr, List<Shape> shapes, NDArray d,
      int epoch) {
    this.problem = problem;
    this.config = config;
    this.mgr = mgr;
    this.params = problem.parameters();
    this.shapes = shapes;
    this.d = d;
    this.epoch = epoch;
    for (NDArray p : params.arrays()) {
      x0.add(LbfgsTrainer.keep(p.duplicate(), mgr));
    }
  }

  double step() {
    return step;
  }

  private Evaluation at(double t) {
    try (NDScope scope = new NDScope()) {
      NDList parts = Vectors.unflatten(d, shapes);
      List<NDArray> arrays = params.arrays();
      for (int i = 0; i < arrays.size(); i++) {
        Autograd.copyInto(arrays.get(i), x0.get(i).add(parts.get(i).mul(t)));
      }
    }
    Evaluation e = evaluate(problem, config, epoch, mgr);
    trash.add(e);
    return e;
  }

  /**
   * Searches for a step that satisfies the strong Wolfe conditions: a bracketing phase from {@code t}, then a
   * zoom into the bracket (Nocedal and Wright, Algorithms 3.5 and 3.6, cubic interpolation).
   *
   * @param start the evaluation at x0
   * @param t the first trial step
   * @param gtd0 the directional derivative at x0 (negative)
   * @return the accepted evaluation (the parameters left at x0 + step d), or null for no decrease (back at x0)
   */
  Evaluation search(Evaluation start, double t, double gtd0) {
    this.start = start;
    this.f0 = start.loss();
    this.gtd0 = gtd0;
    double tPrev = 0;
    double fPrev = f0;
    double gtdPrev = gtd0;
    Evaluation prevEval = start;
    while (evals < MAX_LINE_SEARCH) {
      Evaluation e = at(t);
      evals++;
      if (!Double.isFinite(e.loss())) {
        t = (tPrev + t) / 2; // step too long: shrink
        if (t < 1e-20) {
          return finish(null, 0);
        }
        continue;
      }
      double gtd = Vectors.dot(e.gradient(), d);
      if (e.loss() > f0 + C1 * t * gtd0 || (evals > 1 && e.loss() >= fPrev)) {
        bracket(tPrev, fPrev, gtdPrev, prevEval, t, e.loss(), gtd);
        return zoom();
      }
      if (Math.abs(gtd) <= -C2 * gtd0) {
        return finish(e, t);
      }
      if (gtd >= 0) {
        bracket(t, e.loss(), gtd, e, tPrev, fPrev, gtdPrev);
        return zoom();
      }
      double next = cubic(tPrev, fPrev, gtdPrev, t, e.loss(), gtd, t + 0.01 * (t - tPrev), t * 10);
      tPrev = t;
      fPrev = e.loss();
      gtdPrev = gtd;
      prevEval = e;
      t = next;
    }
    return finish(prevEval == start ? null : prevEval, tPrev);
  }

  private void bracket(double tLo, double fLoValue, double gLoValue, Evaluation loValue, double tHi, double fHiValue,
      double gHiValue) {
    lo = tLo;
    fLo = fLoValue;
    gLo = gLoValue;
    loEval = loValue;
    hi = tHi;
    fHi = fHiValue;
    gHi = gHiValue;
  }

  /** Shrinks the bracket [lo, hi] until a point satisfies the strong Wolfe conditions or the budget ends. */
  private Evaluation zoom() {
    while (evals < MAX_LINE_SEARCH) {
      if (Math.abs(hi - lo) * Autograd.value(d.abs().max()) < config.lbfgsToleranceChange()) {
        break;
      }
      double a = Math.min(lo, hi);
      double b = Math.max(lo, hi);
      double tz = cubic(lo, fLo, gLo, hi, fHi, gHi, a, b);
      double margin = 0.1 * (b - a);
      if (tz - a < margin || b - tz < margin) {
        tz = (a + b) / 2; // safeguard: stay inside the bracket
      }
      Evaluation e = at(tz);
      evals++;
      double gtd = Double.isFinite(e.loss()) ? Vectors.dot(e.gradient(), d) : Double.NaN;
      if (!Double.isFinite(e.loss()) || e.loss() > f0 + C1 * tz * gtd0 || e.loss() >= fLo) {
        hi = tz;
        fHi = Double.isFinite(e.loss()) ? e.loss() : Double.MAX_VALUE;
        gHi = Double.isFinite(gtd) ? gtd : 0;
      } else {
        if (Math.abs(gtd) <= -C2 * gtd0) {
          return finish(e, tz);
        }
        if (gtd * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
          gHi = gLo;
        }
        lo = tz;
        fLo = e.loss();
        gLo = gtd;
        loEval = e;
      }
    }
    // best point found (sufficient decrease holds for lo unless it is the start)
    return finish(loEval == start ? null : loEval, lo);
  }

  private Evaluation finish(Evaluation e, double t) {
    if (e == null) {
      // no decrease: stay at x0
      step = 0;
      try (NDScope scope = new NDScope()) {
        List<NDArray> arrays = params.arrays();
        for (int i = 0; i < arrays.size(); i++) {
          Autograd.copyInto(arrays.get(i), x0.get(i));
        }
      }
      return null;
    }
    step = t;
    try (NDScope scope = new NDScope()) { // the last trial may have been elsewhere
      NDList parts = Vectors.unflatten(d, shapes);
      List<NDArray> arrays = params.arrays();
      for (int i = 0; i < arrays.size(); i++) {
        Autograd.copyInto(arrays.get(i), x0.get(i).add(parts.get(i).mul(t)));
      }
    }
    trash.remove(e);
    return e;
  }

  /** The minimizer of the cubic through (t1, f1, g1), (t2, f2, g2), clipped to [lo, hi]. */
  private static double cubic(double t1, double f1, double g1, double t2, double f2, double g2,
      double lo, double hi) {
    double d1 = g1 + g2 - 3 * (f1 - f2) / (t1 - t2);
    double sq = d1 * d1 - g1 * g2;
    if (sq >= 0 && t1 != t2) {
      double d2 = Math.sqrt(sq) * Math.signum(t2 - t1);
      double tmin = t2 - (t2 - t1) * (g2 + d2 - d1) / (g2 - g1 + 2 * d2);
      if (Double.isFinite(tmin)) {
        return Math.min(Math.max(tmin, lo), hi);
      }
    }
    return (lo + hi) / 2;
  }

  /** Frees every evaluation but the accepted one, and the copy of x0. */
  @Override
  public void close() {
    for (Evaluation e : trash) {
      e.gradient().close();
    }
    x0.forEach(NDArray::close);
  }
}
