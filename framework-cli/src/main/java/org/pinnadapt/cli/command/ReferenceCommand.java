package org.pinnadapt.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.ReferenceSolution;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.EvaluationGrid;
import org.pinnadapt.core.experiment.RunFolder;
import org.pinnadapt.core.experiment.Tasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt reference}: the plug-in's reference solution on a grid. */
@Command(name = "reference", mixinStandardHelpOptions = true,
    description = "Write a PDE's reference solution of a task on a grid as CSV (inputs, then fields).")
public final class ReferenceCommand implements Callable<Integer> {

  @ParentCommand private Launcher main;
  @Spec private CommandSpec spec;

  @Option(names = "--pde", paramLabel = "ID", required = true, description = "PDE id")
  String pde;

  @Option(names = "--pde-opt", paramLabel = "K=V", description = "PDE option, e.g. ic=sin")
  Map<String, String> pdeOptions;

  @Option(names = "--task", paramLabel = "K=V[,K=V]", description = "the task (default: the reference task)")
  String task;

  @Option(names = "--task-file", paramLabel = "FILE", description = "CSV with the task's embedding (first row)")
  Path taskFile;

  @Option(names = "--grid", paramLabel = "NXxNT", description = "grid size per input (default: the PDE's)")
  String grid;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "the CSV to write")
  Path out;

  /** Creates the command (picocli). */
  public ReferenceCommand() {}

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    if (task != null && taskFile != null) {
      throw new InvalidInputException("give at most one of --task and --task-file");
    }
    try (PinnAdapt pa = PinnAdapt.builder().optPluginDirectory(main.global().pluginDirectory()).build()) {
      PdeProvider provider = pa.registry().pdeProvider(pde);
      Pde p = provider.create(Options.parse(provider.options(), pdeOptions == null ? Map.of() : pdeOptions,
          "pde '" + pde + "'"));
      Task t = taskFile != null ? Tasks.fromFile(p, taskFile).get(0)
          : task != null ? p.task(Tasks.parseAssignments(task)) : p.referenceTask();
      EvaluationGrid g = grid == null ? EvaluationGrid.defaultFor(p.domain()) : EvaluationGrid.parse(p.domain(), grid);
      RunFolder.checkWritable(out.toAbsolutePath().getParent());
      PointSet points = g.points();
      ReferenceSolution ref = p.reference(t);
      long t0 = System.nanoTime();
      double[][] values = ref.evaluate(points);
      double ms = (System.nanoTime() - t0) / 1e6;
      GridCsv.write(out, p.domain().names(), p.fields().stream().map(Field::name).toList(), points, values);
      o.printf(Locale.ROOT, "%s %s: %s on %s (%d points) in %.1f ms; wrote %s%n", pde, t.id(), ref.method(), g.spec(),
          points.size(), ms, out);
    }
    return 0;
  }
}
