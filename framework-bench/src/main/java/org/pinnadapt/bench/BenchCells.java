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
import org.pinnadapt.core.experiment.Durations;
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
   * @param mean the means over its tasks
   * @param tasks each task's measurements
   */
  record Metrics(String name, Map<String, Double> mean, List<Map<String, Object>> tasks) {

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
    runner.run(cells, dir, r -> {
      log.printf("%s: %s", r.cell().id(), describe(r));
      if (!r.ok()) {
        failed.add(r.cell().id() + ": " + r.error());
      }
    });
    if (!failed.isEmpty()) {
      throw new IllegalStateException("bench run(s) failed: " + String.join("; ", failed));
    }
    List<Metrics> out = new ArrayList<>();
    for (SweepCell cell : cells) {
      out.add(read(cell.id(), cell.runFolder(dir).resolve("metrics.json")));
    }
    return out;
  }

  private static String describe(CellResult r) {
    return r.ok() ? String.format(Locale.ROOT, "mean mse %.3e, rel_l2 %.3e (%s on %s)", r.mse(), r.relL2(),
        Durations.format(r.wallSeconds()), r.worker()) : "failed (" + r.error() + ")";
  }

  private static Metrics read(String name, Path file) {
    try {
      JsonNode m = Json.json().readTree(file.toFile());
      Map<String, Double> mean = new LinkedHashMap<>();
      m.path("mean").fields().forEachRemaining(e -> mean.put(e.getKey(),
          e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN));
      List<Map<String, Object>> tasks = m.has("tasks")
          ? Json.json().convertValue(m.get("tasks"), new TypeReference<List<Map<String, Object>>>() { }) : List.of();
      return new Metrics(name, mean, tasks);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
