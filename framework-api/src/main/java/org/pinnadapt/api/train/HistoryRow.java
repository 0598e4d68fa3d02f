package org.pinnadapt.api.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a training history.
 *
 * @param epoch the epoch (0-based, counted over all phases)
 * @param phase the optimizer phase, e.g. {@code adam} or {@code lbfgs}
 * @param loss the weighted total loss
 * @param terms the unweighted terms
 * @param lr the learning rate (NaN for L-BFGS)
 * @param validation the validation loss, NaN if not evaluated this epoch
 * @param seconds wall seconds since training started
 * @param error the relative L2 error of the current solution against the PDE's reference at the monitor
 *     points, NaN if not evaluated this epoch (configuration key {@code monitor-every})
 */
public record HistoryRow(int epoch, String phase, double loss, Map<String, Double> terms, double lr, double validation,
    double seconds, double error) {

  /**
   * A row without an error measurement.
   *
   * @param epoch the epoch
   * @param phase the optimizer phase
   * @param loss the weighted total loss
   * @param terms the unweighted terms
   * @param lr the learning rate
   * @param validation the validation loss or NaN
   * @param seconds wall seconds since training started
   */
  public HistoryRow(int epoch, String phase, double loss, Map<String, Double> terms, double lr, double validation,
      double seconds) {
    this(epoch, phase, loss, terms, lr, validation, seconds, Double.NaN);
  }

  /**
   * Copies the map, keeping the order of the terms.
   *
   * @param epoch the epoch (0-based, counted over all phases)
   * @param phase the optimizer phase, e.g. {@code adam} or {@code lbfgs}
   * @param loss the weighted total loss
   * @param terms the unweighted terms
   * @param lr the learning rate (NaN for L-BFGS)
   * @param validation the validation loss, NaN if not evaluated this epoch
   * @param seconds wall seconds since training started
   * @param error the relative L2 error of the current solution against the PDE's reference at the monitor
   *     points, NaN if not evaluated this epoch (configuration key {@code monitor-every})
   */
  public HistoryRow {
    terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
  }
}
