package org.pinnadapt.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.loss.Metrics;

/**
 * The cheapest resolution of a PDE's numerical reference solver that is as accurate as a given prediction (issue 20,
 * CoLoRA-EQ against the solver it replaces). A plug-in whose reference is a solver declares its resolution as two
 * options, {@code solver-points} (grid points or modes, an integer) and {@code solver-dt} (the time step); the ladder
 * runs from the coarsest values the options allow (their bounds) to the plug-in's defaults, doubling the points and
 * halving the step, in order of cost (points over step). Each rung's error is measured against the defaults' solution
 * on the same grid, and its time is the best of three runs of the solver on that grid (the solve and the evaluation
 * on the grid, as for the default reference). The first rung whose error is at most the prediction's is the match.
 */
public final class ReferenceLadder {

  /** The option holding the solver's points. */
  public static final String POINTS = "solver-points";
  /** The option holding the solver's time step. */
  public static final String STEP = "solver-dt";

  private final PinnAdapt pa;
  private final String pdeId;
  private final Map<String, Object> pdeOptions;
  private final List<Map<String, Object>> rungs;

  /**
   * One resolution of the solver, measured.
   *
   * @param points its points
   * @param dt its step
   * @param relL2 its error against the default resolution on the grid
   * @param ms its time to the solution on the grid (best of three)
   */
  public record Rung(int points, double dt, double relL2, double ms) {

    /**
     * The JSON form.
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      return BenchRuns.map(POINTS, points, STEP, dt, "rel_l2", relL2, "ms", ms);
    }
  }

  private ReferenceLadder(PinnAdapt pa, String pdeId, Map<String, Object> pdeOptions,
      List<Map<String, Object>> rungs) {
    this.pa = pa;
    this.pdeId = pdeId;
    this.pdeOptions = pdeOptions;
    this.rungs = rungs;
  }

  /**
   * The ladder of a PDE, if its plug-in declares the two resolution options.
   *
   * @param pa the framework
   * @param pdeId the PDE
   * @param pdeOptions the experiment's options of the PDE (kept on every rung)
   * @return the ladder, or empty when the reference has no resolution to choose
   */
  public static Optional<ReferenceLadder> of(PinnAdapt pa, String pdeId, Map<String, Object> pdeOptions) {
    PdeProvider provider = pa.registry().pdeProvider(pdeId);
    OptionSpec points = null;
    OptionSpec step = null;
    for (OptionSpec o : provider.options()) {
      if (o.name().equals(POINTS) && o.type() == OptionSpec.Type.INT) {
        points = o;
      } else if (o.name().equals(STEP) && o.type() == OptionSpec.Type.DOUBLE) {
        step = o;
      }
    }
    if (points == null || step == null) {
      return Optional.empty();
    }
    int finest = pdeOptions.containsKey(POINTS) ? ((Number) pdeOptions.get(POINTS)).intValue()
        : Integer.parseInt(points.defaultValue());
    double smallest = pdeOptions.containsKey(STEP) ? ((Number) pdeOptions.get(STEP)).doubleValue()
        : Double.parseDouble(step.defaultValue());
    List<Map<String, Object>> rungs = new ArrayList<>();
    for (int n = (int) Math.max(points.min(), 2); n <= finest; n *= 2) {
      double dt = step.max();
      for (; dt > smallest * (1 + 1e-9); dt /= 2) {
        rungs.add(BenchRuns.map(POINTS, n, STEP, dt));
      }
      rungs.add(BenchRuns.map(POINTS, n, STEP, smallest));
    }
    rungs.sort(Comparator.comparingDouble(r -> ((Number) r.get(POINTS)).doubleValue() / (double) r.get(STEP)));
    return Optional.of(new ReferenceLadder(pa, pdeId, new LinkedHashMap<>(pdeOptions), List.copyOf(rungs)));
  }

  /**
   * Climbs the ladder until a rung is as accurate as the target.
   *
   * @param task the task
   * @param grid the evaluation grid
   * @param fine the default resolution's solution on the grid
   * @param target the prediction's relative L2 error
   * @return the rungs measured, the last one the match (or the finest rung when none matched)
   */
  public List<Rung> climb(Task task, PointSet grid, double[][] fine, double target) {
    List<Rung> measured = new ArrayList<>();
    for (Map<String, Object> r : rungs) {
      Map<String, Object> options = new LinkedHashMap<>(pdeOptions);
      options.putAll(r);
      Pde pde = pa.registry().pde(pdeId, options);
      double best = Double.POSITIVE_INFINITY;
      double[][] values = null;
      for (int rep = 0; rep < 3; rep++) {
        long t0 = System.nanoTime();
        values = pde.reference(task).evaluate(grid);
        best = Math.min(best, (System.nanoTime() - t0) / 1e6);
      }
      double err = Metrics.compare(pde.fields(), values, fine).relL2();
      Rung rung = new Rung(((Number) r.get(POINTS)).intValue(), (double) r.get(STEP), err, best);
      measured.add(rung);
      if (err <= target) {
        break;
      }
    }
    return measured;
  }
}
