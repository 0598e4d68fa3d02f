package org.pinnadapt.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.TestPdes;
import org.pinnadapt.core.io.Json;

class ExperimentTest {

  @TempDir Path work;

  static PinnAdapt framework() {
    return PinnAdapt.builder().optBootDiscovery(false).addPde(TestPdes.heat()).optDevice("cpu").optThreads(2).build();
  }

  static ExperimentConfig config(Path out, String strategy) {
    return ExperimentConfig.fromMap(Map.of(
        "pde", "heat", "strategy", strategy, "trainer", "adam", "epochs", 30, "base-epochs", 40,
        "architecture-options", Map.of("width", 16, "depth", 2),
        "tasks", "kappa=0.8;kappa=1.2", "grid", "11x6", "out", out.toString(), "seed", 3), "test");
  }

  @Test
  void pinnRunWritesAFullRunFolder() throws Exception {
    List<String> messages = new ArrayList<>();
    try (PinnAdapt pa = framework()) {
      RunResult r = Experiment.run(pa, config(work.resolve("pinn"), "pinn"), false, TrainingListener.NONE,
          messages::add, null);
      assertThat(r.tasks()).hasSize(2);
      assertThat(r.tasks().get(0).trainable()).isEqualTo(2 * 16 + 16 + 16 * 16 + 16 + 16 + 1);
      assertThat(r.tasks().get(0).training().epochs()).isEqualTo(30);
    }
    Path dir = work.resolve("pinn");
    JsonNode config = Json.json().readTree(dir.resolve("config.json").toFile());
    assertThat(config.get("seed").asLong()).isEqualTo(3);
    assertThat(config.get("architecture-options").get("width").asInt()).isEqualTo(16);
    assertThat(config.get("provenance").get("pytorch").asText()).isEqualTo("2.5.1");
    JsonNode metrics = Json.json().readTree(dir.resolve("metrics.json").toFile());
    assertThat(metrics.get("tasks")).hasSize(2);
    assertThat(metrics.get("mean").get("mse").asDouble()).isPositive();
    List<String> history = Files.readAllLines(dir.resolve("history.csv"));
    assertThat(history.get(0)).startsWith("task,epoch,phase,loss,residual,ic,bc,lr");
    assertThat(history).hasSize(1 + 2 * 30);
    assertThat(dir.resolve("solutions").resolve("kappa=0.8.params")).exists();
  }

  @Test
  void aCausalRunTrainsAndBadCausalSettingsAreRefusedBeforeTraining() throws Exception {
    try (PinnAdapt pa = framework()) {
      RunResult r = Experiment.run(pa, config(work.resolve("causal"), "pinn").merge(Map.of("causal-epsilon", 1.0,
          "causal-bins", 8, "tasks", "kappa=1"), "t"), false, TrainingListener.NONE, m -> { }, null);
      var h = r.tasks().get(0).training().history();
      assertThat(h.get(h.size() - 1).loss()).isLessThan(h.get(0).loss());
      assertThatThrownBy(() -> Experiment.run(pa, config(work.resolve("bad"), "pinn").merge(
          Map.of("causal-epsilon", -2.0), "my.yaml"), false, TrainingListener.NONE, m -> { }, null))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("causal-epsilon");
    }
    assertThat(work.resolve("bad").resolve("metrics.json")).doesNotExist();
  }

  @Test
  void finetuneTrainsTheBaseOnceAndCachesIt() throws Exception {
    try (PinnAdapt pa = framework()) {
      RunResult r = Experiment.run(pa, config(work.resolve("ft"), "finetune"), false, TrainingListener.NONE,
          m -> { }, null);
      assertThat(r.tasks()).hasSize(2);
    }
    assertThat(work.resolve("ft").resolve("base").resolve("base.params")).exists();
    assertThat(Files.readAllLines(work.resolve("ft").resolve("base").resolve("history.csv"))).hasSize(41);
  }

  @Test
  void anExistingRunFolderIsNotOverwritten() {
    try (PinnAdapt pa = framework()) {
      Experiment.run(pa, config(work.resolve("twice"), "pinn").merge(Map.of("tasks", "kappa=1"), "t"), false,
          TrainingListener.NONE, m -> { }, null);
      assertThatThrownBy(() -> Experiment.run(pa, config(work.resolve("twice"), "pinn"), false,
          TrainingListener.NONE, m -> { }, null))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("--resume");
    }
  }

  @Test
  void badInputIsReportedBeforeTraining() {
    try (PinnAdapt pa = framework()) {
      assertThatThrownBy(() -> Experiment.run(pa, config(work.resolve("bad1"), "pinn")
          .merge(Map.of("tasks", "kappa=7"), "t"), false, TrainingListener.NONE, m -> { }, null))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("kappa=7");
      assertThatThrownBy(() -> Experiment.run(pa, config(work.resolve("bad2"), "lora"), false,
          TrainingListener.NONE, m -> { }, null))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown strategy 'lora'");
      assertThatThrownBy(() -> ExperimentConfig.fromMap(Map.of("epochz", 3), "my.yaml"))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("epochz").hasMessageContaining("my.yaml");
    }
    assertThat(work.resolve("bad1").resolve("config.json")).doesNotExist();
  }
}
