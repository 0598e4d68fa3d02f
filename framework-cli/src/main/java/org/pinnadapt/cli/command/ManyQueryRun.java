package org.pinnadapt.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.core.experiment.Durations;
import org.pinnadapt.core.experiment.EvaluationGrid;
import org.pinnadapt.core.experiment.SavedRun;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.query.FieldSummary;
import org.pinnadapt.core.query.ManyQuery;
import org.pinnadapt.core.query.ManyQueryFiles;
import org.pinnadapt.core.query.TaskSampler;
import org.pinnadapt.core.query.TaskSource;

/**
 * {@code pinnadapt predict} with many tasks (a sample spec or a task file of several rows): checks everything,
 * then runs {@link ManyQuery} into a temporary folder that becomes {@code --out} only when complete.
 */
final class ManyQueryRun {

  private final Path run;
  private final Path out;
  private final double[] quantiles;
  private final int batch;
  private final boolean saveSamples;
  private final long memoryLimitMb;
  private final boolean yes;

  ManyQueryRun(Path run, Path out, String quantiles, int batch, boolean saveSamples, long memoryLimitMb,
      boolean yes) {
    this.run = run;
    this.out = out;
    this.quantiles = parseQuantiles(quantiles);
    this.batch = batch;
    this.saveSamples = saveSamples;
    this.memoryLimitMb = memoryLimitMb;
    this.yes = yes;
    if (batch < 0) {
      throw new InvalidInputException("--batch " + batch + ": must be >= 0 (0: automatic)");
    }
    if (memoryLimitMb < 1) {
      throw new InvalidInputException("--memory-limit " + memoryLimitMb + ": must be at least 1 (MB)");
    }
    if (Files.exists(out)) {
      throw new InvalidInputException("--out " + out + " exists; many-query results go to a new folder");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      throw new InvalidInputException("--out " + out + ": its parent folder " + parent + " is not a writable folder");
    }
  }

  /** The samples of a spec, checked against the run's PDE. */
  static TaskSource sampled(String spec, Pde pde, long seed) {
    return TaskSource.of(TaskSampler.parse(spec, pde), pde, seed);
  }

  /** Checks the memory and disk the study needs, evaluates it, writes the folder, prints what it wrote. */
  int call(SavedRun saved, TaskSource tasks, EvaluationGrid grid, int lanes, Map<String, Object> about,
      PrintWriter o) {
    saved.checkPredictsNewTasks();
    long points = grid.points().size();
    int fields = saved.pde().fields().size();
    long store = FieldSummary.storeBytes((int) points, fields, tasks.count(), quantiles.length > 0);
    int b = ManyQuery.batchSize(batch, points, fields, tasks.count());
    // per lane one chunk's activations (a few arrays of ~5M scalars), and up to two finished batches (values, columns)
    long batchBytes = lanes * (4L * 5_000_000 * 4 + 2 * 2 * 4L * b * points * fields);
    long need = store + batchBytes;
    if (need > memoryLimitMb * 1_000_000L && !yes) {
      throw new InvalidInputException(String.format(Locale.ROOT, "%d samples on %d points need about %d MB "
          + "(exact quantiles keep every value: %d MB), over --memory-limit %d MB; use fewer samples, "
          + "--quantiles none, a higher --memory-limit, or --yes", tasks.count(), points, need / 1_000_000,
          store / 1_000_000, memoryLimitMb));
    }
    long disk = saveSamples ? 4L * tasks.count() * points * fields : 0;
    long free = out.toAbsolutePath().getParent().toFile().getUsableSpace();
    if (disk + store / 4 > free) {
      throw new InvalidInputException(String.format(Locale.ROOT, "--out %s: the results need about %d MB on disk, "
          + "%d MB are free", out, (disk + store / 4) / 1_000_000, free / 1_000_000));
    }
    Path tmp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".partial-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(tmp);
      ManyQuery.Builder q = ManyQuery.builder().setRun(saved).setTasks(tasks).setGrid(grid)
          .optQuantiles(quantiles).optBatch(batch).optLanes(lanes).optProgress(progress(o));
      if (saveSamples) {
        q.optSamplesFile(tmp.resolve("samples.npy"));
      }
      ManyQuery.Result r = q.build().run();
      Map<String, Object> json = new LinkedHashMap<>(about);
      json.put("samples_npy", saveSamples ? "[samples, points, fields] float32, samples in tasks.csv order" : null);
      List<Path> files = ManyQueryFiles.write(tmp, r, saved.pde(), grid, json);
      Files.move(tmp, out);
      o.printf(Locale.ROOT, "%d samples on %s (%d points, batches of %d, %d lanes): %s, %.0f samples/s; wrote %s: "
          + "%s%s%n", r.tasks().length, grid.spec(), points, r.batch(), lanes, Durations.format(r.seconds()),
          r.tasks().length / r.seconds(), out, String.join(", ", files.stream().map(f -> tmp.relativize(f).toString())
              .toList()), saveSamples ? ", samples.npy" : "");
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    } finally {
      try {
        RunFiles.deleteTree(tmp); // nothing left when it became --out
      } catch (UncheckedIOException e) {
        o.println("warning: " + e.getMessage()); // a leftover hidden .partial folder is harmless
      }
    }
  }

  private static java.util.function.Consumer<ManyQuery.Progress> progress(PrintWriter o) {
    long[] last = {System.nanoTime()};
    return p -> {
      long now = System.nanoTime();
      if (p.done() == p.total() || now - last[0] > 1_000_000_000L) {
        last[0] = now;
        o.printf(Locale.ROOT, "[%d/%d] %.0f%%, %s, eta %s%n", p.done(), p.total(), 100.0 * p.done() / p.total(),
            Durations.format(p.seconds()), Durations.format(p.etaSeconds()));
        o.flush();
      }
    };
  }

  static double[] parseQuantiles(String spec) {
    if (spec.isBlank() || spec.trim().equalsIgnoreCase("none")) {
      return new double[0];
    }
    double[] q = Arrays.stream(spec.split(",")).mapToDouble(s -> {
      try {
        double v = Double.parseDouble(s.trim());
        if (v >= 0 && v <= 1) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new InvalidInputException("--quantiles " + spec + ": '" + s.trim() + "' is not a level in [0, 1]");
    }).sorted().distinct().toArray();
    return q;
  }
}
