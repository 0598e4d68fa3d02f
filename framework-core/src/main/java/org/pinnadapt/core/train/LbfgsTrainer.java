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
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.api.train.StopReason;
import org.pinnadapt.api.train.Trainer;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingProblem;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.api.train.TrainingState;

/**
 * Limited-memory BFGS (Nocedal and Wright 2006, Alg. 7.4 and 7.5) over NDArrays, so it runs on any
 * device: the two-loop recursion on flattened parameter vectors with the initial scaling
 * \( \gamma = s^T y / y^T y \), and a strong-Wolfe line search (Alg. 3.5 and 3.6, \( c_1 = 10^{-4} \),
 * \( c_2 = 0.9 \)) with safeguarded cubic interpolation. Always full batch. One iteration counts as
 * one epoch in the history.
 */
public final class LbfgsTrainer implements Trainer {

  /** The phase name in histories and checkpoints. */
  public static final String PHASE = "lbfgs";

  private static final double C1 = 1e-4;
  private static final double C2 = 0.9;
  private static final int MAX_LINE_SEARCH = 25;

  @Override
  public String id() {
    return "lbfgs";
  }

  @Override
  public TrainingResult train(TrainingProblem problem, TrainerConfig config, String label, TrainingListener listener) {
    return run(problem, config, label, listener, List.of(), 0);
  }

  /** One function evaluation: the weighted loss, its terms and the flat gradient. */
  private record Evaluation(double loss, Map<String, Double> terms, NDArray gradient) {}

  TrainingResult run(TrainingProblem problem, TrainerConfig config, String label, TrainingListener listener,
      List<HistoryRow> prior, int epochOffset) {
    Params params = problem.parameters();
    List<Shape> shapes = new ArrayList<>();
    for (NDArray a : params.arrays()) {
      shapes.add(a.getShape());
    }
    boolean validating = false;
    if (config.validateEvery() > 0) {
      try (NDScope probe = new NDScope()) {
        validating = problem.validationLoss() != null;
      }
    }
    int maxEpochs = epochOffset + config.lbfgsIterations();
    try (TrainingSession session = new TrainingSession(PHASE, problem, config, label, listener, maxEpochs,
        validating, prior)) {
      NDManager mgr = session.stateManager();
      List<NDArray> sHist = new ArrayList<>();
      List<NDArray> yHist = new ArrayList<>();
      int start = epochOffset;
      TrainingState resumed = config.checkpointer() == null ? null
          : config.checkpointer().load().filter(s -> s.phase().equals(PHASE)).orElse(null);
      if (resumed != null) {
        params.assign(resumed.parameters());
        int pairs = resumed.scalars().getOrDefault("pairs", 0.0).intValue();
        for (int i = 0; i < pairs; i++) {
          sHist.add(keep(resumed.optimizer().get("s" + i).duplicate(), mgr));
          yHist.add(keep(resumed.optimizer().get("y" + i).duplicate(), mgr));
        }
        start = resumed.epoch();
        session.restore(resumed);
        session.history().clear();
        session.history().addAll(resumed.history());
      }
      listener.started(label, maxEpochs);
      Evaluation current = evaluate(problem, config, start, mgr);
      if (!Double.isFinite(current.loss())) {
        session.diverged(current.loss());
        return session.finish();
      }
      for (int iter = start; iter < maxEpochs; iter++) {
        NDArray g = current.gradient();
        if (maxAbs(g) <= config.lbfgsTolerance()) {
          session.stop(StopReason.CONVERGED, current.loss());
          break;
        }
        NDArray d;
        try (NDScope scope = new NDScope()) {
          d = direction(g, sHist, yHist);
          NDScope.unregister(d);
        }
        keep(d, mgr);
        double gtd = Vectors.dot(g, d);
        if (gtd > -config.lbfgsToleranceChange()) {
          // not a descent direction (numerical noise): restart from steepest descent
          d.close();
          d = keep(g.neg(), mgr);
          gtd = Vectors.dot(g, d);
          clear(sHist, yHist);
        }
        double t = (iter == start && sHist.isEmpty())
            ? Math.min(1.0, 1.0 / Math.max(sumAbs(g), 1e-300)) : 1.0;
        List<NDArray> x0 = new ArrayList<>();
        for (NDArray p : params.arrays()) {
          x0.add(keep(p.duplicate(), mgr));
        }
        LineSearch ls = new LineSearch(problem, config, mgr, params, shapes, x0, d, iter);
        Evaluation next = ls.search(current, t, gtd);
        for (NDArray a : x0) {
          a.close();
        }
        if (next == null) {
          // no decrease along d (the parameters are back at x0): retry once from steepest descent with a
          // fresh history, else no further progress is possible at this precision
          ls.close();
          d.close();
          if (!sHist.isEmpty()) { // an empty history means d was already the steepest descent
            clear(sHist, yHist);
            iter--;
            continue;
          }
          session.stop(StopReason.CONVERGED, current.loss());
          break;
        }
        double step = ls.step();
        NDArray s = keep(d.mul(step), mgr);
        NDArray y = keep(next.gradient().sub(g), mgr);
        double ys = Vectors.dot(y, s);
        if (ys > 1e-10) {
          sHist.add(s);
          yHist.add(y);
          if (sHist.size() > config.lbfgsHistory()) {
            sHist.remove(0).close();
            yHist.remove(0).close();
          }
        } else {
          s.close();
          y.close();
        }
        double change = Math.abs(next.loss() - current.loss());
        double stepNorm = step * maxAbs(d);
        d.close();
        ls.close();
        current.gradient().close();
        current = next;
        double validation = Double.NaN;
        if (validating && ((iter + 1) % config.validateEvery() == 0 || iter == maxEpochs - 1)) {
          try (NDScope scope = new NDScope()) {
            validation = Autograd.value(problem.validationLoss().total(config.lossWeights()));
          }
        }
        boolean go = session.endEpoch(iter, current.loss(), current.terms(), Double.NaN, validation);
        Params state = new Params();
        for (int i = 0; i < sHist.size(); i++) {
          state.put("s" + i, sHist.get(i)).put("y" + i, yHist.get(i));
        }
        session.maybeCheckpoint(iter, state, Map.of("pairs", (double) sHist.size()));
        if (!go) {
          break;
        }
        if (change < config.lbfgsToleranceChange() || stepNorm < config.lbfgsToleranceChange()) {
          session.stop(StopReason.CONVERGED, current.loss());
          break;
        }
      }
      current.gradient().close();
      clear(sHist, yHist);
      return session.finish();
    }
  }

  private static NDArray keep(NDArray a, NDManager mgr) {
    NDScope.unregister(a);
    a.attach(mgr);
    return a;
  }

  private static void clear(List<NDArray> s, List<NDArray> y) {
    s.forEach(NDArray::close);
    y.forEach(NDArray::close);
    s.clear();
    y.clear();
  }

  /** The two-loop recursion: an approximation of -H g. */
  private static NDArray direction(NDArray g, List<NDArray> s, List<NDArray> y) {
    int k = s.size();
    NDArray q = g.neg();
    double[] alpha = new double[k];
    double[] rho = new double[k];
    for (int i = k - 1; i >= 0; i--) {
      rho[i] = 1.0 / Vectors.dot(y.get(i), s.get(i));
      alpha[i] = rho[i] * Vectors.dot(s.get(i), q);
      q = q.sub(y.get(i).mul(alpha[i]));
    }
    if (k > 0) {
      double gamma = Vectors.dot(s.get(k - 1), y.get(k - 1)) / Vectors.dot(y.get(k - 1), y.get(k - 1));
      q = q.mul(gamma);
    }
    for (int i = 0; i < k; i++) {
      double beta = rho[i] * Vectors.dot(y.get(i), q);
      q = q.add(s.get(i).mul(alpha[i] - beta));
    }
    return q;
  }

  private static double maxAbs(NDArray a) {
    return Autograd.value(a.abs().max());
  }

  private static double sumAbs(NDArray a) {
    return Autograd.value(a.abs().sum());
  }

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
      keep(flat, mgr);
      e = new Evaluation(loss, Double.isFinite(loss) ? terms.values() : new LinkedHashMap<>(), flat);
    }
    Autograd.zeroGradients(params);
    return e;
  }

  /** A strong-Wolfe line search along d from x0, which moves the parameters to x0 + t d. */
  private static final class LineSearch implements AutoCloseable {
    private final TrainingProblem problem;
    private final TrainerConfig config;
    private final NDManager mgr;
    private final Params params;
    private final List<Shape> shapes;
    private final List<NDArray> x0;
    private final NDArray d;
    private final int epoch;
    private final List<Evaluation> trash = new ArrayList<>();
    private double step;

    LineSearch(TrainingProblem problem, TrainerConfig config, NDManager mgr, Params params, List<Shape> shapes,
        List<NDArray> x0, NDArray d, int epoch) {
      this.problem = problem;
      this.config = config;
      this.mgr = mgr;
      this.params = params;
      this.shapes = shapes;
      this.x0 = x0;
      this.d = d;
      this.epoch = epoch;
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

    /** Returns the accepted evaluation; the parameters are left at x0 + step d. */
    Evaluation search(Evaluation start, double t, double gtd0) {
      double f0 = start.loss();
      double tPrev = 0;
      double fPrev = f0;
      double gtdPrev = gtd0;
      Evaluation prevEval = start;
      Evaluation accepted = null;
      double lo = 0;
      double hi = 0;
      double fLo = 0;
      double fHi = 0;
      double gLo = 0;
      double gHi = 0;
      Evaluation loEval = null;
      boolean bracketed = false;
      int evals = 0;
      while (evals < MAX_LINE_SEARCH) {
        Evaluation e = at(t);
        evals++;
        if (!Double.isFinite(e.loss())) {
          // step too long: shrink
          t = (tPrev + t) / 2;
          if (t < 1e-20) {
            return finish(null, 0);
          }
          continue;
        }
        double gtd = Vectors.dot(e.gradient(), d);
        if (e.loss() > f0 + C1 * t * gtd0 || (evals > 1 && e.loss() >= fPrev)) {
          lo = tPrev; fLo = fPrev; gLo = gtdPrev; loEval = prevEval;
          hi = t; fHi = e.loss(); gHi = gtd;
          bracketed = true;
          break;
        }
        if (Math.abs(gtd) <= -C2 * gtd0) {
          return finish(e, t);
        }
        if (gtd >= 0) {
          lo = t; fLo = e.loss(); gLo = gtd; loEval = e;
          hi = tPrev; fHi = fPrev; gHi = gtdPrev;
          bracketed = true;
          break;
        }
        double minStep = t + 0.01 * (t - tPrev);
        double maxStep = t * 10;
        double next = cubic(tPrev, fPrev, gtdPrev, t, e.loss(), gtd, minStep, maxStep);
        tPrev = t;
        fPrev = e.loss();
        gtdPrev = gtd;
        prevEval = e;
        t = next;
      }
      if (!bracketed) {
        return finish(prevEval == start ? null : prevEval, tPrev);
      }
      // zoom
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
          hi = tz; fHi = Double.isFinite(e.loss()) ? e.loss() : Double.MAX_VALUE; gHi = Double.isFinite(gtd) ? gtd : 0;
        } else {
          if (Math.abs(gtd) <= -C2 * gtd0) {
            return finish(e, tz);
          }
          if (gtd * (hi - lo) >= 0) {
            hi = lo; fHi = fLo; gHi = gLo;
          }
          lo = tz; fLo = e.loss(); gLo = gtd; loEval = e;
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

    @Override
    public void close() {
      for (Evaluation e : trash) {
        e.gradient().close();
      }
    }
  }
}
