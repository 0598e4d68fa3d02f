package org.pinnadapt.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.ExperimentConfig;

/** Sweeps from Java on Spark embedded (Spark's jars from framework-spark/target/spark/jars). */
class SparkRunnerTest {

  static PinnAdapt framework;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    framework = PinnAdapt.builder().optDevice("cpu").optThreads(1).build();
  }

  @AfterAll
  static void stop() {
    framework.close();
  }

  @Test
  void aSweepRunsOnEmbeddedSparkWithTheResultsOfTheInProcessRunner() throws Exception {
    SweepSpec spec = SweepTest.spec("width=8,12");
    ExperimentConfig base = ExperimentConfig.fromMap(spec.base(), "test");
    List<String> info = new ArrayList<>();
    try (SweepRunner spark = SweepRunners.open(framework, base, "spark", 2, null, Map.of(), null, info::add)) {
      assertThat(spark).isInstanceOf(SparkRunner.class);
      assertThat(spark.parallelism()).isEqualTo(2);
      ((SparkRunner) spark).awaitStarted();
      Sweep.run(framework, spec, dir.resolve("spark"), false, spark, info::add);
      assertThat(((SparkRunner) spark).cellsRun()).isEqualTo(Map.of("spark", 8, "threads", 0));
    }
    Sweep.run(framework, spec, dir.resolve("serial"), false, new InProcessRunner(framework), m -> { });
    List<String> a = Files.readAllLines(dir.resolve("spark").resolve("cells.csv"));
    List<String> b = Files.readAllLines(dir.resolve("serial").resolve("cells.csv"));
    assertThat(a).hasSize(9);
    assertThat(errors(a)).isEqualTo(errors(b));
    assertThat(info).anyMatch(l -> l.startsWith("[8/8] "));
    // a second sweep in this JVM, at once: a new Spark context (Spark's classes loaded once); the first cells run
    // on this JVM's threads while it starts, never more than 2 at a time, the others on Spark
    try (SweepRunner again = SweepRunners.open(framework, base, "spark", 2, null, Map.of(), null, info::add)) {
      Sweep.run(framework, spec, dir.resolve("again"), false, again, info::add);
      Map<String, Integer> ran = ((SparkRunner) again).cellsRun();
      assertThat(ran.get("spark") + ran.get("threads")).isEqualTo(8);
      assertThat(ran.get("threads")).isGreaterThanOrEqualTo(1);
    }
    assertThat(errors(Files.readAllLines(dir.resolve("again").resolve("cells.csv")))).isEqualTo(errors(b));
  }

  /** cell id and mse of each row, sorted (cells finish in any order on two workers). */
  static List<String> errors(List<String> csv) {
    return csv.stream().skip(1).map(l -> l.split(",")).map(r -> r[0] + " " + r[5]).sorted().toList();
  }

  @Test
  void aCellRunWhereTheSweepFolderIsNotVisibleTravelsBackAndIsUnpackedInPlace() throws Exception {
    SweepCell cell = SweepTest.spec("width=8,12").cells(framework).get(0);
    Path elsewhere = dir.resolve("on-another-machine").resolve("sweep"); // not there for the worker
    CellWorker.useFramework(framework);
    String result;
    try {
      result = CellWorker.run(CellWorker.request(cell, elsewhere, Map.of("threads", 1)), "");
    } finally {
      CellWorker.useFramework(null);
    }
    assertThat(elsewhere).doesNotExist();
    CellResult r = CellWorker.result(cell, result);
    assertThat(r.status()).isEqualTo("finished");
    assertThat(r.relL2()).isFinite();
    Path sweep = Files.createDirectories(dir.resolve("driver"));
    CellWorker.unpack(cell, result, sweep);
    Path run = cell.runFolder(sweep);
    assertThat(run.resolve("config.json")).exists();
    assertThat(Files.readString(run.resolve("metrics.json"))).contains("\"status\"");
    assertThat(run.resolve(".lock")).doesNotExist();
  }

  @Test
  void badMastersAndSettingsAreRefusedBeforeSparkStarts() {
    assertThatThrownBy(() -> SparkMaster.parse("spark://127.0.0.1:1", 2, 4).checkReachable())
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("--master spark://127.0.0.1:1: cannot reach");
    assertThatThrownBy(() -> SparkMaster.parse("k8s://https://h:443", 2, 4)).hasMessageContaining("spark-kubernetes");
    assertThatThrownBy(() -> SparkMaster.parse("spark://nohostport", 2, 4)).hasMessageContaining("not a Spark master");
    assertThat(SparkMaster.parse(null, 3, 4).url()).isEqualTo("local[3,4]");
    assertThat(SparkMaster.parse("spark://a:7077,b:7077", 1, 4).hosts()).containsExactly("a:7077", "b:7077");
    assertThatThrownBy(() -> SweepRunners.sparkConf(List.of("executor.memory=1g")))
        .hasMessageContaining("not spark.KEY=VALUE");
    assertThatThrownBy(() -> SweepRunners.open(framework, ExperimentConfig.defaults(), "threads", 2,
        "spark://h:1", Map.of(), null, m -> { })).hasMessageContaining("--master needs --engine spark");
  }
}
