package org.pinnadapt.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.pinnadapt.core.io.AtomicFiles;

/**
 * A panel of heat maps drawn with Java2D: one per field, each with a title, axis labels with ticks
 * and a color bar with its label. Values are given on a regular grid, {@code values[i][j]} at
 * {@code (x_i, y_j)}.
 */
public final class HeatMap {

  /**
   * One map of a panel.
   *
   * @param title the map's title
   * @param x the horizontal grid
   * @param y the vertical grid
   * @param values {@code values[i][j]} at {@code (x_i, y_j)}
   * @param colorLabel the color bar's label: the quantity and its unit, or "abs error"
   * @param nonNegative whether the color scale starts at zero
   */
  public record Panel(String title, double[] x, double[] y, double[][] values, String colorLabel, boolean nonNegative) {

    /** Validates the labels and the grid. */
    public Panel {
      Plots.label(title, "map title");
      Plots.label(colorLabel, "color-bar label");
      if (values.length != x.length || (values.length > 0 && values[0].length != y.length)) {
        throw new IllegalArgumentException("map " + title + ": values are " + values.length + " x "
            + (values.length > 0 ? values[0].length : 0) + ", the grid " + x.length + " x " + y.length);
      }
    }
  }

  private static final int PANEL_W = 410;
  private static final int PANEL_H = 300;
  private static final int PLOT = 220;

  private HeatMap() {}

  /**
   * Writes panels side by side as one PNG (atomically).
   *
   * @param file the PNG file
   * @param heading the figure's heading
   * @param xLabel the horizontal axis label
   * @param yLabel the vertical axis label
   * @param panels the maps
   */
  public static void write(Path file, String heading, String xLabel, String yLabel, Panel... panels) {
    Plots.label(heading, "heading");
    Plots.label(xLabel, "x axis label");
    Plots.label(yLabel, "y axis label");
    int w = PANEL_W * panels.length;
    int h = PANEL_H + 40;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    centered(g, heading, w / 2, 22);
    for (int p = 0; p < panels.length; p++) {
      draw(g, panels[p], p * PANEL_W, 40, xLabel, yLabel);
    }
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      AtomicFiles.write(file, out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void draw(Graphics2D g, Panel p, int ox, int oy, String xLabel, String yLabel) {
    int left = ox + 60;
    int top = oy + 30;
    double[] range = range(p);
    cells(g, p, left, top, range[0], range[1]);
    axes(g, p, ox, left, top, xLabel, yLabel);
    colorBar(g, p, ox, left, top, range[0], range[1]);
  }

  /** The color scale: the finite values' range (from 0 when non-negative), never empty. */
  private static double[] range(Panel p) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : p.values()) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (p.nonNegative()) {
      min = 0;
    }
    if (!(max > min)) {
      max = min + 1e-12;
    }
    return new double[] {min, max};
  }

  private static void cells(Graphics2D g, Panel p, int left, int top, double min, double max) {
    int nx = p.x().length;
    int ny = p.y().length;
    for (int i = 0; i < nx; i++) {
      int x0 = left + (int) Math.floor((double) i * PLOT / nx);
      int x1 = left + (int) Math.floor((double) (i + 1) * PLOT / nx);
      for (int j = 0; j < ny; j++) {
        int y1 = top + PLOT - (int) Math.floor((double) j * PLOT / ny);
        int y0 = top + PLOT - (int) Math.floor((double) (j + 1) * PLOT / ny);
        g.setColor(Colormap.viridis((p.values()[i][j] - min) / (max - min)));
        g.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
      }
    }
  }

  private static void axes(Graphics2D g, Panel p, int ox, int left, int top, String xLabel, String yLabel) {
    int nx = p.x().length;
    int ny = p.y().length;
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1));
    g.drawRect(left, top, PLOT, PLOT);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    centered(g, p.title(), left + PLOT / 2, top - 10);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    for (int k = 0; k <= 4; k++) {
      double fx = p.x()[0] + (p.x()[nx - 1] - p.x()[0]) * k / 4.0;
      int px = left + PLOT * k / 4;
      g.drawLine(px, top + PLOT, px, top + PLOT + 4);
      centered(g, tick(fx), px, top + PLOT + 16);
      double fy = p.y()[0] + (p.y()[ny - 1] - p.y()[0]) * k / 4.0;
      int py = top + PLOT - PLOT * k / 4;
      g.drawLine(left - 4, py, left, py);
      FontMetrics fm = g.getFontMetrics();
      g.drawString(tick(fy), left - 6 - fm.stringWidth(tick(fy)), py + 4);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    centered(g, xLabel, left + PLOT / 2, top + PLOT + 32);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2, ox + 16, top + PLOT / 2);
    centered(g, yLabel, ox + 16, top + PLOT / 2 + 4);
    g.setTransform(saved);
  }

  private static void colorBar(Graphics2D g, Panel p, int ox, int left, int top, double min, double max) {
    int cbx = left + PLOT + 12;
    for (int k = 0; k < PLOT; k++) {
      g.setColor(Colormap.viridis(1 - (double) k / (PLOT - 1)));
      g.drawLine(cbx, top + k, cbx + 12, top + k);
    }
    g.setColor(Color.BLACK);
    g.drawRect(cbx, top, 12, PLOT);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    int widest = 0;
    for (int k = 0; k <= 4; k++) {
      double v = min + (max - min) * k / 4.0;
      int py = top + PLOT - PLOT * k / 4;
      g.drawLine(cbx + 12, py, cbx + 15, py);
      g.drawString(tick(v), cbx + 17, py + 4);
      widest = Math.max(widest, g.getFontMetrics().stringWidth(tick(v)));
    }
    // the color bar's label, rotated, right of its tick labels and inside this panel
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int lx = Math.min(cbx + 17 + widest + 16, ox + PANEL_W - 6);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2, lx, top + PLOT / 2);
    centered(g, p.colorLabel(), lx, top + PLOT / 2);
    g.setTransform(saved);
  }

  private static void centered(Graphics2D g, String s, int cx, int baseline) {
    FontMetrics fm = g.getFontMetrics();
    g.drawString(s, cx - fm.stringWidth(s) / 2, baseline);
  }

  private static String tick(double v) {
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-2 || a >= 1e4)) {
      return String.format(Locale.ROOT, "%.1e", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
