package org.pinnadapt.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep driver killed with -9 leaves every finished cell; {@code sweep --resume} runs only the missing ones. */
class SweepFaultsTest {

  @TempDir Path work;

  static List<String> sweep(Path out) {
    List<String> a = new ArrayList<>(List.of("sweep", "--pde", "kovasznay", "--strategy", "pinn", "--tasks",
        "Re=30;Re=40", "--vary", "width=8,12", "--seeds", "1,2", "--arch-opt", "depth=1", "--epochs", "400",
        "--trainer", "adam", "--set", "collocation=100", "--set", "boundary=20", "--set", "grid=5x5",
        "--set", "checkpoint-every=50", "--set", "figures=false", "--threads", "1", "--out", out.toString()));
    return a;
  }

  static List<String> cells(Path out) throws Exception {
    return Files.readAllLines(out.resolve("cells.csv")).stream().skip(1).map(l -> l.split(",")[0]).toList();
  }

  @Test
  void aKilledDriverLosesNothingAndTheResumeRunsOnlyTheMissingCells() throws Exception {
    Path out = work.resolve("sweep");
    List<String> spark = sweep(out);
    spark.addAll(List.of("--workers", "2")); // Spark embedded, two cells at a time
    Process p = Cli.start(work, "sweep", spark);
    long end = System.nanoTime() + 120_000_000_000L;
    while (p.isAlive() && System.nanoTime() < end
        && (!Files.exists(out.resolve("cells.csv")) || Files.readAllLines(out.resolve("cells.csv")).size() < 3)) {
      Thread.sleep(50);
    }
    p.destroyForcibly(); // SIGKILL, in the middle of a later cell
    p.waitFor();
    List<String> before = cells(out);
    assertThat(before).hasSizeBetween(2, 7);
    Cli.Outcome r = Cli.run(work, "sweep", "--resume", "--out", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("8 cells, " + before.size() + " finished before, running " + (8 - before.size()));
    List<String> after = cells(out);
    assertThat(after).hasSize(8).doesNotHaveDuplicates().startsWith(before.toArray(new String[0]));
    assertThat(Cli.files(out)).noneMatch(f -> f.endsWith(".tmp") || f.endsWith(".lock"));
  }

  @Test
  void aStoppedDriverRecordsNoCellAsFailedAndTheResumeFinishesTheSweep() throws Exception {
    for (String workers : List.of("1", "2")) { // in this process, and on Spark embedded
      Path out = work.resolve("stopped-" + workers);
      List<String> a = sweep(out);
      a.addAll(List.of("--workers", workers));
      Process p = Cli.start(work, "stopped-" + workers, a);
      long end = System.nanoTime() + 120_000_000_000L;
      while (p.isAlive() && System.nanoTime() < end
          && (!Files.exists(out.resolve("cells.csv")) || Files.readAllLines(out.resolve("cells.csv")).size() < 2)) {
        Thread.sleep(50);
      }
      p.destroy(); // SIGTERM: what Ctrl-C does too (the JVM's shutdown hooks run)
      p.waitFor();
      List<String> rows = Files.readAllLines(out.resolve("cells.csv"));
      assertThat(rows).as("workers " + workers).noneMatch(l -> l.contains(",failed,"));
      Cli.Outcome r = Cli.run(work, "sweep", "--resume", "--out", out.toString()); // where it ran before
      assertThat(r.exit()).as(r.toString()).isZero();
      assertThat(r.out()).contains("(" + workers + " at a time)");
      assertThat(cells(out)).hasSize(8).doesNotHaveDuplicates();
      assertThat(Files.readAllLines(out.resolve("cells.csv"))).noneMatch(l -> l.contains(",failed,"));
    }
  }

  @Test
  void badSweepInputIsOneLineAndWritesNothing() throws Exception {
    Path out = work.resolve("bad");
    List<String> a = sweep(out);
    a.addAll(List.of("--vary", "colour=red"));
    Cli.Outcome o = Cli.run(work, a);
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.errorLine()).startsWith("error: --vary colour: not a configuration key");
    assertThat(o.stackLines()).isZero();
    assertThat(out).doesNotExist();
    Path notSweep = Files.createDirectories(work.resolve("run"));
    Cli.Outcome n = Cli.run(work, "sweep", "--resume", "--out", notSweep.toString());
    assertThat(n.exit()).isEqualTo(2);
    assertThat(n.errorLine()).contains("is not a sweep folder");
  }
}
