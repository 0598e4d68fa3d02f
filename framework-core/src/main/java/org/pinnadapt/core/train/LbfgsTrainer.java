package org.pinnadapt.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.api.train.StopReason;
import org.pinnadapt.api.train.Trainer;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingProblem;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.api.train.TrainingState;
import org.pinnadapt.core.train.WolfeLineSearch.Evaluation;

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


  @Override
  public String id() {
    return "lbfgs";
  }

  @Override
  public TrainingResult train(TrainingProblem problem, TrainerConfig config, String label, TrainingListener listener) {
    return run(problem, config, label, listener, List.of(), 0);
  }

  TrainingResult run(TrainingProblem problem, TrainerConfig config, String label, TrainingListener listener,
      List<HistoryRow> prior, int epochOffset) {
    Params params = problem.parameters();
    List<Shape> shapes = params.arrays().stream().map(NDArray::getShape).toList();
    boolean validating = TrainingSession.validates(problem, config);
    int maxEpochs = epochOffset + config.lbfgsIterations();
    try (TrainingSession session = new TrainingSession(PHASE, problem, config, label, listener, maxEpochs,
        validating, prior)) {
      NDManager mgr = session.stateManager();
      Memory memory = new Memory(mgr, config.lbfgsHistory());
      int start = resume(config, params, memory, session, epochOffset);
      listener.started(label, maxEpochs);
      Evaluation current = WolfeLineSearch.evaluate(problem, config, start, mgr);
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
        Direction dir = memory.descent(g, config.lbfgsToleranceChange());
        NDArray d = dir.d();
        double gtd = dir.gtd();
        double t = (iter == start && memory.isEmpty()) ? Math.min(1.0, 1.0 / Math.max(sumAbs(g), 1e-300)) : 1.0;
        WolfeLineSearch ls = new WolfeLineSearch(problem, config, mgr, shapes, d, iter);
        Evaluation next = ls.search(current, t, gtd);
        if (next == null) {
          // no decrease along d (the parameters are back at x0): retry once from steepest descent with a
          // fresh history, else no further progress is possible at this precision
          ls.close();
          d.close();
          if (!memory.isEmpty()) { // an empty history means d was already the steepest descent
            memory.clear();
            iter--;
            continue;
          }
          session.stop(StopReason.CONVERGED, current.loss());
          break;
        }
        double step = ls.step();
        memory.add(keep(d.mul(step), mgr), keep(next.gradient().sub(g), mgr));
        double change = Math.abs(next.loss() - current.loss());
        double stepNorm = step * maxAbs(d);
        d.close();
        ls.close();
        current.gradient().close();
        current = next;
        if (!endIteration(session, iter, current, TrainingSession.validation(problem, config, validating, iter,
            maxEpochs), memory, change < config.lbfgsToleranceChange() || stepNorm < config.lbfgsToleranceChange())) {
          break;
        }
      }
      current.gradient().close();
      memory.clear();
      return session.finish();
    }
  }

  /** Restores a checkpoint of this phase if there is one; returns the iteration to start from. */
  private static int resume(TrainerConfig config, Params params, Memory memory, TrainingSession session, int start) {
    TrainingState resumed = TrainingSession.resumable(config, PHASE);
    if (resumed == null) {
      return start;
    }
    params.assign(resumed.parameters());
    memory.restore(resumed);
    session.restore(resumed);
    return resumed.epoch();
  }

  /**
   * Records an iteration (history, progress, checkpoint) and decides whether to go on: not when the session
   * stops (time, patience, divergence) or the loss or the step no longer change ({@code converged}).
   */
  private static boolean endIteration(TrainingSession session, int iter, Evaluation current, double validation,
      Memory memory, boolean converged) {
    boolean go = session.endEpoch(iter, current.loss(), current.terms(), Double.NaN, validation);
    session.maybeCheckpoint(iter, memory.state(), Map.of("pairs", (double) memory.size()));
    if (!go) {
      return false;
    }
    if (converged) {
      session.stop(StopReason.CONVERGED, current.loss());
      return false;
    }
    return true;
  }

  /** A search direction and the directional derivative {@code g.d} along it. */
  private record Direction(NDArray d, double gtd) {}

  /** The correction pairs {@code s = x_{k+1} - x_k}, {@code y = g_{k+1} - g_k}, at most {@code size}, oldest first. */
  private static final class Memory {
    private final NDManager mgr;
    private final int size;
    private final List<NDArray> s = new ArrayList<>();
    private final List<NDArray> y = new ArrayList<>();

    Memory(NDManager mgr, int size) {
      this.mgr = mgr;
      this.size = size;
    }

    boolean isEmpty() {
      return s.isEmpty();
    }

    int size() {
      return s.size();
    }

    void restore(TrainingState resumed) {
      int pairs = resumed.scalars().getOrDefault("pairs", 0.0).intValue();
      for (int i = 0; i < pairs; i++) {
        s.add(keep(resumed.optimizer().get("s" + i).duplicate(), mgr));
        y.add(keep(resumed.optimizer().get("y" + i).duplicate(), mgr));
      }
    }

    /** Keeps a pair when its curvature {@code y.s} is positive (else drops it), forgetting the oldest beyond size. */
    void add(NDArray sk, NDArray yk) {
      if (Vectors.dot(yk, sk) > 1e-10) {
        s.add(sk);
        y.add(yk);
        if (s.size() > size) {
          s.remove(0).close();
          y.remove(0).close();
        }
      } else {
        sk.close();
        yk.close();
      }
    }

    /**
     * The quasi-Newton direction, or the steepest descent (with a fresh memory) when it is not a descent
     * direction by more than {@code tolerance} (numerical noise); with its directional derivative.
     */
    Direction descent(NDArray g, double tolerance) {
      NDArray d;
      try (NDScope scope = new NDScope()) {
        d = direction(g, s, y);
        NDScope.unregister(d);
      }
      keep(d, mgr);
      double gtd = Vectors.dot(g, d);
      if (gtd > -tolerance) {
        d.close();
        d = keep(g.neg(), mgr);
        gtd = Vectors.dot(g, d);
        clear();
      }
      return new Direction(d, gtd);
    }

    /** The pairs as a checkpoint's optimizer state. */
    Params state() {
      Params state = new Params();
      for (int i = 0; i < s.size(); i++) {
        state.put("s" + i, s.get(i)).put("y" + i, y.get(i));
      }
      return state;
    }

    void clear() {
      s.forEach(NDArray::close);
      y.forEach(NDArray::close);
      s.clear();
      y.clear();
    }
  }

  static NDArray keep(NDArray a, NDManager mgr) {
    NDScope.unregister(a);
    a.attach(mgr);
    return a;
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


}
