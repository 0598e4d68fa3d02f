package org.pinnadapt.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.pinnadapt.core.PinnAdapt;

/**
 * Runs up to N cells at once on threads of this process, sharing one framework (one native runtime). Each
 * cell is an independent experiment with its own arrays; the framework's native intra-op threads should be
 * about the cores divided by N ({@code --threads}), so that cells do not oversubscribe the cores.
 */
public final class ThreadRunner implements SweepRunner {

  private final PinnAdapt framework;
  private final int workers;

  /**
   * Creates the runner.
   *
   * @param framework the framework the cells run in
   * @param workers cells at once (at least 1)
   */
  public ThreadRunner(PinnAdapt framework, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    this.framework = framework;
    this.workers = workers;
  }

  @Override
  public void run(List<SweepCell> cells, Path sweepFolder, Consumer<CellResult> done) {
    Consumer<CellResult> report = Lanes.serialized(done);
    Lanes.run(workers, cells, cell -> report.accept(CellExecution.run(framework, cell, sweepFolder)));
  }

  @Override
  public Map<String, Object> recorded() {
    return Map.of("workers", workers, "engine", "threads");
  }

  @Override
  public int parallelism() {
    return workers;
  }
}
