package org.pinnadapt.cli.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.pinnadapt.core.loss.ErrorReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt predict}: evaluates a run's solution of a task on a grid. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Evaluate a trained solution on a grid and write a CSV (inputs, then fields). A run whose "
        + "strategy needs no per-task training (hyper) predicts unseen tasks too.")
public final class PredictCommand implements Callable<Integer> {

  @ParentCommand private Launcher main;
  @Spec private CommandSpec spec;

  @Option(names = "--run", paramLabel = "DIR", required = true, description = "a run folder")
  Path run;

  @Option(names = "--task", paramLabel = "K=V[,K=V]", description = "the task")
  String task;

  @Option(names = "--task-file", paramLabel = "FILE", description = "CSV with the task's embedding (first row)")
  Path taskFile;

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
    if ((task == null) == (taskFile == null)) {
      throw new InvalidInputException("give exactly one of --task and --task-file");
    }
    RunFolder.checkWritable(out.toAbsolutePath().getParent());
    ExperimentConfig c = ExperimentConfig.fromMap(ConfigFiles.read(configFile), configFile.toString())
        .merge(Map.of("out", run.toString(), "tasks", "test", "task-file", ""), "predict");
    try (PinnAdapt pa = RunCommand.framework(main, c); SavedRun saved = SavedRun.open(pa, c, run, o::println)) {
      Pde pde = saved.pde();
      Task t = taskFile != null ? Tasks.fromFile(pde, taskFile).get(0) : pde.task(Tasks.parseAssignments(task));
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
