package org.pinnadapt.core.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.core.experiment.EvaluationGrid;
import org.pinnadapt.core.io.AtomicFiles;
import org.pinnadapt.core.io.Json;
import org.pinnadapt.core.report.HeatMap;

/**
 * Writes a many-query summary into a folder: {@code summary.csv} (one row per grid point: inputs, then per field
 * mean, std and quantiles), {@code summary.npy} ({@code [statistics, points, fields]}, float32), {@code points.npy}
 * ({@code [points, inputs]}, float64), {@code tasks.csv} (the samples in the task-file format), {@code
 * summary.json} (what each array holds, the grid, the timing) and, on a two-input grid, a figure per field.
 */
public final class ManyQueryFiles {

  private ManyQueryFiles() {}

  /**
   * The statistics' names in the order of {@code summary.npy}'s first axis.
   *
   * @param levels the quantile levels
   * @return e.g. {@code mean, std, q0.05, q0.5, q0.95}
   */
  public static List<String> statistics(double[] levels) {
    List<String> names = new ArrayList<>(List.of("mean", "std"));
    for (double q : levels) {
      names.add("q" + num(q));
    }
    return names;
  }

  /**
   * Writes the files.
   *
   * @param folder the folder (exists)
   * @param r the summary
   * @param pde the PDE
   * @param grid the grid
   * @param about what to record in {@code summary.json} besides the arrays' layout (run, samples, timing)
   * @return the files written
   */
  public static List<Path> write(Path folder, ManyQuery.Result r, Pde pde, EvaluationGrid grid,
      Map<String, Object> about) {
    List<Path> files = new ArrayList<>();
    List<double[]> stats = new ArrayList<>(List.of(r.mean(), r.std()));
    stats.addAll(List.of(r.quantiles()));
    List<String> names = statistics(r.levels());
    int n = r.points().size();
    int f = r.fields().size();
    try (NpyWriter w = new NpyWriter(folder.resolve("summary.npy"), false, stats.size(), n, f)) {
      stats.forEach(w::write);
    }
    try (NpyWriter w = new NpyWriter(folder.resolve("points.npy"), true, n, r.points().dim())) {
      w.write(r.points().toArray());
    }
    files.add(folder.resolve("summary.npy"));
    files.add(folder.resolve("points.npy"));
    files.add(csv(folder.resolve("summary.csv"), r, pde, stats, names));
    files.add(tasks(folder.resolve("tasks.csv"), r, pde));
    Map<String, Object> json = new LinkedHashMap<>(about);
    json.put("samples", r.tasks().length);
    json.put("grid", grid.spec());
    json.put("grid_counts", grid.counts());
    json.put("inputs", pde.domain().names());
    json.put("fields", r.fields());
    json.put("statistics", names);
    json.put("summary_npy", "[statistics, points, fields] float32; points in points.npy order (the last input "
        + "varies fastest), so summary.reshape(len(statistics), *grid_counts, len(fields))");
    json.put("std", "sample standard deviation (n - 1)");
    json.put("quantiles", "exact; linear interpolation between order statistics (numpy.quantile's default)");
    json.put("batch", r.batch());
    json.put("compute_s", r.seconds());
    Json.write(folder.resolve("summary.json"), json);
    files.add(folder.resolve("summary.json"));
    if (grid.counts().length == 2) {
      files.addAll(figures(folder.resolve("figures"), r, pde, grid, stats, names));
    }
    return files;
  }

  private static Path csv(Path file, ManyQuery.Result r, Pde pde, List<double[]> stats, List<String> names) {
    StringBuilder sb = new StringBuilder(String.join(",", pde.domain().names()));
    for (String field : r.fields()) {
      for (String s : names) {
        sb.append(',').append(field).append('_').append(s);
      }
    }
    sb.append('\n');
    int f = r.fields().size();
    for (int p = 0; p < r.points().size(); p++) {
      for (int d = 0; d < r.points().dim(); d++) {
        sb.append(d == 0 ? "" : ",").append(num(r.points().get(p, d)));
      }
      for (int k = 0; k < f; k++) {
        for (double[] s : stats) {
          sb.append(',').append(String.format(Locale.ROOT, "%.7g", s[p * f + k]));
        }
      }
      sb.append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
    return file;
  }

  private static Path tasks(Path file, ManyQuery.Result r, Pde pde) {
    StringBuilder sb = new StringBuilder("id");
    for (Parameter p : pde.parameters()) {
      sb.append(',').append(p.name());
    }
    sb.append('\n');
    for (int i = 0; i < r.tasks().length; i++) {
      sb.append('s').append(i);
      for (double v : r.tasks()[i]) {
        sb.append(',').append(num(v));
      }
      sb.append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
    return file;
  }

  private static List<Path> figures(Path folder, ManyQuery.Result r, Pde pde, EvaluationGrid grid,
      List<double[]> stats, List<String> names) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder, e);
    }
    int[] c = grid.counts();
    int f = r.fields().size();
    List<Path> files = new ArrayList<>();
    for (int k = 0; k < f; k++) {
      List<HeatMap.Panel> panels = new ArrayList<>();
      for (int s = 0; s < stats.size(); s++) {
        if (s >= 2 && s != 2 && s != stats.size() - 1) {
          continue; // mean, std, the lowest and the highest quantile
        }
        double[][] v = new double[c[0]][c[1]];
        for (int i = 0; i < c[0]; i++) {
          for (int j = 0; j < c[1]; j++) {
            v[i][j] = stats.get(s)[(i * c[1] + j) * f + k];
          }
        }
        String field = r.fields().get(k);
        panels.add(new HeatMap.Panel(names.get(s) + " of " + field, grid.axis(0), grid.axis(1), v,
            field + " " + names.get(s), s == 1));
      }
      Path file = folder.resolve("summary-" + r.fields().get(k).replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
      HeatMap.write(file, r.tasks().length + " samples on " + pde.id() + ": " + r.fields().get(k),
          pde.domain().inputs().get(0).name(), pde.domain().inputs().get(1).name(), panels.toArray(HeatMap.Panel[]::new));
      files.add(file);
    }
    return files;
  }

  /** A number as written in the files and messages: whole numbers without a decimal point. */
  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
