package org.pinnadapt.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.pinnadapt.core.PinnAdapt;

/** Runs the cells one after another in this process, with one framework (one native runtime). */
public final class InProcessRunner implements SweepRunner {

  private final PinnAdapt framework;

  /**
   * Creates the runner.
   *
   * @param framework the framework the cells run in
   */
  public InProcessRunner(PinnAdapt framework) {
    this.framework = framework;
  }

  @Override
  public void run(List<SweepCell> cells, Path sweepFolder, Consumer<CellResult> done) {
    for (SweepCell cell : cells) {
      done.accept(CellExecution.run(framework, cell, sweepFolder));
    }
  }

  @Override
  public int parallelism() {
    return 1;
  }
}
