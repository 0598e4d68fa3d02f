package org.pinnadapt.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.train.StopReason;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.control.RunControl;
import org.pinnadapt.core.control.RunInterruptedException;
import org.pinnadapt.core.experiment.Experiment;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.RunFolder;
import org.pinnadapt.core.experiment.RunResult;
import org.pinnadapt.core.experiment.TaskResult;
import org.pinnadapt.core.runtime.DjlRuntime;

/** Runs one cell as one experiment in its run folder, continuing it if an earlier attempt left a checkpoint. */
public final class CellExecution {

  private CellExecution() {}

  /**
   * Runs a cell; its own failures become a failed result.
   *
   * @param framework the framework of this worker
   * @param cell the cell
   * @param sweepFolder the sweep folder
   * @return the result
   */
  public static CellResult run(PinnAdapt framework, SweepCell cell, Path sweepFolder) {
    long t0 = System.nanoTime();
    DjlRuntime.prepareThread(); // a worker thread's gradient mode
    Path runFolder = cell.runFolder(sweepFolder);
    boolean resume = Files.exists(runFolder.resolve("config.json")); // a killed attempt: continue it
    try {
      RunResult r = Experiment.run(framework, ExperimentConfig.fromMap(cell.runConfig(sweepFolder),
          "sweep cell " + cell.id()), resume, TrainingListener.NONE, m -> { }, null);
      TaskResult t = r.tasks().get(0);
      boolean diverged = r.tasks().stream().anyMatch(x -> x.training().reason() == StopReason.DIVERGED);
      return new CellResult(cell, diverged ? "diverged" : "finished", r.mean().get("mse"), r.mean().get("rel_l2"),
          t.training().epochs(), seconds(t0), worker(), "", false);
    } catch (RunInterruptedException e) {
      throw e; // Ctrl-C or a kill stops the sweep; the cell is not failed, a resume continues it
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted() || RunControl.stopRequested()) {
        // the sweep is stopping (Ctrl-C, a kill, another cell's interruption): not the cell's failure
        throw new RunInterruptedException(cell.id(), 0, false);
      }
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new CellResult(cell, "failed", Double.NaN, Double.NaN, 0, seconds(t0), worker(), why,
          e instanceof InvalidInputException);
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** @return {@code host:pid} of this JVM */
  public static String worker() {
    return RunFolder.hostName() + ":" + ProcessHandle.current().pid();
  }

}
