package org.pinnadapt.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Durations;

/**
 * A sweep from Java: {@code Sweep.run(framework, spec, folder, resume, runner, info)} runs the cells that
 * have no row in the folder's {@code cells.csv} yet, records each as it finishes, then writes the summary.
 */
public final class Sweep {

  private Sweep() {}

  /**
   * Runs a sweep.
   *
   * @param framework the framework (plug-ins; the in-process runner trains in it)
   * @param spec what to sweep
   * @param folder the sweep folder
   * @param resume continue the sweep in the folder (only its missing cells run)
   * @param runner where the cells run
   * @param info progress lines: one per finished cell, with cells done/total and the ETA
   * @return the summary of every cell of the sweep, earlier ones included
   */
  public static SweepSummary run(PinnAdapt framework, SweepSpec spec, Path folder, boolean resume,
      SweepRunner runner, Consumer<String> info) {
    return run(spec, spec.cells(framework), folder, resume, runner, info);
  }

  /**
   * Runs a sweep whose cells the caller already has ({@link SweepSpec#cells}, e.g. to check their number first).
   *
   * @param spec what to sweep (recorded in the folder)
   * @param cells its cells
   * @param folder the sweep folder
   * @param resume continue the sweep in the folder
   * @param runner where the cells run
   * @param info progress lines
   * @return the summary of every cell of the sweep
   */
  public static SweepSummary run(SweepSpec spec, List<SweepCell> cells, Path folder, boolean resume,
      SweepRunner runner, Consumer<String> info) {
    try (SweepFolder f = SweepFolder.open(folder, spec, runner.recorded(), resume, info)) {
      Set<String> done = new HashSet<>(f.finishedIds());
      List<SweepCell> todo = cells.stream().filter(c -> !done.contains(c.id())).toList();
      int failedBefore = f.failedIds().size();
      info.accept("sweep " + folder + ": " + cells.size() + " cells" + (done.isEmpty() ? ""
          : ", " + (cells.size() - todo.size()) + " finished before") + (failedBefore == 0 ? ""
          : ", " + failedBefore + " failed before (run again)") + ", running " + todo.size() + " ("
          + runner.parallelism() + " at a time)");
      long t0 = System.nanoTime();
      int[] finished = {0};
      runner.run(todo, folder, r -> {
        f.record(r);
        finished[0]++;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double eta = elapsed / finished[0] * (todo.size() - finished[0]);
        info.accept(String.format(Locale.ROOT, "[%d/%d] %s: %s%s, %.1f s on %s, eta %s",
            cells.size() - todo.size() + finished[0], cells.size(), r.cell().id(), r.status(),
            r.ok() ? String.format(Locale.ROOT, ", rel_l2 %.3e", r.relL2()) : " (" + r.error() + ")",
            r.wallSeconds(), r.worker(), Durations.format(eta)));
      });
      List<String> rows = new ArrayList<>(f.rows());
      return SweepSummary.write(folder, cells, new ArrayList<>(spec.vary().keySet()), rows);
    }
  }
}
