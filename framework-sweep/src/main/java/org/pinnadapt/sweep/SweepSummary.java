package org.pinnadapt.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.io.AtomicFiles;
import org.pinnadapt.core.report.Plots;

/**
 * The summary of a sweep: per task and combination of varied values, the relative L2 error over the seeds
 * (mean, min, max) and the failures; written as {@code summary.csv}, and one figure of the error against each
 * numeric varied key ({@code figures/rel_l2-vs-KEY.png}: the mean over tasks and seeds, with the seeds' spread).
 *
 * @param rows one row per group: {@code task}, the varied values, then the statistics
 * @param header the columns of {@code rows}
 * @param figures the figures written
 * @param failed cells that failed, with their errors
 */
public record SweepSummary(List<List<String>> rows, List<String> header, List<Path> figures, List<String> failed) {

  /** One finished cell, read back from {@code cells.csv}. */
  record Row(String task, Map<String, String> values, String status, double mse, double relL2, double wall,
      String error, String id) {}

  static SweepSummary write(Path folder, List<SweepCell> cells, List<String> keys, List<String> csvRows) {
    List<Row> rows = new ArrayList<>();
    for (String line : csvRows) {
      List<String> c = RunFiles.csvFields(line);
      Map<String, String> values = new LinkedHashMap<>();
      for (int k = 0; k < keys.size(); k++) {
        values.put(keys.get(k), c.get(2 + k));
      }
      int o = 2 + keys.size();
      rows.add(new Row(c.get(1), values, c.get(o + 1), Double.parseDouble(c.get(o + 2)),
          Double.parseDouble(c.get(o + 3)), Double.parseDouble(c.get(o + 5)), c.get(o + 7), c.get(0)));
    }
    Map<String, List<Row>> groups = new LinkedHashMap<>();
    for (SweepCell cell : cells) { // the sweep's order
      groups.computeIfAbsent(cell.task() + "|" + cell.values(), g -> new ArrayList<>());
    }
    for (Row r : rows) {
      groups.computeIfAbsent(r.task() + "|" + r.values(), g -> new ArrayList<>()).add(r);
    }
    List<String> header = new ArrayList<>(List.of("task"));
    header.addAll(keys);
    header.addAll(List.of("cells", "failed", "rel_l2_mean", "rel_l2_min", "rel_l2_max", "mse_mean", "wall_s_mean"));
    List<List<String>> table = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (List<Row> g : groups.values()) {
      if (g.isEmpty()) {
        continue;
      }
      DoubleSummaryStatistics rel = g.stream().filter(r -> !r.status().equals("failed"))
          .mapToDouble(Row::relL2).summaryStatistics();
      double mse = g.stream().filter(r -> !r.status().equals("failed")).mapToDouble(Row::mse).average().orElse(Double.NaN);
      double wall = g.stream().mapToDouble(Row::wall).average().orElse(Double.NaN);
      List<String> row = new ArrayList<>(List.of(g.get(0).task()));
      row.addAll(g.get(0).values().values());
      long bad = g.stream().filter(r -> r.status().equals("failed")).count();
      row.addAll(List.of(Integer.toString(g.size()), Long.toString(bad), num(rel.getCount() == 0 ? Double.NaN
          : rel.getAverage()), num(rel.getCount() == 0 ? Double.NaN : rel.getMin()), num(rel.getCount() == 0
          ? Double.NaN : rel.getMax()), num(mse), String.format(Locale.ROOT, "%.1f", wall)));
      table.add(row);
      g.stream().filter(r -> r.status().equals("failed")).forEach(r -> failed.add(r.id() + ": " + r.error()));
    }
    StringBuilder csv = new StringBuilder(String.join(",", header.stream().map(RunFiles::csv).toList())).append('\n');
    table.forEach(r -> csv.append(String.join(",", r.stream().map(RunFiles::csv).toList())).append('\n'));
    AtomicFiles.writeString(folder.resolve("summary.csv"), csv.toString());
    return new SweepSummary(table, header, figures(folder, keys, rows), failed);
  }

  private static List<Path> figures(Path folder, List<String> keys, List<Row> rows) {
    List<Path> out = new ArrayList<>();
    for (String key : keys) {
      TreeMap<Double, DoubleSummaryStatistics> byValue = new TreeMap<>();
      try {
        for (Row r : rows) {
          if (!r.status().equals("failed") && Double.isFinite(r.relL2())) {
            byValue.computeIfAbsent(Double.parseDouble(r.values().get(key)), v -> new DoubleSummaryStatistics())
                .accept(r.relL2());
          }
        }
      } catch (NumberFormatException e) {
        continue; // not a numeric key: no curve
      }
      if (byValue.size() < 2) {
        continue;
      }
      Map<String, double[][]> lines = new LinkedHashMap<>();
      lines.put("mean over tasks and seeds", series(byValue, 0));
      lines.put("min over tasks and seeds", series(byValue, 1));
      lines.put("max over tasks and seeds", series(byValue, 2));
      // a log axis labels only decades: below one decade (ranks 1..8, say) a linear one reads better
      boolean logX = byValue.firstKey() > 0 && byValue.lastKey() / byValue.firstKey() > 10;
      Path file = folder.resolve("figures").resolve("rel_l2-vs-" + RunFiles.safe(key) + ".png");
      Plots.lines(file, "relative L2 error against " + key, key, "relative L2 error", lines, Map.of(), logX);
      out.add(file);
    }
    return out;
  }

  /** The series as {@link Plots#lines} takes it: the x values, then the y values. */
  private static double[][] series(TreeMap<Double, DoubleSummaryStatistics> byValue, int which) {
    double[][] xy = new double[2][byValue.size()];
    int i = 0;
    for (Map.Entry<Double, DoubleSummaryStatistics> e : byValue.entrySet()) {
      DoubleSummaryStatistics s = e.getValue();
      xy[0][i] = e.getKey();
      xy[1][i++] = which == 0 ? s.getAverage() : which == 1 ? s.getMin() : s.getMax();
    }
    return xy;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.3e", v);
  }

}
