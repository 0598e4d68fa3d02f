package org.pinnadapt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.train.EpochReport;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Experiment;
import org.pinnadapt.core.experiment.ExperimentConfig;

class ResumeTest {

  @TempDir Path dir;

  static Map<String, Object> config(Path out) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pde", "kovasznay");
    m.put("strategy", "pinn");
    m.put("tasks", "Re=30");
    m.put("architecture-options", Map.of("width", 12, "depth", 2));
    m.put("collocation", 200);
    m.put("boundary", 40);
    m.put("epochs", 200);
    m.put("trainer", "adam");
    m.put("checkpoint-every", 50);
    m.put("grid", "11x11");
    m.put("precision", "float64");
    m.put("out", out.toString());
    return m;
  }

  /** Stands in for a kill: the process dies in the middle of epoch 120. */
  static final class Killer implements TrainingListener {
    @Override
    public void epoch(EpochReport r) {
      if (r.row().epoch() == 120) {
        throw new IllegalStateException("simulated kill");
      }
    }
  }

  static List<String> losses(Path run) throws Exception {
    return Files.readAllLines(run.resolve("history.csv")).stream().skip(1)
        .map(l -> l.split(",")[3]).toList();
  }

  @Test
  void anInterruptedRunResumesFromItsLastCheckpointAndFollowsTheSameTrajectory() throws Exception {
    Path full = dir.resolve("full");
    Path cut = dir.resolve("cut");
    try (PinnAdapt pa = PinnAdapt.builder().optDevice("cpu").optThreads(1).build()) {
      Experiment.run(pa, ExperimentConfig.fromMap(config(full), "t"), false, TrainingListener.NONE, m -> { }, null);
      assertThatThrownBy(() -> Experiment.run(pa, ExperimentConfig.fromMap(config(cut), "t"), false, new Killer(),
          m -> { }, null)).hasMessageContaining("simulated kill");
    }
    assertThat(cut.resolve("checkpoints").resolve("pinn-Re=30.ckpt")).exists();
    assertThat(Files.readString(cut.resolve("metrics.json"))).contains("\"status\" : \"failed\"")
        .contains("simulated kill");

    CliTestSupport.Result r = CliTestSupport.run("run", "--out", cut.toString(), "--resume", "--config",
        cut.resolve("config.json").toString(), "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> a = losses(full);
    List<String> b = losses(cut);
    assertThat(b).hasSize(200);
    for (int e = 0; e < 200; e++) {
      double x = Double.parseDouble(a.get(e));
      double y = Double.parseDouble(b.get(e));
      assertThat(Math.abs(x - y) / Math.abs(x)).as("epoch %d", e).isLessThan(1e-5);
    }
  }

  @Test
  void corruptCheckpointsAreReportedAndNeverLoaded() throws Exception {
    Path cut = dir.resolve("corrupt");
    try (PinnAdapt pa = PinnAdapt.builder().optDevice("cpu").optThreads(1).build()) {
      assertThatThrownBy(() -> Experiment.run(pa, ExperimentConfig.fromMap(config(cut), "t"), false, new Killer(),
          m -> { }, null)).hasMessageContaining("simulated kill");
    }
    for (String name : List.of("pinn-Re=30.ckpt", "pinn-Re=30.ckpt.prev")) { // the newest and its fallback
      Path ckpt = cut.resolve("checkpoints").resolve(name);
      byte[] bytes = Files.readAllBytes(ckpt);
      bytes[bytes.length / 3] ^= 0x40;
      Files.write(ckpt, bytes);
    }
    CliTestSupport.Result r = CliTestSupport.run("run", "--out", cut.toString(), "--resume", "--config",
        cut.resolve("config.json").toString(), "-q");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("pinn-Re=30.ckpt.prev").contains("corrupt").contains("not loaded");
    assertThat(cut.resolve("solutions").resolve("Re=30.params")).doesNotExist();
  }
}
