package org.pinnadapt.core.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.core.io.AtomicFiles;

/** Line and bar charts (XChart): loss histories, error against rank, time per method. */
public final class Plots {

  private Plots() {}

  /**
   * The loss history of a training on a log scale: total loss, each term, and the validation loss.
   *
   * @param file the PNG file
   * @param title the title
   * @param history the history
   */
  public static void history(Path file, String title, List<HistoryRow> history) {
    XYChart chart = historyChart(title, history);
    if (chart != null) {
      save(chart, file);
    }
  }

  static XYChart historyChart(String title, List<HistoryRow> history) {
    if (history.isEmpty()) {
      return null;
    }
    XYChart chart = new XYChartBuilder().width(720).height(440).title(label(title, "title")).xAxisTitle("epoch")
        .yAxisTitle("loss (log scale)").build();
    style(chart);
    chart.getStyler().setYAxisLogarithmic(true);
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    for (HistoryRow r : history) {
      add(series, "total", r.epoch(), r.loss());
      r.terms().forEach((k, v) -> add(series, k, r.epoch(), v));
      add(series, "validation", r.epoch(), r.validation());
    }
    for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
      List<double[]> pts = thin(e.getValue(), 600);
      if (pts.isEmpty()) {
        continue;
      }
      XYSeries s = chart.addSeries(e.getKey(), pts.stream().mapToDouble(p -> p[0]).toArray(),
          pts.stream().mapToDouble(p -> p[1]).toArray());
      s.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  /**
   * The total training loss of several trainings on one log-scale chart, one line per training.
   *
   * @param file the PNG file
   * @param title the title
   * @param histories histories by legend name
   */
  public static void histories(Path file, String title, Map<String, List<HistoryRow>> histories) {
    XYChart chart = historiesChart(title, histories);
    if (chart != null) {
      save(chart, file);
    }
  }

  static XYChart historiesChart(String title, Map<String, List<HistoryRow>> histories) {
    XYChart chart = new XYChartBuilder().width(720).height(440).title(label(title, "title")).xAxisTitle("epoch")
        .yAxisTitle("total loss (log scale)").build();
    style(chart);
    chart.getStyler().setYAxisLogarithmic(true);
    int drawn = 0;
    for (Map.Entry<String, List<HistoryRow>> e : histories.entrySet()) {
      Map<String, List<double[]>> series = new LinkedHashMap<>();
      for (HistoryRow r : e.getValue()) {
        add(series, "total", r.epoch(), r.loss());
      }
      List<double[]> pts = thin(series.getOrDefault("total", List.of()), 600);
      if (pts.isEmpty()) {
        continue;
      }
      XYSeries s = chart.addSeries(e.getKey(), pts.stream().mapToDouble(p -> p[0]).toArray(),
          pts.stream().mapToDouble(p -> p[1]).toArray());
      s.setMarker(SeriesMarkers.NONE);
      drawn++;
    }
    return drawn > 0 ? chart : null;
  }

  private static void add(Map<String, List<double[]>> series, String name, double x, double y) {
    if (Double.isFinite(y) && y > 0) {
      series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {x, y});
    }
  }

  private static List<double[]> thin(List<double[]> pts, int max) {
    if (pts.size() <= max) {
      return pts;
    }
    List<double[]> out = new ArrayList<>();
    double step = (double) pts.size() / max;
    for (double i = 0; i < pts.size(); i += step) {
      out.add(pts.get((int) i));
    }
    out.add(pts.get(pts.size() - 1));
    return out;
  }

  /**
   * Lines of y against x with a log y axis, e.g. error against LoRA rank, plus horizontal reference lines.
   *
   * @param file the PNG file
   * @param title the title
   * @param xLabel x axis
   * @param yLabel y axis
   * @param lines named series, each {x values, y values}
   * @param levels named constant levels drawn across the x range
   * @param logX whether the x axis is logarithmic
   */
  public static void lines(Path file, String title, String xLabel, String yLabel, Map<String, double[][]> lines,
      Map<String, Double> levels, boolean logX) {
    save(linesChart(title, xLabel, yLabel, lines, levels, logX), file);
  }

  static XYChart linesChart(String title, String xLabel, String yLabel, Map<String, double[][]> lines,
      Map<String, Double> levels, boolean logX) {
    XYChart chart = new XYChartBuilder().width(720).height(440).title(label(title, "title"))
        .xAxisTitle(label(xLabel, "x axis label")).yAxisTitle(label(yLabel, "y axis label")).build();
    style(chart);
    chart.getStyler().setXAxisLogarithmic(logX);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double ylo = Double.POSITIVE_INFINITY;
    double yhi = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, double[][]> e : lines.entrySet()) {
      chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
      for (double x : e.getValue()[0]) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
      for (double y : e.getValue()[1]) {
        ylo = Math.min(ylo, y);
        yhi = Math.max(yhi, y);
      }
    }
    for (double v : levels.values()) {
      if (Double.isFinite(v) && v > 0) {
        ylo = Math.min(ylo, v);
        yhi = Math.max(yhi, v);
      }
    }
    // a log axis only labels decades: within one decade a linear axis with scientific labels reads better
    boolean logY = ylo > 0 && yhi / ylo >= 10;
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setYAxisDecimalPattern("0.00E0");
    if (!logY) {
      chart.setYAxisTitle(yLabel.replace(" (log scale)", ""));
    }
    for (Map.Entry<String, Double> e : levels.entrySet()) {
      if (Double.isFinite(e.getValue()) && e.getValue() > 0 && hi >= lo) {
        XYSeries s = chart.addSeries(e.getKey(), new double[] {lo, hi}, new double[] {e.getValue(), e.getValue()});
        s.setMarker(SeriesMarkers.NONE);
      }
    }
    return chart;
  }

  /**
   * A bar chart with a log y axis, e.g. seconds to a solution per method.
   *
   * @param file the PNG file
   * @param title the title
   * @param xLabel x axis (what the categories are)
   * @param yLabel y axis
   * @param categories the bar labels
   * @param series named values per category
   */
  public static void bars(Path file, String title, String xLabel, String yLabel, List<String> categories,
      Map<String, double[]> series) {
    CategoryChart chart = barsChart(title, xLabel, yLabel, categories, series);
    if (chart != null) {
      save(chart, file);
    }
  }

  static CategoryChart barsChart(String title, String xLabel, String yLabel, List<String> categories,
      Map<String, double[]> series) {
    CategoryChart chart = new CategoryChartBuilder().width(760).height(480).title(label(title, "title"))
        .xAxisTitle(label(xLabel, "x axis label")).yAxisTitle(label(yLabel, "y axis label")).build();
    // below the plot: a legend inside would cover the bars
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      List<Double> v = new ArrayList<>();
      for (double d : e.getValue()) {
        boolean ok = Double.isFinite(d) && d > 0;
        v.add(ok ? d : null);
        if (ok) {
          lo = Math.min(lo, d);
          hi = Math.max(hi, d);
        }
      }
      chart.addSeries(e.getKey(), categories, v);
    }
    if (lo > hi) {
      return null; // nothing positive to draw on a log axis
    }
    // bars grow from the axis minimum: it must be positive on a log axis (XChart would start at 0)
    chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo))));
    chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi) + 1e-9)));
    return chart;
  }

  /** Every chart has a title and axis labels: a blank one is a programming error, reported by name. */
  static String label(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a chart needs a " + what + " (got " + (text == null ? "none" : "a blank one")
          + ")");
    }
    return text;
  }

  private static void style(XYChart chart) {
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(5);
  }

  private static void save(Chart<?, ?> chart, Path file) {
    byte[] png;
    try {
      png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG); // encoded in memory: no temp file
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw " + file + ": " + e.getMessage(), e);
    }
    AtomicFiles.write(file, png);
  }
}
