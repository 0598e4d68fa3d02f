package org.pinnadapt.core.loss;

import java.util.ArrayList;
import java.util.List;
import org.pinnadapt.api.pde.Field;

/**
 * Error metrics: MSE, relative L2 and max-abs per field and over all fields. A field defined up to a
 * constant ({@link Field#gauge()}) is compared after removing the mean difference.
 */
public final class Metrics {

  private Metrics() {}

  /**
   * Compares a prediction with a reference.
   *
   * @param fields the fields, in column order
   * @param predicted {@code [points][fields]}
   * @param reference {@code [points][fields]}
   * @return the errors
   */
  public static ErrorReport compare(List<Field> fields, double[][] predicted, double[][] reference) {
    int n = reference.length;
    int f = fields.size();
    double totalSq = 0;
    double totalRef = 0;
    double totalMax = 0;
    List<ErrorReport.FieldError> per = new ArrayList<>();
    for (int j = 0; j < f; j++) {
      double shift = 0;
      if (fields.get(j).gauge()) {
        for (int i = 0; i < n; i++) {
          shift += predicted[i][j] - reference[i][j];
        }
        shift /= n;
      }
      double sq = 0;
      double ref = 0;
      double max = 0;
      for (int i = 0; i < n; i++) {
        double e = predicted[i][j] - shift - reference[i][j];
        sq += e * e;
        ref += reference[i][j] * reference[i][j];
        max = Math.max(max, Math.abs(e));
      }
      per.add(new ErrorReport.FieldError(fields.get(j).name(), sq / n, Math.sqrt(sq / Math.max(ref, 1e-300)), max));
      totalSq += sq;
      totalRef += ref;
      totalMax = Math.max(totalMax, max);
    }
    return new ErrorReport(totalSq / ((double) n * f), Math.sqrt(totalSq / Math.max(totalRef, 1e-300)), totalMax, per);
  }
}
