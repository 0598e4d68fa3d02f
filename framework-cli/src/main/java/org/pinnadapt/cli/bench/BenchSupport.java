package org.pinnadapt.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.pinnadapt.bench.BenchLog;
import org.pinnadapt.cli.command.GlobalOptions;
import org.pinnadapt.cli.command.RunnerOptions;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.sweep.SweepRunner;

/** How the bench commands print what the benches report. */
final class BenchSupport {

  private BenchSupport() {}

  /** A bench's progress as lines on the command's output, one line per finished training. */
  static BenchLog log(PrintWriter out) {
    return BenchLog.compact(line -> {
      out.println(line);
      out.flush();
    });
  }

  /** A runner's messages as lines on the command's output. */
  static Consumer<String> info(PrintWriter out) {
    return line -> {
      out.println(line);
      out.flush();
    };
  }

  /**
   * Runs a bench whose runs are sweep cells: a framework with the native threads of one run, and the runner the
   * options name ({@code --workers}, {@code --master}), both closed afterwards.
   *
   * @param bench the bench command
   * @param runner the runner options
   * @param o the output
   * @param body the bench
   * @param <T> its result
   * @return the result
   */
  static <T> T withRunner(BenchCommand bench, RunnerOptions runner, PrintWriter o,
      BiFunction<PinnAdapt, SweepRunner, T> body) {
    GlobalOptions g = bench.main().global();
    try (PinnAdapt pa = g.framework(runner.threads(g.threads()));
        SweepRunner cells = runner.open(pa, g.runtimeConfig(), g.pluginDirectory(), info(o))) {
      return body.apply(pa, cells);
    }
  }

  /** Draws a bench's figures and names them; a figure that fails is a warning, not an error. */
  static void figures(PrintWriter o, Supplier<List<Path>> draw) {
    try {
      List<Path> files = draw.get();
      o.println((files.size() == 1 ? "figure " : "figures ")
          + files.stream().map(Path::toString).collect(Collectors.joining(", ")));
    } catch (RuntimeException e) {
      o.println("warning: figures not written: " + e.getMessage());
    }
  }
}
