package org.pinnadapt.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.train.HistoryRow;

class FiguresTest {

  @TempDir Path dir;

  @Test
  void aHeatMapPutsTheMaximumAtTheTopOfItsColorScale() throws Exception {
    int n = 30;
    double[] x = new double[n];
    double[] y = new double[n];
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      x[i] = i / (n - 1.0);
      y[i] = i / (n - 1.0);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        v[i][j] = x[i]; // grows to the right
      }
    }
    Path file = dir.resolve("sub").resolve("map.png");
    HeatMap.write(file, "heading", "x", "y", new HeatMap.Panel("a", x, y, v, "u", false),
        new HeatMap.Panel("b", x, y, v, "abs error", true));
    BufferedImage img = ImageIO.read(file.toFile());
    assertThat(img.getWidth()).isEqualTo(820);
    // plot area of the first panel: left 60, top 70, 220 px square; left edge dark, right edge yellow
    Color leftEdge = new Color(img.getRGB(62, 180));
    Color rightEdge = new Color(img.getRGB(60 + 217, 180));
    assertThat(leftEdge).isEqualTo(Colormap.viridis(0));
    assertThat(rightEdge.getRed()).isGreaterThan(200);
    assertThat(rightEdge.getGreen()).isGreaterThan(200);
    assertThat(Files.list(file.getParent()).filter(p -> p.getFileName().toString().startsWith(".")).count()).isZero();
  }

  @Test
  void chartsAreWrittenEvenWithGapsAndZerosOnLogAxes() throws Exception {
    List<HistoryRow> history = new ArrayList<>();
    for (int e = 0; e < 50; e++) {
      history.add(new HistoryRow(e, "adam", Math.exp(-e / 10.0), Map.of("residual", Math.exp(-e / 8.0)), 1e-3,
          e % 10 == 0 ? Math.exp(-e / 9.0) : Double.NaN, 0.01));
    }
    Path h = dir.resolve("history.png");
    Plots.history(h, "loss", history);
    Map<String, List<HistoryRow>> two = new LinkedHashMap<>();
    two.put("PINN", history);
    two.put("L-PINN", history.subList(0, 20));
    Path hs = dir.resolve("histories.png");
    Plots.histories(hs, "losses", two);
    Path lines = dir.resolve("lines.png");
    Plots.lines(lines, "error vs rank", "rank", "mse", Map.of("L-PINN", new double[][] {{1, 2, 4}, {3e-3, 2e-3, 1e-3}}),
        Map.of("PINN", 2.5e-3, "missing", Double.NaN), true);
    Path bars = dir.resolve("bars.png");
    Plots.bars(bars, "time", "method", "seconds", List.of("PINN", "HyperPINN", "broken"),
        Map.of("seconds", new double[] {25, 0.0017, 0}));
    for (Path p : List.of(h, hs, lines, bars)) {
      BufferedImage img = ImageIO.read(p.toFile());
      assertThat(img).as(p.toString()).isNotNull();
      assertThat(img.getWidth()).isEqualTo(p.equals(bars) ? 760 : 720);
    }
  }

  @Test
  void everyChartHasATitleAxisLabelsAndALegendWhenItHasSeveralLines() {
    List<HistoryRow> history = new ArrayList<>();
    for (int e = 0; e < 20; e++) {
      history.add(new HistoryRow(e, "adam", 1.0 / (e + 1), Map.of("residual", 0.5 / (e + 1)), 1e-3, Double.NaN, 0.01));
    }
    Map<String, List<HistoryRow>> two = new LinkedHashMap<>();
    two.put("PINN", history);
    two.put("L-PINN", history);
    List<org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts = List.of(
        Plots.historyChart("loss", history),
        Plots.historiesChart("losses", two),
        Plots.linesChart("error vs rank", "rank", "mse", Map.of("L-PINN", new double[][] {{1, 2}, {2e-3, 1e-3}}),
            Map.of("PINN", 2.5e-3), true),
        Plots.barsChart("time", "method", "seconds", List.of("PINN", "HyperPINN"),
            Map.of("seconds", new double[] {25, 0.0017}, "epochs", new double[] {1000, 1})));
    for (var chart : charts) {
      assertThat(chart.getTitle()).isNotBlank();
      assertThat(chart.getXAxisTitle()).as(chart.getTitle()).isNotBlank();
      assertThat(chart.getYAxisTitle()).as(chart.getTitle()).isNotBlank();
      assertThat(chart.getSeriesMap()).as(chart.getTitle()).hasSizeGreaterThan(1);
      assertThat(chart.getStyler().isLegendVisible()).as(chart.getTitle()).isTrue();
    }
    assertThatThrownBy(() -> Plots.linesChart("errors", " ", "mse", Map.of(), Map.of(), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x axis label");
  }

  @Test
  void heatMapsNeedLabelsAndTheirColorBarsNameTheUnitOrAbsError() {
    double[] g = {0, 1};
    double[][] v = {{0, 1}, {1, 2}};
    assertThatThrownBy(() -> new HeatMap.Panel("u", g, g, v, "", false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("color-bar label");
    assertThatThrownBy(() -> HeatMap.write(dir.resolve("x.png"), "heading", "x", null, new HeatMap.Panel("u", g, g, v,
        "abs error", true))).hasMessageContaining("y axis label");
    assertThat(dir.resolve("x.png")).doesNotExist();
  }
}
