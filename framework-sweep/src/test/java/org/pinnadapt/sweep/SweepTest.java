package org.pinnadapt.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Experiment;
import org.pinnadapt.core.experiment.ExperimentConfig;

class SweepTest {

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

  static Map<String, Object> base() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pde", "kovasznay");
    m.put("strategy", "pinn");
    m.put("architecture-options", Map.of("width", 8, "depth", 1));
    m.put("collocation", 64);
    m.put("boundary", 16);
    m.put("epochs", 5);
    m.put("trainer", "adam");
    m.put("grid", "5x5");
    m.put("checkpoint-every", 0);
    m.put("figures", false);
    return m;
  }

  static SweepSpec spec(String... vary) {
    return new SweepSpec(base(), "Re=30;Re=40", SweepSpec.parseVary(List.of(vary)), List.of(1L, 2L));
  }

  @Test
  void theCellsAreTheCrossProductAndEachKeyGoesWhereItBelongs() {
    List<SweepCell> cells = spec("width=8,12", "lr=0.001,0.01").cells(framework);
    assertThat(cells).hasSize(16);
    assertThat(cells.get(0).id()).isEqualTo("Re=30_width=8_lr=0.001_seed=1");
    assertThat(cells.get(15).id()).isEqualTo("Re=40_width=12_lr=0.01_seed=2");
    SweepCell c = cells.get(7); // Re=30, width=12, lr=0.01, seed 2
    assertThat(c.config().get("lr")).isEqualTo("0.01");
    assertThat(((Map<?, ?>) c.config().get("architecture-options")).get("width")).isEqualTo("12");
    assertThat(((Map<?, ?>) c.config().get("architecture-options")).get("depth")).isEqualTo(1);
    assertThat(c.config().get("tasks")).isEqualTo("Re=30");
    assertThat(c.config().get("seed")).isEqualTo(2L);
  }

  @Test
  void aSweepCanBeBuiltFromATypedExperiment() throws Exception {
    SweepSpec spec = SweepSpec.builder(Experiment.builder().setPde("kovasznay").setStrategy("pinn")
            .optArchitectureOption("width", 8).optArchitectureOption("depth", 1).optTasks("Re=30").optEpochs(3)
            .optTrainer("adam").optSetting("collocation", 64).optSetting("boundary", 16).optSetting("grid", "5x5")
            .optSetting("checkpoint-every", 0).optSetting("figures", false).build())
        .optVary("lr", 0.001, 0.01).optSeeds(1, 2).build();
    List<SweepCell> cells = spec.cells(framework);
    assertThat(cells).extracting(SweepCell::id).containsExactly("Re=30_lr=0.001_seed=1", "Re=30_lr=0.001_seed=2",
        "Re=30_lr=0.01_seed=1", "Re=30_lr=0.01_seed=2");
    SweepSummary s = Sweep.run(framework, spec, dir.resolve("typed"), false, new ThreadRunner(framework, 2), m -> { });
    assertThat(s.rows()).hasSize(2);
    assertThat(s.failed()).isEmpty();
  }

  @Test
  void badGridsAreRefusedBeforeAnythingRuns() {
    assertThatThrownBy(() -> spec("colour=red,blue").cells(framework)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--vary colour: not a configuration key nor an option of strategy 'pinn'");
    assertThatThrownBy(() -> SweepSpec.parseVary(List.of("rank"))).hasMessageContaining("KEY=V1,V2");
    assertThatThrownBy(() -> SweepSpec.parseVary(List.of("rank=1,1"))).hasMessageContaining("gives 1 twice");
    assertThatThrownBy(() -> spec("width=8,wide").cells(framework)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("width");
    assertThatThrownBy(() -> spec("seed=1,2")).hasMessageContaining("set by the sweep itself");
    assertThatThrownBy(() -> spec("precision=float32,float64")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--vary precision: set once for the framework that runs the cells");
    assertThatThrownBy(() -> SweepSpec.parseSeeds("1,x")).hasMessageContaining("'x' is not an integer");
  }

  /** Counts what it is given, then runs it in this process. */
  static final class Counting implements SweepRunner {
    final List<String> ran = new ArrayList<>();
    final SweepRunner inner = new InProcessRunner(framework);

    @Override
    public void run(List<SweepCell> cells, Path sweepFolder, Consumer<CellResult> done) {
      cells.forEach(c -> ran.add(c.id()));
      inner.run(cells, sweepFolder, done);
    }

    @Override
    public int parallelism() {
      return 1;
    }
  }

  @Test
  void aSweepWritesEveryCellOnceAndAResumeRunsOnlyTheMissingOnes() throws Exception {
    Path folder = dir.resolve("sweep");
    List<String> lines = new ArrayList<>();
    SweepSummary s = Sweep.run(framework, spec("width=8,12"), folder, false, new Counting(), lines::add);
    List<String> csv = Files.readAllLines(folder.resolve("cells.csv"));
    assertThat(csv.get(0)).isEqualTo("cell,task,width,seed,status,mse,rel_l2,epochs,wall_s,worker,error");
    assertThat(csv).hasSize(9);
    assertThat(csv.stream().skip(1).map(l -> l.split(",")[0]).distinct()).hasSize(8);
    assertThat(lines).anyMatch(l -> l.startsWith("[8/8] Re=40_width=12_seed=2: finished, rel_l2 "));
    assertThat(s.rows()).hasSize(4);
    assertThat(s.header()).contains("rel_l2_mean", "rel_l2_min", "rel_l2_max");
    assertThat(s.figures()).singleElement().satisfies(f -> assertThat(f).exists());
    assertThat(folder.resolve("summary.csv")).exists();
    assertThat(folder.resolve("cells").resolve("Re=30_width=8_seed=1").resolve("metrics.json")).exists();

    // a killed driver: the last two rows never reached the file; and one cell had failed (a worker without
    // pinnadapt, say): a resume runs it again
    List<String> kept = new ArrayList<>(csv.subList(0, 7));
    kept.set(1, kept.get(1).replace(",finished,", ",failed,"));
    Files.write(folder.resolve("cells.csv"), kept);
    Counting again = new Counting();
    List<String> resumed = new ArrayList<>();
    Sweep.run(framework, SweepFolder.recorded(folder), folder, true, again, resumed::add);
    assertThat(resumed.get(0)).contains("5 finished before, 1 failed before (run again), running 3");
    assertThat(again.ran).containsExactly(kept.get(1).split(",")[0], "Re=40_width=12_seed=1", "Re=40_width=12_seed=2");
    List<String> after = Files.readAllLines(folder.resolve("cells.csv"));
    assertThat(after).hasSize(9);
    assertThat(after.stream().skip(1).map(l -> l.split(",")[0]).distinct()).hasSize(8);
  }

  @Test
  void cellsRunTwoAtATimeGiveTheSameResultsAsOneAfterAnother() throws Exception {
    SweepSummary one = Sweep.run(framework, spec("width=8,12"), dir.resolve("one"), false,
        new InProcessRunner(framework), m -> { });
    SweepSummary two = Sweep.run(framework, spec("width=8,12"), dir.resolve("two"), false,
        new ThreadRunner(framework, 2), m -> { });
    assertThat(two.failed()).isEmpty();
    assertThat(two.rows()).hasSize(4);
    for (int i = 0; i < one.rows().size(); i++) { // the wall-time column aside
      assertThat(two.rows().get(i).subList(0, 8)).isEqualTo(one.rows().get(i).subList(0, 8));
    }
    // every cell's mse and rel_l2 (7 digits), whatever ran beside it
    assertThat(cellErrors(dir.resolve("two"))).isEqualTo(cellErrors(dir.resolve("one")));
    List<String> workers = Files.readAllLines(dir.resolve("two").resolve("cells.csv")).stream().skip(1)
        .map(l -> l.split(",")[9]).distinct().toList();
    assertThat(workers).hasSize(1); // one process
  }

  static List<String> cellErrors(Path folder) throws Exception {
    return Files.readAllLines(folder.resolve("cells.csv")).stream().skip(1)
        .map(l -> String.join(",", List.of(l.split(",")).subList(0, 8))).sorted().toList();
  }

  @Test
  void aCellThatFailsIsRecordedWithItsErrorAndTheSweepGoesOn() throws Exception {
    Path folder = dir.resolve("failing");
    SweepSpec spec = new SweepSpec(base(), "Re=30", SweepSpec.parseVary(List.of("grid=5x5,1x1")), List.of(1L));
    SweepSummary s = Sweep.run(framework, spec, folder, false, new InProcessRunner(framework), m -> { });
    List<String> csv = Files.readAllLines(folder.resolve("cells.csv"));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(1)).contains(",finished,");
    assertThat(csv.get(2)).contains(",failed,").contains("grid");
    assertThat(s.failed()).singleElement().asString().startsWith("Re=30_grid=1x1_seed=1: ");
  }

  @Test
  void aFolderThatIsNotASweepCannotBeResumedAndASweepIsNotOverwritten() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain"));
    Files.writeString(plain.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> Sweep.run(framework, spec("width=8"), plain, true, new InProcessRunner(framework),
        m -> { })).isInstanceOf(InvalidInputException.class).hasMessageContaining("is not a sweep folder");
    assertThatThrownBy(() -> Sweep.run(framework, spec("width=8"), plain, false, new InProcessRunner(framework),
        m -> { })).isInstanceOf(InvalidInputException.class).hasMessageContaining("is not empty");
    assertThat(Files.readString(plain.resolve("notes.txt"))).isEqualTo("mine");
  }

  @Test
  void cellsThatDifferOnlyInTheirRankShareOneBaseAndGetTheResultsOfOwnBases() throws Exception {
    Map<String, Object> lora = base();
    lora.put("strategy", "lora");
    lora.put("base-epochs", 5);
    SweepSpec spec = new SweepSpec(lora, "Re=40", SweepSpec.parseVary(List.of("rank=1,2")), List.of(3L));
    Path folder = dir.resolve("lora");
    Sweep.run(framework, spec, folder, false, new InProcessRunner(framework), m -> { });
    try (var bases = Files.list(folder.resolve("bases"))) {
      assertThat(bases.toList()).singleElement().satisfies(b -> assertThat(b.resolve("base.params")).exists());
    }
    assertThat(folder.resolve("cells/Re=40_rank=1_seed=3/base/base.params")).exists(); // trained it
    assertThat(folder.resolve("cells/Re=40_rank=2_seed=3/base")).doesNotExist(); // loaded it
    Map<String, Object> own = new LinkedHashMap<>(spec.cells(framework).get(1).config());
    own.put("out", dir.resolve("own").toString()); // no base-cache: trains its own base
    var r = Experiment.run(framework, ExperimentConfig.fromMap(own, "test"), false, TrainingListener.NONE, m -> { },
        null);
    String row = Files.readAllLines(folder.resolve("cells.csv")).stream()
        .filter(l -> l.startsWith("Re=40_rank=2_seed=3,")).findFirst().orElseThrow();
    assertThat(Double.parseDouble(row.split(",")[5])).isEqualTo(Double.parseDouble(
        String.format(Locale.ROOT, "%.6e", r.mean().get("mse"))));
  }
}
