package org.pinnadapt.core.loss;

import java.util.List;
import org.pinnadapt.api.pde.PointSet;

/**
 * Where and how the error against the reference is measured during training
 * ({@link PhysicsLossImpl#error}).
 *
 * @param points the monitor points (the run's evaluation grid), or {@code null} when the monitor is off
 * @param fields the fields compared
 * @param mse {@code true} for the mean squared error over the fields, {@code false} for the relative L2
 */
public record Monitor(PointSet points, List<String> fields, boolean mse) {

  /** Copies the list. */
  public Monitor {
    fields = List.copyOf(fields);
  }
}
