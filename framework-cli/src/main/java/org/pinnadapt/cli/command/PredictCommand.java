package org.pinnadapt.cli.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pinnadapt.api.InvalidInputException;
import org.pinnadapt.api.Pde;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.ReferenceSolution;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.cli.Main;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Evaluation;
import org.pinnadapt.core.experiment.EvaluationGrid;
import org.pinnadapt.core.experiment.Experiment;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.ExperimentSetup;
import org.pinnadapt.core.experiment.Tasks;
import org.pinnadapt.core.loss.ErrorReport;
import org.pinnadapt.core.loss.Metrics;
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

  @ParentCommand private Main main;
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
    Experiment.checkWritable(out.toAbsolutePath().getParent());
    ExperimentConfig c = ExperimentConfig.fromMap(ConfigFiles.read(configFile), configFile.toString())
        .merge(Map.of("out", run.toString(), "tasks", "test", "task-file", ""), "predict");
    try (PinnAdapt pa = RunCommand.framework(main, c);
        ExperimentSetup setup = new ExperimentSetup(pa, c, run, TrainingListener.NONE, o::println)) {
      Task t = taskFile != null ? Tasks.fromFile(setup.pde(), taskFile).get(0)
          : setup.pde().task(Tasks.parseAssignments(task));
      EvaluationGrid g = grid == null ? setup.grid() : EvaluationGrid.parse(setup.pde().domain(), grid);
      PointSet points = g.points();
      long t0 = System.nanoTime();
      try (Solution s = Experiment.solutionOf(setup, t)) {
        double solveMs = (System.nanoTime() - t0) / 1e6;
        Evaluation.Prediction p = Evaluation.predict(s, points, setup.context().manager(), setup.context().dataType());
        GridCsv.write(out, setup.pde().domain().names(), setup.pde().fields().stream().map(Field::name).toList(),
            points, p.values());
        o.printf(Locale.ROOT, "%s %s: solution in %.1f ms (weights), evaluated on %s (%d points) in %.1f ms; wrote %s%n",
            setup.strategyId(), t.id(), solveMs, g.spec(), points.size(), p.millis(), out);
        if (!skipError) {
          printError(o, setup.pde(), t, points, p.values());
        }
      }
    }
    return 0;
  }

  /** The error against the PDE's reference on the grid, overall and per field, if the PDE has one. */
  private static void printError(PrintWriter o, Pde pde, Task t, PointSet points, double[][] predicted) {
    ReferenceSolution ref;
    try {
      ref = pde.reference(t);
    } catch (UnsupportedOperationException e) {
      return;
    }
    if (ref == null) {
      return;
    }
    ErrorReport e = Metrics.compare(pde.fields(), predicted, ref.evaluate(points));
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "error against the reference (%s): mse %.3e, rel_l2 %.3e", ref.method(), e.mse(), e.relL2()));
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
