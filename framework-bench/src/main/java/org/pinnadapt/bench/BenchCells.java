package org.pinnadapt.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.core.experiment.Durations;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.io.Json;
import org.pinnadapt.sweep.CellResult;
import org.pinnadapt.sweep.SweepCell;
import org.pinnadapt.sweep.SweepRunner;

/**
 * The runs of a bench as the cells of a sweep runner: in this process one after another, on Spark embedded
 * ({@code --workers N}) or on a Spark cluster ({@code --master URL}), each in {@code cells/<name>/} of the bench
 * folder, the same path as {@code pinnadapt sweep}. Cells that need a base network share one per setting (the
 * folder's {@code bases/}).
 */
final class BenchCells {

  private BenchCells() {}

  /**
   * What one run measured: its {@code metrics.json}.
   *
   * @param name the cell's name
   * @param folder its run folder
   * @param prepareSeconds seconds before the first task (a base network's training)
   * @param mean the means over its tasks
   * @param tasks each task's measurements
   * @param facts what the strategy reported it learned (empty when nothing)
   */
  record Metrics(String name, Path folder, double prepareSeconds, Map<String, Double> mean,
      List<Map<String, Object>> tasks, Map<String, Object> facts) {

    /**
     * The training history of the run's first task, from its {@code history.csv}.
     *
     * @return one row per epoch
     */
    List<HistoryRow> history() {
      return RunFiles.readHistory(folder.resolve("history.csv")).values().stream().findFirst().orElse(List.of());
    }

    /**
     * A number of the first task.
     *
     * @param key e.g. {@code train_s}
     * @return the value, NaN when absent
     */
    double first(String key) {
      return tasks.isEmpty() || !(tasks.get(0).get(key) instanceof Number n) ? Double.NaN : n.doubleValue();
    }

    /**
     * A per-task measurement averaged over the tasks.
     *
     * @param key the task key, e.g. {@code best_epoch}
     * @return the mean, NaN when no task has it
     */
    double taskMean(String key) {
      return tasks.stream().filter(t -> t.get(key) instanceof Number).mapToDouble(t -> ((Number) t.get(key))
          .doubleValue()).average().orElse(Double.NaN);
    }
  }

  /**
   * Runs named configurations as cells and reads back what each measured; a failed cell fails the bench.
   *
   * @param runner where the cells run
   * @param dir the bench folder
   * @param configs run configurations by cell name (without {@code out}), in order
   * @param log progress: a line per finished cell
   * @return each cell's metrics, in the order of {@code configs}
   */
  static List<Metrics> run(SweepRunner runner, Path dir, Map<String, Map<String, Object>> configs, BenchLog log) {
    List<SweepCell> cells = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> e : configs.entrySet()) {
      Map<String, Object> c = e.getValue();
      cells.add(new SweepCell(cells.size(), e.getKey(), String.valueOf(c.getOrDefault("tasks", "test")),
          Map.of(), ((Number) c.getOrDefault("seed", 42L)).longValue(), c));
    }
    List<String> failed = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    runner.run(cells, dir, r -> {
      log.printf("%s: %s", r.cell().id(), describe(r));
      if (!r.ok()) {
        (r.badInput() ? refused : failed).add(r.cell().id() + ": " + r.error());
      }
    });
    if (!refused.isEmpty()) { // the input's fault (an option, or a folder holding runs of other settings): exit 2
      throw new InvalidInputException("bench run(s) in " + dir + " refused: " + String.join("; ", refused));
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException("bench run(s) failed: " + String.join("; ", failed));
    }
    List<Metrics> out = new ArrayList<>();
    for (SweepCell cell : cells) {
      out.add(read(cell.id(), cell.runFolder(dir)));
    }
    return out;
  }

  private static String describe(CellResult r) {
    return r.ok() ? String.format(Locale.ROOT, "mean mse %.3e, rel_l2 %.3e (%s on %s)", r.mse(), r.relL2(),
        Durations.format(r.wallSeconds()), r.worker()) : "failed (" + r.error() + ")";
  }

  private static Metrics read(String name, Path folder) {
    Path file = folder.resolve("metrics.json");
    try {
      JsonNode m = Json.json().readTree(file.toFile());
      Map<String, Double> mean = new LinkedHashMap<>();
      m.path("mean").fields().forEachRemaining(e -> mean.put(e.getKey(),
          e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN));
      List<Map<String, Object>> tasks = m.has("tasks")
          ? Json.json().convertValue(m.get("tasks"), new TypeReference<List<Map<String, Object>>>() { }) : List.of();
      Map<String, Object> facts = m.has("facts")
          ? Json.json().convertValue(m.get("facts"), new TypeReference<Map<String, Object>>() { }) : Map.of();
      return new Metrics(name, folder, m.path("prepare_s").asDouble(Double.NaN), mean, tasks, facts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
