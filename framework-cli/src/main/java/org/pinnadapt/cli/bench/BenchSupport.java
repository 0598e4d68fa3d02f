package org.pinnadapt.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.pinnadapt.bench.BenchLog;

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
