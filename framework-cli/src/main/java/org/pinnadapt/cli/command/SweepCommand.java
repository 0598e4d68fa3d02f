package org.pinnadapt.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.sweep.Sweep;
import org.pinnadapt.sweep.SweepCell;
import org.pinnadapt.sweep.SweepFolder;
import org.pinnadapt.sweep.SweepRunner;
import org.pinnadapt.sweep.SweepSpec;
import org.pinnadapt.sweep.SweepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt sweep}: the cross product of tasks, varied options and seeds, one experiment per cell. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run one experiment per cell of the cross product of the tasks, each --vary key's values and the "
        + "seeds; write cells.csv as cells finish (resumable), a summary table and error plots.")
public final class SweepCommand implements Callable<Integer> {

  @ParentCommand private Launcher main;
  @Spec private CommandSpec spec;

  @Mixin ExperimentOptions experiment = new ExperimentOptions();

  @Option(names = "--vary", paramLabel = "KEY=V1,V2,...", description = "a configuration key or a strategy, "
      + "architecture, PDE or trainer option and its values, e.g. --vary rank=1,2,4,8 --vary width=32,64")
  List<String> vary = new ArrayList<>();

  @Option(names = "--seeds", paramLabel = "S1,S2,...", description = "the seeds (default: the configuration's seed)")
  String seeds;

  @Option(names = "--out", paramLabel = "DIR", description = "sweep folder (default runs/sweep-<pde>-<strategy>-<time>)")
  String out;

  @Option(names = "--resume", description = "run only the cells of the sweep in --out that have no row in cells.csv")
  boolean resume;

  @Mixin RunnerOptions runner = new RunnerOptions();

  @Option(names = "--max-cells", paramLabel = "N", defaultValue = "200",
      description = "refuse more cells than this without --yes (default: ${DEFAULT-VALUE})")
  int maxCells;

  @Option(names = "--yes", description = "run any number of cells")
  boolean yes;

  /** Creates the command (picocli). */
  public SweepCommand() {}

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    Consumer<String> info = line -> {
      o.println(line);
      o.flush();
    };
    Path folder = resume ? resumedFolder() : null;
    SweepSpec sweep = resume ? SweepFolder.recorded(folder) : newSweep();
    if (resume) {
      runner.resumeDefaults(SweepFolder.recordedRunner(folder)); // where it ran, unless told otherwise
    }
    folder = folder != null ? folder : out != null ? Path.of(out) : RunFiles.timestamped("sweep-"
        + RunFiles.safe(String.valueOf(sweep.base().get("pde"))) + "-"
        + RunFiles.safe(String.valueOf(sweep.base().get("strategy"))));
    runner.check();
    ExperimentConfig base = ExperimentConfig.fromMap(sweep.base(), "the sweep");
    if (runner.threads(base.integer("threads")) != base.integer("threads")) { // side by side: no oversubscription
      base = base.merge(Map.of("threads", runner.threads(base.integer("threads"))), "--workers");
    }
    try (PinnAdapt pa = RunCommand.framework(main, base)) {
      List<SweepCell> cells = sweep.cells(pa);
      if (cells.size() > maxCells && !yes) {
        throw new InvalidInputException("the sweep has " + cells.size() + " cells, more than --max-cells " + maxCells
            + "; add --yes to run them all");
      }
      try (SweepRunner r = runner.open(pa, base, main.global().pluginDirectory(), info)) {
        print(o, Sweep.run(sweep, cells, folder, resume, r, info), folder);
      }
    }
    return 0;
  }

  private Path resumedFolder() {
    if (out == null) {
      throw new InvalidInputException("--resume needs --out DIR, the sweep folder to continue");
    }
    if (!vary.isEmpty() || seeds != null) {
      throw new InvalidInputException("--resume continues the sweep recorded in " + out + "/sweep.json; "
          + "--vary and --seeds cannot change it");
    }
    return Path.of(out);
  }

  /** The sweep of the options and the configuration file's {@code sweep} section (the options win). */
  private SweepSpec newSweep() {
    ExperimentConfig c = experiment.configuration(ExperimentConfig.defaults(), main.global(), null);
    Map<String, Object> section = c.map("sweep");
    Map<String, Object> base = c.toMap();
    base.remove("out");
    base.remove("sweep");
    Map<String, List<String>> varied = vary.isEmpty() ? SweepSpec.fromSection(section) : SweepSpec.parseVary(vary);
    runner.defaults(section.get("workers"), section.get("master"));
    return new SweepSpec(base, c.string("tasks"), varied,
        seeds != null ? SweepSpec.parseSeeds(seeds) : section.containsKey("seeds")
            ? SweepSpec.parseSeeds(SweepSpec.joined(section.get("seeds"))) : List.of(c.longValue("seed")));
  }

  private static void print(PrintWriter o, SweepSummary s, Path folder) {
    o.println();
    StringBuilder fmt = new StringBuilder();
    for (int i = 0; i < s.header().size(); i++) {
      int w = s.header().get(i).length();
      for (List<String> r : s.rows()) {
        w = Math.max(w, r.get(i).length());
      }
      fmt.append("%-").append(w + 2).append('s');
    }
    o.println(String.format(Locale.ROOT, fmt.toString(), s.header().toArray()).stripTrailing());
    for (List<String> r : s.rows()) {
      o.println(String.format(Locale.ROOT, fmt.toString(), r.toArray()).stripTrailing());
    }
    o.println("sweep folder " + folder + ": cells.csv, summary.csv" + (s.figures().isEmpty() ? ""
        : ", " + String.join(", ", s.figures().stream().map(f -> folder.relativize(f).toString()).toList())));
    if (!s.failed().isEmpty()) {
      o.println("warning: " + s.failed().size() + " cell(s) failed (recorded in cells.csv):");
      s.failed().forEach(f -> o.println("  " + f));
    }
  }
}
