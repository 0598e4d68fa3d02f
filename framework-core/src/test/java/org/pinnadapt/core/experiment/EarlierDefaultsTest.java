package org.pinnadapt.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run folder written before the defaults of decision 0014 keeps describing the network it trained. */
class EarlierDefaultsTest {

  @Test
  void anEarlierRunsConfigGetsTheDefaultsItRanWith() {
    Map<String, Object> old = new LinkedHashMap<>();
    old.put("pde", "kovasznay");
    old.put("strategy", "lora");
    old.put("architecture", "mlp");
    old.put("architecture-options", Map.of("width", 64, "depth", 5, "activation", "tanh"));
    old.put("sampler", "sobol");
    old.put("provenance", Map.of("pytorch", "2.5.1"));
    ExperimentConfig c = ExperimentConfig.fromMap(ExperimentConfig.withEarlierDefaults(old), "config.json");
    assertThat(c.map("architecture-options")).containsEntry("normalize", false).containsEntry("init", "glorot-normal")
        .containsEntry("width", 64);
    assertThat(c.map("pde-options")).containsEntry("pressure", "free");
    assertThat(c.map("strategy-options")).containsEntry("init", "gaussian");
    assertThat(c.string("lr-schedule")).isEqualTo("step");
    assertThat(c.string("condition-loss")).isEqualTo("mean");
    assertThat(c.string("boundary-sampler")).isEqualTo("sobol");
  }

  @Test
  void aNewRunsConfigAndAUsersFileAreLeftAlone() {
    Map<String, Object> now = new LinkedHashMap<>(ExperimentConfig.defaults().toMap());
    now.put("provenance", Map.of());
    assertThat(ExperimentConfig.withEarlierDefaults(now)).isEqualTo(now);
    Map<String, Object> users = Map.of("pde", "kovasznay", "epochs", 10);
    assertThat(ExperimentConfig.withEarlierDefaults(new LinkedHashMap<>(users))).isEqualTo(users);
  }
}
