package org.pinnadapt.cli.command;

import java.nio.file.Path;
import java.util.List;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.io.AtomicFiles;

/** Writes point values as CSV: one column per input, then one per field, with a header row. */
public final class GridCsv {

  private GridCsv() {}

  /**
   * Writes the file atomically.
   *
   * @param file the CSV file
   * @param inputs input names
   * @param fields field names
   * @param points the points
   * @param values {@code [points][fields]}
   */
  public static void write(Path file, List<String> inputs, List<String> fields, PointSet points, double[][] values) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.join(",", inputs)).append(',').append(String.join(",", fields)).append('\n');
    for (int i = 0; i < points.size(); i++) {
      for (int j = 0; j < points.dim(); j++) {
        sb.append(points.get(i, j)).append(',');
      }
      for (int f = 0; f < values[i].length; f++) {
        if (f > 0) {
          sb.append(',');
        }
        sb.append(RunFiles.num(values[i][f]));
      }
      sb.append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }
}
