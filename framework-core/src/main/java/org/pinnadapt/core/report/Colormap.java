package org.pinnadapt.core.report;

import java.awt.Color;

/** The viridis colormap (perceptually uniform), interpolated between nine of its control points. */
final class Colormap {

  private static final int[][] VIRIDIS = {
    {68, 1, 84}, {71, 44, 122}, {59, 81, 139}, {44, 113, 142}, {33, 144, 141},
    {39, 173, 129}, {92, 200, 99}, {170, 220, 50}, {253, 231, 37}
  };

  private Colormap() {}

  static Color viridis(double t) {
    double c = Double.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0;
    double pos = c * (VIRIDIS.length - 1);
    int i = Math.min((int) Math.floor(pos), VIRIDIS.length - 2);
    double f = pos - i;
    int[] a = VIRIDIS[i];
    int[] b = VIRIDIS[i + 1];
    return new Color((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
        (int) Math.round(a[2] + f * (b[2] - a[2])));
  }
}
