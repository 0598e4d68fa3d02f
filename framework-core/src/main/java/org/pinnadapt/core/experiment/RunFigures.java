package org.pinnadapt.core.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.core.report.HeatMap;
import org.pinnadapt.core.report.Plots;

/**
 * The figures of one evaluated task: per field, reference, prediction and absolute error as heat maps
 * over the first two inputs (x-t for 1D time-dependent problems, x-y for 2D; for x-y-t the final
 * time).
 */
public final class RunFigures {

  private RunFigures() {}

  /**
   * Writes {@code <folder>/<task>-<field>.png} for every field.
   *
   * @param folder the figures folder
   * @param label the method, e.g. {@code lora}
   * @param pde the PDE
   * @param task the task
   * @param grid the evaluation grid
   * @param predicted predictions at {@code grid.points()}
   * @param reference reference values there
   * @return the files written
   */
  public static List<Path> write(Path folder, String label, Pde pde, Task task, EvaluationGrid grid,
      double[][] predicted, double[][] reference) {
    Domain d = pde.domain();
    int[] n = grid.counts();
    double[] x = grid.axis(0);
    double[] y = grid.axis(1);
    List<Path> files = new ArrayList<>();
    String slice = d.dim() == 3 ? ", " + d.inputs().get(2).name() + "=" + fmt(grid.axis(2)[n[2] - 1]) : "";
    for (int f = 0; f < pde.fields().size(); f++) {
      Field field = pde.fields().get(f);
      double[][] ref = new double[n[0]][n[1]];
      double[][] pred = new double[n[0]][n[1]];
      double[][] err = new double[n[0]][n[1]];
      double shift = 0;
      if (field.gauge()) { // compare up to a constant, as the metrics do
        for (int p = 0; p < predicted.length; p++) {
          shift += (predicted[p][f] - reference[p][f]) / predicted.length;
        }
      }
      for (int i = 0; i < n[0]; i++) {
        for (int j = 0; j < n[1]; j++) {
          int p = d.dim() == 2 ? i * n[1] + j : (i * n[1] + j) * n[2] + (n[2] - 1);
          ref[i][j] = reference[p][f];
          pred[i][j] = predicted[p][f] - shift;
          err[i][j] = Math.abs(pred[i][j] - ref[i][j]);
        }
      }
      String name = colorLabel(field);
      Path file = folder.resolve(RunFiles.safe(label + "-" + task.fileName() + "-" + field.name()) + ".png");
      HeatMap.write(file, label + " on " + pde.id() + " " + task.id() + slice,
          d.inputs().get(0).name(), d.inputs().get(1).name(),
          new HeatMap.Panel("reference " + field.name(), x, y, ref, name, false),
          new HeatMap.Panel("prediction " + field.name(), x, y, pred, name, false),
          new HeatMap.Panel("|error| " + field.name(), x, y, err, "abs error", true));
      files.add(file);
    }
    return files;
  }

  /**
   * The color-bar label of a field's maps: its name, unit and, for a gauge field, that it is shown up
   * to a constant; e.g. {@code "u [dimensionless]"}.
   */
  static String colorLabel(Field field) {
    return field.name() + " [" + field.unit() + "]" + (field.gauge() ? " up to a constant" : "");
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /**
   * Whether figures can be drawn for a domain (at least two inputs).
   *
   * @param d the domain
   * @return {@code true} for two or three inputs
   */
  public static boolean drawable(Domain d) {
    return d.dim() == 2 || d.dim() == 3;
  }

  /**
   * The hook that draws a task's heat maps and loss history into {@code <run>/figures}.
   *
   * @param info where to report problems
   * @return the hook
   */
  static Experiment.TaskHook hook(Consumer<String> info) {
    return (setup, task, points, predicted, reference, result) -> {
      Path folder = setup.environment().runDirectory().resolve("figures");
      try {
        if (RunFigures.drawable(setup.pde().domain())) {
          RunFigures.write(folder, setup.strategyId(), setup.pde(), task, setup.grid(),
              predicted, reference);
        }
        if (!result.training().history().isEmpty()) {
          Plots.history(folder.resolve(RunFiles.safe("history-" + setup.strategyId() + "-"
              + task.fileName()) + ".png"), setup.strategyId() + " " + task.id() + ": training loss",
              result.training().history());
        }
      } catch (RuntimeException | Error e) { // a figure must never cost a run
        info.accept("warning: figures for " + task.id() + " not written: " + e);
      }
    };
  }
}
