package org.pinnadapt.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.core.experiment.EvaluationGrid;

/**
 * The grid of a solve request and the points it evaluates: {@code grid=NXxNY} sizes every input (a time-dependent
 * PDE's time too), or with {@code t=T} the space inputs of that time slice; at most {@link Solver#MAX_POINTS}.
 *
 * @param grid the grid (over the space inputs for a time slice)
 * @param points the points, one column per domain input
 * @param inputs the gridded inputs' names
 * @param axes each gridded input's values
 * @param time the time of a slice, or null
 */
record SolveGrid(EvaluationGrid grid, PointSet points, List<String> inputs, List<double[]> axes, Double time) {

  /**
   * Reads a request's grid.
   *
   * @param domain the PDE's domain
   * @param query the request's parameters ({@code grid}, {@code t})
   * @return the grid
   */
  static SolveGrid of(Domain domain, Map<String, String> query) {
    String spec = query.getOrDefault("grid", "51x51");
    String tText = query.get("t");
    Input time = domain.time().orElse(null);
    if (tText != null && time == null) {
      throw new HttpError(400, "t=" + tText + ": the PDE is steady (no time input)");
    }
    List<Input> axesInputs = tText == null ? domain.inputs() : domain.space();
    String[] parts = spec.toLowerCase(Locale.ROOT).split("x", -1);
    if (parts.length != axesInputs.size()) {
      throw new HttpError(400, "grid=" + spec + ": needs " + axesInputs.size() + " sizes ("
          + String.join("x", axesInputs.stream().map(Input::name).toList()) + "), like "
          + String.join("x", axesInputs.stream().map(i -> "51").toList()));
    }
    int[] counts = new int[parts.length];
    long total = 1;
    for (int i = 0; i < parts.length; i++) {
      try {
        counts[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new HttpError(400, "grid=" + spec + ": '" + parts[i] + "' is not a size");
      }
      if (counts[i] < 2) {
        throw new HttpError(400, "grid=" + spec + ": each size must be at least 2");
      }
      total *= counts[i];
      if (total > Solver.MAX_POINTS) {
        throw new HttpError(400, "grid=" + spec + ": more than " + Solver.MAX_POINTS + " points (the cap)");
      }
    }
    List<String> names = axesInputs.stream().map(Input::name).toList();
    if (tText == null) {
      EvaluationGrid g = new EvaluationGrid(domain, counts);
      List<double[]> axes = new ArrayList<>();
      for (int i = 0; i < counts.length; i++) {
        axes.add(g.axis(i));
      }
      return new SolveGrid(g, g.points(), names, axes, null);
    }
    double t = Solver.number("t", tText);
    if (t < time.min() || t > time.max()) {
      throw new HttpError(400, "t=" + tText + " is outside the time range [" + time.min() + ", " + time.max() + "]");
    }
    EvaluationGrid space = new EvaluationGrid(new Domain(domain.space()), counts);
    PointSet sp = space.points();
    int d = domain.dim();
    int ti = domain.index(time.name());
    double[] data = new double[sp.size() * d];
    for (int p = 0; p < sp.size(); p++) {
      for (int c = 0, s = 0; c < d; c++) {
        data[p * d + c] = c == ti ? t : sp.get(p, s++);
      }
    }
    List<double[]> axes = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      axes.add(space.axis(i));
    }
    return new SolveGrid(space, new PointSet(data, d), names, axes, t);
  }

}
