package org.pinnadapt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepCommandTest {

  @TempDir Path dir;

  static List<String> tiny(Path out, String... more) {
    List<String> a = new ArrayList<>(List.of("sweep", "--pde", "kovasznay", "--strategy", "pinn", "--tasks",
        "Re=30;Re=40", "--arch-opt", "width=8", "--arch-opt", "depth=1", "--epochs", "3", "--trainer", "adam",
        "--set", "collocation=64", "--set", "boundary=16", "--set", "grid=5x5", "--set", "checkpoint-every=0",
        "--set", "figures=false", "--threads", "1", "--out", out.toString()));
    a.addAll(List.of(more));
    return a;
  }

  @Test
  void aSmallSweepPrintsAProgressLinePerCellAndTheSummary() throws Exception {
    Path out = dir.resolve("sweep");
    CliTestSupport.Result r = CliTestSupport.run(tiny(out, "--vary", "width=8,12", "--seeds", "1,2")
        .toArray(new String[0]));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("sweep " + out + ": 8 cells, running 8 (1 at a time)")
        .containsPattern("\\[8/8\\] Re=40_width=12_seed=2: finished, rel_l2 \\S+, \\S+ s on \\S+, eta \\S+")
        .containsPattern("task\\s+width\\s+cells\\s+failed\\s+rel_l2_mean\\s+rel_l2_min\\s+rel_l2_max");
    assertThat(Files.readAllLines(out.resolve("cells.csv"))).hasSize(9);
    assertThat(out.resolve("figures").resolve("rel_l2-vs-width.png")).exists();
    CliTestSupport.Result again = CliTestSupport.run("sweep", "--resume", "--out", out.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("8 cells, 8 finished before, running 0");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--vary colour=red       | --vary colour: not a configuration key nor an option of strategy 'pinn'",
      "--vary width            | --vary 'width' is not of the form KEY=V1,V2,...",
      "--vary width=8,8        | --vary 'width=8,8' gives 8 twice",
      "--vary width=8,wide     | width",
      "--seeds 1,x             | --seeds '1,x': 'x' is not an integer",
      "--vary epochs=1,2,3,4,5,6,7,8,9,10,11 --max-cells 20 | the sweep has 22 cells, more than --max-cells 20; "
          + "add --yes to run them all"})
  void badInputIsOneLineAndWritesNothing(String options, String message) {
    Path out = dir.resolve("bad");
    CliTestSupport.Result r = CliTestSupport.run(tiny(out, options.trim().split(" ")).toArray(new String[0]));
    assertThat(r.exitCode()).as(r.out()).isEqualTo(2);
    assertThat(r.err().lines().findFirst().orElse("")).startsWith("error: ").contains(message.trim());
    assertThat(out).doesNotExist();
  }

  @Test
  void aConfigurationFileCanHoldTheSweep() throws Exception {
    Path yaml = dir.resolve("sweep.yaml");
    Files.writeString(yaml, String.join("\n", "pde: kovasznay", "strategy: pinn", "tasks: Re=30",
        "architecture-options: {width: 8, depth: 1}", "epochs: 3", "trainer: adam", "collocation: 64",
        "boundary: 16", "grid: 5x5", "checkpoint-every: 0", "figures: false",
        "sweep:", "  vary: {lr: [0.001, 0.01]}", "  seeds: [1, 2]", "  workers: 2", ""));
    Path out = dir.resolve("from-file");
    CliTestSupport.Result r = CliTestSupport.run("sweep", "--config", yaml.toString(), "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("4 cells, running 4 (2 at a time)");
    assertThat(Files.readAllLines(out.resolve("cells.csv")).get(0)).startsWith("cell,task,lr,seed,");
    assertThat(Files.readString(out.resolve("cells").resolve("Re=30_lr=0.01_seed=2").resolve("config.json")))
        .contains("\"sweep\" : { }"); // a cell is one experiment: no sweep of its own
  }

  @Test
  void resumeNeedsASweepFolder() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain"));
    CliTestSupport.Result r = CliTestSupport.run("sweep", "--resume", "--out", plain.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: --resume: " + plain + " is not a sweep folder (no sweep.json)");
    try (var s = Files.list(plain)) {
      assertThat(s.toList()).isEmpty();
    }
  }
}
