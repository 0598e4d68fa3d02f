package org.pinnadapt.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pinnadapt.bench.LrnrBench;
import org.pinnadapt.bench.Scale;
import org.pinnadapt.cli.command.RunnerOptions;
import org.pinnadapt.core.experiment.Durations;
import org.pinnadapt.core.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt bench lrnr}: the options and the table of {@link LrnrBench}. */
@Command(name = "lrnr", mixinStandardHelpOptions = true, sortOptions = false,
    description = "LR-PINN / FastLRNR on cdr: initial guess, fine-tuning, fast phase and a vanilla PINN per test task.")
public final class LrnrCommand implements Callable<Integer> {

  @ParentCommand private BenchCommand bench;
  @Spec private CommandSpec spec;

  @Option(names = "--pde", defaultValue = "cdr", paramLabel = "ID", description = "a time-dependent PDE (default: cdr)")
  String pde;

  @Option(names = "--scale", defaultValue = "quick", description = Scale.HELP)
  String scale;

  @Option(names = "--meta-tasks", paramLabel = "SPEC",
      description = "meta-learning tasks K=V[,K=V][;...] (default for cdr: pure convection, beta = 30, 31, ..., 40)")
  String metaTasks;

  @Option(names = "--tasks", paramLabel = "SPEC",
      description = "test tasks (default for cdr: beta = 32.5, 37.5, 40 with nu = rho = 0)")
  String tasks;

  @Option(names = "--causal-epsilon", paramLabel = "E", defaultValue = "0",
      description = "causal training of the LRNR phases (0: off); a PINN with the same setting is then trained too")
  double causalEpsilon;

  @Option(names = "--trainer", defaultValue = "adam+lbfgs", paramLabel = "ID",
      description = "trainer of the LRNR phases: adam+lbfgs (default: L-BFGS after Adam, in each curriculum stage) "
          + "or adam (the papers' protocol)")
  String trainer;

  @Option(names = "--lbfgs-iterations", defaultValue = "500", paramLabel = "N",
      description = "L-BFGS iterations of fine-tuning with --trainer adam+lbfgs (default: 500)")
  int lbfgsIterations;

  @Option(names = "--finetune-epochs", defaultValue = "0", paramLabel = "N",
      description = "Adam epochs of fine-tuning (0: the scale's, 1,000 quick / 10,000 paper); few, to time the "
          + "fastlrnr preset's full steps")
  int finetuneEpochs;

  @Option(names = "--time-harmonics", defaultValue = "8", paramLabel = "N",
      description = "Fourier features cos/sin(k pi t / T), k = 1..N, of time as the LRNR's input (default: 8; 0: raw t)")
  int timeHarmonics;

  @Option(names = "--space-harmonics", defaultValue = "1", paramLabel = "N",
      description = "Fourier features of the periodic inputs, harmonics 1..N (default: 1, exact periodicity; 0: raw x)")
  int spaceHarmonics;

  @Option(names = "--strategy-opt", paramLabel = "K=V", description = "further lrnr options, e.g. width=32")
  Map<String, String> strategyOptions;

  @Option(names = "--no-coefficients-baseline", negatable = false,
      description = "skip the fast phase's baseline in the paper (the coefficients alone trained through the full "
          + "network for the fast phase's Adam epochs; at the fastlrnr preset each of its epochs is a full step)")
  boolean noCoefficientsBaseline;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for the runs")
  Path out;

  @Option(names = "--json", paramLabel = "FILE", description = "write the table as JSON")
  Path json;

  @Mixin RunnerOptions runner = new RunnerOptions();

  /** Creates the command (picocli). */
  public LrnrCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    LrnrBench.Settings settings = new LrnrBench.Settings(pde, Scale.parse(scale), metaTasks, tasks, causalEpsilon,
        trainer, lbfgsIterations, finetuneEpochs, timeHarmonics, spaceHarmonics, strategyOptions,
        !noCoefficientsBaseline, out);
    long t0 = System.nanoTime();
    LrnrBench.Result r;
    runner.checkCoresNotShared(bench.main().global().threads(), "bench lrnr");
    r = BenchSupport.withRunner(bench, runner, o, (pa, cells) -> LrnrBench.run(pa, settings, cells,
        BenchSupport.log(o)));
    print(o, r);
    BenchSupport.figures(o, () -> LrnrBench.figures(r));
    o.printf(Locale.ROOT, "total %s%n", Durations.format((System.nanoTime() - t0) / 1e9));
    if (json != null) {
      Json.write(json, r.toMap());
      o.println("wrote " + json);
    }
    return 0;
  }

  private static String sci(Double v) {
    return v == null ? "" : Durations.sci(v);
  }

  private static void print(PrintWriter o, LrnrBench.Result result) {
    String fmt = "%-28s %12s %12s %12s %12s %14s %14s %14s%n";
    List<LrnrBench.Row> rows = result.rows();
    boolean matched = rows.stream().anyMatch(r -> r.relL2PinnMatched() != null);
    boolean causal = rows.stream().anyMatch(r -> r.relL2PinnCausal() != null);
    o.printf(Locale.ROOT, "%n" + fmt, "task", "hyper guess", "finetune", "fast phase", "coeffs only",
        "vanilla PINN", matched ? "matched PINN" : "", causal ? "causal PINN" : "");
    for (LrnrBench.Row r : rows) {
      o.printf(Locale.ROOT, fmt, r.task(), sci(r.relL2Hyper()), sci(r.relL2Finetune()), sci(r.relL2Fast()),
          sci(r.relL2Coefficients()), sci(r.relL2Pinn()), sci(r.relL2PinnMatched()), sci(r.relL2PinnCausal()));
    }
    o.printf(Locale.ROOT, "coeffs only = the fast phase's baseline in the paper: the coefficients alone trained through "
        + "the full network for the fast phase's Adam epochs%n");
    o.printf(Locale.ROOT, "relative L2 errors on the evaluation grid; PINNs (width 50, depth 4) trained for the wall "
        + "time of the fine-tuning: vanilla = raw inputs and Adam%s%s%n",
        matched ? "; matched = the LRNR's input features and trainer" : "", causal ? "; causal = vanilla + causal" : "");
    Map<String, Object> facts = result.facts();
    o.printf(Locale.ROOT, "effective ranks %s, EIM sizes %s (check %.1e), meta-learning %s%n",
        facts.get("effective_ranks"), facts.get("eim_sizes"), (Double) facts.get("eim_check_rel_error"),
        Durations.format(result.metaSeconds()));
    o.printf(Locale.ROOT, "Adam step: full fine-tuning %.3f ms, fast phase %.3f ms, ratio %.1fx (paper: 140 ms vs 4 ms, "
        + "about 35x, V100, width 4000)%n", result.fullStepMs(), result.fastStepMs(),
        result.fullStepMs() / result.fastStepMs());
    o.flush();
  }
}
