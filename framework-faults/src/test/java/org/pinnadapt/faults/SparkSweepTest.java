package org.pinnadapt.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps on Spark, for real: embedded {@code local[2]}, and a standalone cluster (a master and two one-core
 * workers, separate JVMs) that loses a worker mid-sweep. Heap in all: master and workers 128 MB each, executors
 * 512 MB each, driver 512 MB.
 */
class SparkSweepTest {

  @TempDir Path work;

  static List<String> sweep(Path out, int epochs, String... more) {
    List<String> a = new ArrayList<>(List.of("sweep", "--pde", "kovasznay", "--strategy", "pinn", "--tasks",
        "Re=30;Re=40", "--vary", "width=8,12", "--seeds", "1,2", "--arch-opt", "depth=1", "--epochs",
        Integer.toString(epochs), "--trainer", "adam", "--set", "collocation=100", "--set", "boundary=20",
        "--set", "grid=5x5", "--set", "figures=false", "--threads", "1", "--out", out.toString()));
    a.addAll(List.of(more));
    return a;
  }

  /** cells.csv as id -> row. */
  static Map<String, List<String>> rows(Path out) throws Exception {
    List<String> lines = Files.readAllLines(out.resolve("cells.csv"));
    List<String> ids = lines.stream().skip(1).map(l -> l.split(",")[0]).toList();
    assertThat(ids).as("cells.csv rows").doesNotHaveDuplicates();
    return lines.stream().skip(1).map(l -> Arrays.asList(l.split(",", -1)))
        .collect(Collectors.toMap(r -> r.get(0), Function.identity()));
  }

  static int column(Path out, String name) throws Exception {
    return Arrays.asList(Files.readAllLines(out.resolve("cells.csv")).get(0).split(",")).indexOf(name);
  }

  @Test
  void aStandaloneClusterThatLosesAWorkerMidSweepFinishesEveryCellExactlyOnce() throws Exception {
    Path out = work.resolve("sweep");
    try (SparkCluster cluster = new SparkCluster(Cli.dist().resolve("spark"), work, 2)) {
      Process driver = Cli.start(work, "driver", List.of("-Xmx512m"), sweep(out, 1500, "--master", cluster.url(),
          "--spark-conf", "spark.executor.memory=512m"));
      try {
        long end = System.nanoTime() + 180_000_000_000L;
        while (driver.isAlive() && System.nanoTime() < end && (!Files.exists(out.resolve("cells.csv"))
            || Files.readAllLines(out.resolve("cells.csv")).size() < 2)) {
          Thread.sleep(50);
        }
        assertThat(cluster.executors()).as("an executor per worker").hasSize(2);
        // the executor that finished the first cell has just begun another: kill its worker (and it) mid-cell
        String first = Files.readAllLines(out.resolve("cells.csv")).get(1);
        String pid = first.split(",")[column(out, "worker")].replaceAll(".*:", "");
        int victim = cluster.workerOf(Long.parseLong(pid));
        assertThat(victim).as("the worker of executor " + pid).isNotNegative();
        cluster.kill(victim); // Spark runs the lost cell again on the other worker
        assertThat(driver.waitFor(300, TimeUnit.SECONDS)).isTrue();
      } finally {
        driver.destroyForcibly().waitFor();
      }
      String err = Files.readString(work.resolve("driver.out")) + Files.readString(work.resolve("driver.err"));
      assertThat(driver.exitValue()).as(err).isZero();
      Map<String, List<String>> rows = rows(out);
      assertThat(rows).hasSize(8);
      int status = column(out, "status");
      int worker = column(out, "worker");
      assertThat(rows.values()).allMatch(r -> r.get(status).equals("finished"));
      assertThat(rows.values().stream().map(r -> r.get(worker)).distinct().count()).as("executors that ran cells")
          .isEqualTo(2);
      assertThat(err).as("Spark lost the killed executor's task and ran it again")
          .containsPattern("cell \\S+: attempt 1 lost \\(.*\\).*; Spark runs it again");
      assertThat(Cli.files(out)).noneMatch(f -> f.endsWith(".tmp") || f.endsWith(".lock"));
      assertThat(out.resolve("summary.csv")).exists();

      // a third-party PDE from a plug-in folder, on the worker left: the executor loads the framework in a
      // module layer of its own and the plug-in in a child layer of that one
      Path plugins = Files.createDirectories(work.resolve("plugins"));
      PluginFaultsTest.jarIn(plugins, "heat.jar", PluginFaultsTest.heat("org.example.heat", "heat", "Heat.java", "",
          ""));
      Path heat = work.resolve("heat");
      Cli.Outcome h = Cli.run(work, List.of("-Xmx512m"), "", List.of("--plugins", plugins.toString(), "sweep",
          "--pde", "heat", "--strategy", "pinn", "--tasks", "kappa=0.2", "--vary", "width=8,12",
          "--epochs", "50", "--set", "collocation=50", "--set", "grid=5x5", "--set", "figures=false", "--threads",
          "1", "--out", heat.toString(), "--master", cluster.url(), "--spark-conf", "spark.executor.memory=512m"));
      assertThat(h.exit()).as(h.toString()).isZero();
      Map<String, List<String>> heatRows = rows(heat);
      assertThat(heatRows).hasSize(2);
      int heatStatus = column(heat, "status");
      assertThat(heatRows.values()).allMatch(r -> r.get(heatStatus).equals("finished"));
    }
  }

  @Test
  void embeddedSparkRunsTwoCellsAtATimeWithTheResultsOfARunOneAfterAnother() throws Exception {
    Path spark = work.resolve("spark");
    Path serial = work.resolve("serial");
    Cli.Outcome s = Cli.run(work, List.of("-Xmx512m"), "", sweep(spark, 100, "--workers", "2"));
    assertThat(s.exit()).as(s.toString()).isZero();
    assertThat(s.out()).contains("running 8 (2 at a time)").contains("[8/8]");
    Cli.Outcome o = Cli.run(work, List.of("-Xmx512m"), "", sweep(serial, 100));
    assertThat(o.exit()).as(o.toString()).isZero();
    int mse = column(spark, "mse");
    Map<String, List<String>> a = rows(spark);
    Map<String, List<String>> b = rows(serial);
    assertThat(a.keySet()).isEqualTo(b.keySet()).hasSize(8);
    a.forEach((id, r) -> assertThat(r.get(mse)).as(id).isEqualTo(b.get(id).get(mse)));
  }

  @Test
  void aMasterThatIsNotThereOrNotSparkIsOneErrorLineAndWritesNothing() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path out = work.resolve("none");
    Map<String, String> cases = Map.of(
        "spark://127.0.0.1:" + port, "error: --master spark://127.0.0.1:" + port + ": cannot reach the Spark master",
        "yarn", "error: --master yarn: this build ships Spark's core only",
        "spark:/oops", "error: --master spark:/oops: not a Spark master URL");
    for (var c : cases.entrySet()) {
      Cli.Outcome o = Cli.run(work, List.of("-Xmx256m"), "", sweep(out, 10, "--master", c.getKey()));
      assertThat(o.exit()).as(o.toString()).isEqualTo(2);
      assertThat(o.errorLine()).startsWith(c.getValue());
      assertThat(o.stackLines()).isZero();
      assertThat(out).doesNotExist();
    }
    Cli.Outcome o = Cli.run(work, List.of("-Xmx256m"), "", sweep(out, 10, "--workers", "2", "--spark-conf", "x=1"));
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.errorLine()).startsWith("error: --spark-conf x=1: not spark.KEY=VALUE");
    assertThat(out).doesNotExist();
  }
}
