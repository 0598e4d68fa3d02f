package org.pinnadapt.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.RunFigures;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.experiment.RunFolder;
import org.pinnadapt.core.experiment.RunStatus;
import org.pinnadapt.core.experiment.SavedRun;
import org.pinnadapt.core.report.Plots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt report DIR}: re-renders a finished run's table and figures. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Print a finished run's result table and redraw its figures (heat maps, loss histories).")
public final class ReportCommand implements Callable<Integer> {

  @ParentCommand private Launcher main;
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "the run folder")
  Path run;

  /** Creates the command (picocli). */
  public ReportCommand() {}

  private RunStatus status(PrintWriter o) {
    if (!Files.isDirectory(run)) {
      throw new InvalidInputException("run folder " + run + " does not exist");
    }
    if (!Files.exists(run.resolve("config.json"))) {
      throw new InvalidInputException("run folder " + run + " has no config.json: not a run folder");
    }
    RunStatus st = RunStatus.read(run);
    if (st.metrics() == null) {
      throw new InvalidInputException("run folder " + run + " has no readable result: " + st.status() + " ("
          + st.reason() + ")");
    }
    if (!st.complete()) {
      o.println("note: the run is " + st.status() + (st.reason().isEmpty() ? "" : " (" + st.reason() + ")")
          + "; showing the tasks it finished");
    }
    return st;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    Path configFile = run.resolve("config.json");
    RunStatus st = status(o);
    JsonNode metrics = st.metrics();
    String fmt = "%-28s %11s %9s %9s %7s %10s %9s%n";
    o.printf(Locale.ROOT, "%s on %s, run folder %s%n", metrics.path("strategy").asText(), metrics.path("pde").asText(), run);
    o.printf(Locale.ROOT, fmt, "task", "mse", "rel_l2", "params", "epochs", "s/epoch", "wall s");
    List<String> ids = new ArrayList<>();
    for (JsonNode t : metrics.path("tasks")) {
      ids.add(t.path("task").asText());
      o.printf(Locale.ROOT, fmt, t.path("task").asText(), String.format(Locale.ROOT, "%.3e", t.path("mse").asDouble()),
          String.format(Locale.ROOT, "%.2e", t.path("rel_l2").asDouble()), t.path("trainable_params").asLong(),
          t.path("epochs").asInt(), String.format(Locale.ROOT, "%.4f", t.path("sec_per_epoch").asDouble()),
          String.format(Locale.ROOT, "%.1f", t.path("adapt_s").asDouble()));
    }
    JsonNode mean = metrics.path("mean");
    o.printf(Locale.ROOT, fmt, "mean", String.format(Locale.ROOT, "%.3e", mean.path("mse").asDouble()),
        String.format(Locale.ROOT, "%.2e", mean.path("rel_l2").asDouble()), mean.path("trainable_params").asLong(),
        mean.path("epochs").asInt(), String.format(Locale.ROOT, "%.4f", mean.path("sec_per_epoch").asDouble()),
        String.format(Locale.ROOT, "%.1f", mean.path("adapt_s").asDouble()));

    ExperimentConfig c = SavedRun.recordedConfig(run, "report");
    Path figures = run.resolve("figures");
    Map<String, List<HistoryRow>> histories = RunFiles.readHistory(run.resolve("history.csv"));
    int written = 0;
    try (RunFolder lock = RunFolder.lock(run, o::println);
        PinnAdapt pa = RunCommand.framework(main, c); SavedRun saved = SavedRun.open(pa, c, run, o::println)) {
      for (String id : ids) {
        Task task = saved.task(id);
        if (RunFigures.drawable(saved.pde().domain())) {
          SavedRun.Prediction p = saved.predict(task, saved.grid(), true);
          written += RunFigures.write(figures, saved.strategyId(), saved.pde(), task, saved.grid(), p.values(),
              p.reference()).size();
        }
        List<HistoryRow> h = histories.get(id);
        if (h != null && !h.isEmpty()) {
          Plots.history(figures.resolve(RunFiles.safe("history-" + saved.strategyId() + "-" + task.fileName()) + ".png"),
              saved.strategyId() + " " + id + ": training loss", h);
          written++;
        }
      }
    }
    o.printf(Locale.ROOT, "%d figures in %s%n", written, figures);
    return 0;
  }
}
