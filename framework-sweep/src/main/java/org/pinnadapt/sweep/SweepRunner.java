package org.pinnadapt.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs a sweep's cells somewhere: in this process one after another, or on a cluster. */
public interface SweepRunner extends AutoCloseable {

  /**
   * Runs cells and reports each as it finishes. A cell that fails for its own reason is reported as failed,
   * never thrown; only a failure of the runner itself (the cluster is gone) throws.
   *
   * @param cells the cells to run
   * @param sweepFolder the sweep folder (each cell's run folder lies in it)
   * @param done called once per cell, as it finishes, on one thread at a time
   */
  void run(List<SweepCell> cells, Path sweepFolder, Consumer<CellResult> done);

  /** @return how many cells run at once */
  int parallelism();

  /**
   * Where the runner runs cells, as a sweep folder records it so that a resume runs the same way.
   *
   * @return {@code workers}, and {@code master} or {@code engine} where they apply
   */
  default Map<String, Object> recorded() {
    return Map.of("workers", parallelism());
  }

  /** Releases what the runner started (a Spark context); nothing by default. */
  @Override
  default void close() {}
}
