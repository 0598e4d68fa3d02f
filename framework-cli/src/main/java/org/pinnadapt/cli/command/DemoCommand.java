package org.pinnadapt.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pinnadapt.bench.BenchLog;
import org.pinnadapt.bench.DemoBench;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Durations;
import org.pinnadapt.core.experiment.TaskResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pinnadapt demo}: the whole pipeline on the Kovasznay flow in a few minutes. A base PINN is
 * trained at Re=20; a new Reynolds number that is not among the training tasks is then solved four
 * ways at the same epoch budget: a PINN from scratch, full fine-tuning of the base (F-PINN), a rank-4
 * LoRA update of the base (L-PINN), and a LoRA-HyperPINN trained physics-informed over the training
 * Reynolds numbers, which predicts the new solution in one forward pass. One comparison table, one
 * folder of runs, figures of every solution and of the losses.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Kovasznay: base PINN at Re=20, then an unseen Re solved by PINN, F-PINN, L-PINN (rank 4) "
        + "and a LoRA-HyperPINN; prints a comparison table and writes figures.")
public final class DemoCommand implements Callable<Integer> {

  @ParentCommand private Launcher main;
  @Spec private CommandSpec spec;

  @Option(names = "--re", defaultValue = "60", paramLabel = "RE",
      description = "the unseen Reynolds number, in [20, 100] (default: ${DEFAULT-VALUE})")
  double reynolds;

  @Option(names = "--rank", defaultValue = "4", description = "LoRA rank (default: ${DEFAULT-VALUE})")
  int rank;

  @Option(names = "--base-epochs", defaultValue = "3000", paramLabel = "N",
      description = "epochs of the base PINN at Re=20 (default: ${DEFAULT-VALUE})")
  int baseEpochs;

  @Option(names = "--epochs", defaultValue = "1500", paramLabel = "N",
      description = "epochs of PINN, F-PINN and L-PINN on the new Re (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--hyper-epochs", defaultValue = "2000", paramLabel = "N",
      description = "epochs of the HyperPINN (default: ${DEFAULT-VALUE})")
  int hyperEpochs;

  @Option(names = "--lbfgs-iterations", defaultValue = "500", paramLabel = "N",
      description = "L-BFGS iterations after the Adam epochs of every training (default: ${DEFAULT-VALUE}; 0: Adam only)")
  int lbfgsIterations;

  @Option(names = "--hyper-tasks", defaultValue = "20", paramLabel = "N",
      description = "training Reynolds numbers of the HyperPINN (default: ${DEFAULT-VALUE})")
  int hyperTasks;

  @Option(names = "--collocation", defaultValue = "1000", paramLabel = "N",
      description = "collocation points per task (default: ${DEFAULT-VALUE}; 2601 in the paper)")
  int collocation;

  @Option(names = "--hyper-collocation", defaultValue = "120", paramLabel = "N",
      description = "collocation points per training task of the HyperPINN (default: ${DEFAULT-VALUE})")
  int hyperCollocation;

  @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "folder of the demo (default runs/demo-<time>)")
  Path out;

  @Option(names = "--log-every", paramLabel = "N", defaultValue = "0",
      description = "print progress every N epochs instead of progress bars")
  int logEvery;

  @Option(names = {"-q", "--quiet"}, description = "print only the start and end of each training")
  boolean quiet;

  /** Creates the command (picocli). */
  public DemoCommand() {}

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    var g = main.global();
    DemoBench.Settings settings = new DemoBench.Settings(reynolds, rank, baseEpochs, epochs, hyperEpochs,
        lbfgsIterations, hyperTasks, collocation, hyperCollocation, seed, g.device(), g.precision(), g.threads(), out);
    BenchLog log = new BenchLog(msg -> {
      o.println(msg);
      o.flush();
    }, ProgressBars.forOutput(o, logEvery, quiet));
    try (PinnAdapt pa = g.framework()) {
      DemoBench.Result r = DemoBench.run(pa, settings, log);
      print(o, r);
      List<Path> figures = DemoBench.figures(r, log);
      Path summary = DemoBench.writeSummary(r);
      o.printf(Locale.ROOT, "%nfigures (reference | prediction | abs error per field, loss histories):%n");
      for (Path f : figures) {
        o.println("  " + f);
      }
      o.printf(Locale.ROOT, "summary %s; total %s%n", summary, Durations.format(r.totalSeconds()));
      o.flush();
    }
    return 0;
  }

  private static void print(PrintWriter o, DemoBench.Result result) {
    DemoBench.Settings s = result.settings();
    o.printf(Locale.ROOT, "%nKovasznay flow, new task %s (base network: Re=20, %d epochs, %s, offline)%n",
        result.task().id(), s.baseEpochs(), Durations.format(result.baseSeconds()));
    String fmt = "%-20s %-24s %8s %7s %10s %10s %9s %16s%n";
    o.printf(Locale.ROOT, fmt, "method", "parameters", "count", "epochs", "offline", "mse", "rel_l2",
        "time to new Re");
    for (DemoBench.Row r : result.rows()) {
      TaskResult t = r.task();
      double offline = r.run().prepareSeconds();
      o.printf(Locale.ROOT, fmt, r.method(), r.what(), t.trainable(),
          r.hyper() ? offline > 0 ? String.valueOf(s.hyperEpochs()) : "-" : String.valueOf(t.training().epochs()),
          r.hyper() ? Durations.format(offline) : r.method().equals("PINN") ? "-" : "base",
          String.format(Locale.ROOT, "%.3e", t.errors().mse()), String.format(Locale.ROOT, "%.2e", t.errors().relL2()),
          timeToSolution(t.adaptSeconds()));
    }
    o.println("mse: mean squared error of (u, v, p) against the exact solution on the 101x101 grid (p up to a "
        + "constant); rel_l2: relative L2 error; count: trainable parameters (HyperPINN: predicted per task).");
    o.flush();
  }

  private static String timeToSolution(double seconds) {
    return seconds < 1 ? String.format(Locale.ROOT, "%.1f ms", seconds * 1000) : Durations.format(seconds);
  }
}
