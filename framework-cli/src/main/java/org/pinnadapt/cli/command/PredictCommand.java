package org.pinnadapt.cli.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.EvaluationGrid;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.RunFolder;
import org.pinnadapt.core.experiment.SavedRun;
import org.pinnadapt.core.experiment.Tasks;
import org.pinnadapt.core.query.TaskSource;
import org.pinnadapt.core.loss.ErrorReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt predict}: evaluates a run's solution of a task on a grid. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Evaluate a trained solution on a grid and write a CSV (inputs, then fields). A run whose "
        + "strategy needs no per-task training (hyper, lrnr, colora) predicts unseen tasks too, and many at once: "
        + "with --sample, or a --task-file of several rows, --out is a new folder of summary fields (mean, std, "
        + "quantiles per grid point) as CSV, NumPy arrays and figures.")
public final class PredictCommand implements Callable<Integer> {

  @ParentCommand private Launcher main;
  @Spec private CommandSpec spec;

  @Option(names = "--run", paramLabel = "DIR", required = true, description = "a run folder")
  Path run;

  @Option(names = "--task", paramLabel = "K=V[,K=V]", description = "the task")
  String task;

  @Option(names = "--task-file", paramLabel = "FILE", description = "a task file: CSV, one task per row (the PDE's "
      + "parameters in order, optional first column id, optional header); several rows make a many-query study")
  Path taskFile;

  @Option(names = "--sample", paramLabel = "SPEC", description = "draw tasks, e.g. Re=uniform(20,100):10000; "
      + "uniform(lo,hi), loguniform(lo,hi), normal(mean,sd) (truncated to the range) or a number, per parameter, "
      + "comma-separated")
  String sample;

  @Option(names = "--seed", defaultValue = "1", description = "seed of --sample (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--quantiles", defaultValue = "0.05,0.5,0.95", paramLabel = "Q[,Q]",
      description = "quantile levels of a many-query study, or none (default: ${DEFAULT-VALUE})")
  String quantiles;

  @Option(names = "--batch", defaultValue = "0", description = "samples per batch (default 0: automatic)")
  int batch;

  @Option(names = "--save-samples", description = "also write every sample's fields as one array, samples.npy")
  boolean saveSamples;

  @Option(names = "--memory-limit", defaultValue = "1024", paramLabel = "MB",
      description = "memory a many-query study may use without --yes (default: ${DEFAULT-VALUE})")
  long memoryLimitMb;

  @Option(names = "--yes", description = "run a many-query study over --memory-limit")
  boolean yes;

  @Option(names = "--lanes", defaultValue = "0", description = "batches of a many-query study evaluated at the "
      + "same time, each on one core (default 0: one per core)")
  int lanes;

  @Option(names = "--grid", paramLabel = "NXxNT", description = "grid size per input (default: the PDE's)")
  String grid;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "the CSV to write")
  Path out;

  @Option(names = "--skip-error", description = "do not compare with the PDE's reference (a numerical reference "
      + "costs a solve)")
  boolean skipError;

  /** Creates the command (picocli). */
  public PredictCommand() {}

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    Path configFile = run.resolve("config.json");
    if (!Files.exists(configFile)) {
      throw new InvalidInputException("run folder " + run + " has no config.json");
    }
    if ((task != null ? 1 : 0) + (taskFile != null ? 1 : 0) + (sample != null ? 1 : 0) != 1) {
      throw new InvalidInputException("give exactly one of --task, --task-file and --sample");
    }
    ManyQueryRun many = sample == null ? null
        : new ManyQueryRun(run, out, quantiles, batch, saveSamples, memoryLimitMb, yes);
    ExperimentConfig c = SavedRun.recordedConfig(run, "predict");
    int cores = Runtime.getRuntime().availableProcessors();
    int laneCount = lanes > 0 ? lanes : cores;
    if (lanes < 0) {
      throw new InvalidInputException("--lanes " + lanes + ": must be >= 0 (0: one per core)");
    }
    if ((sample != null || (taskFile != null && Tasks.rows(taskFile).size() > 1)) && laneCount > 1) {
      // lanes side by side, each with single-threaded natives: small operations do not parallelize well
      c = c.merge(Map.of("threads", Math.max(1, c.integer("threads") > 0 ? c.integer("threads") / laneCount : 1)),
          "--lanes");
    }
    try (PinnAdapt pa = RunCommand.framework(main, c); SavedRun saved = SavedRun.open(pa, c, run, o::println)) {
      Pde pde = saved.pde();
      List<Task> listed = taskFile == null ? List.of() : Tasks.fromFile(pde, taskFile);
      if (many == null && listed.size() > 1) {
        many = new ManyQueryRun(run, out, quantiles, batch, saveSamples, memoryLimitMb, yes);
      }
      if (many != null) {
        EvaluationGrid g = grid == null ? saved.grid() : EvaluationGrid.parse(pde.domain(), grid);
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("run", run.toString());
        about.put("strategy", saved.strategyId());
        about.put("pde", pde.id());
        about.put("sample", sample);
        about.put("seed", sample == null ? null : seed);
        about.put("task_file", taskFile == null ? null : taskFile.toString());
        return many.call(saved, sample != null ? ManyQueryRun.sampled(sample, pde, seed)
            : TaskSource.of(listed), g, laneCount, about, o);
      }
      RunFolder.checkWritable(out.toAbsolutePath().getParent());
      Task t = taskFile != null ? listed.get(0) : pde.task(Tasks.parseAssignments(task));
      EvaluationGrid g = grid == null ? saved.grid() : EvaluationGrid.parse(pde.domain(), grid);
      SavedRun.Prediction p = saved.predict(t, g, !skipError);
      GridCsv.write(out, pde.domain().names(), names(pde.fields()), p.points(), p.values());
      o.printf(Locale.ROOT, "%s %s: solution in %.1f ms (weights), evaluated on %s (%d points) in %.1f ms; wrote %s%n",
          saved.strategyId(), t.id(), p.solveMs(), g.spec(), p.points().size(), p.evaluateMs(), out);
      if (p.errors() != null) {
        printError(o, p);
      }
    }
    return 0;
  }

  /** The error against the PDE's reference on the grid, overall and per field. */
  private static void printError(PrintWriter o, SavedRun.Prediction p) {
    ErrorReport e = p.errors();
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "error against the reference (%s): mse %.3e, rel_l2 %.3e", p.referenceMethod(), e.mse(), e.relL2()));
    for (ErrorReport.FieldError f : e.fields()) {
      sb.append(String.format(Locale.ROOT, "; %s: mse %.3e, rel_l2 %.3e", f.field(), f.mse(), f.relL2()));
    }
    o.println(sb);
  }

  /** For tests: the fields of a PDE. */
  static List<String> names(List<Field> fields) {
    return fields.stream().map(Field::name).toList();
  }
}
