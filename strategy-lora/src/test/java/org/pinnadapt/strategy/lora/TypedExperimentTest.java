package org.pinnadapt.strategy.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.train.LrSchedule;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Experiment;
import org.pinnadapt.core.experiment.ExperimentResults;
import org.pinnadapt.core.loss.ErrorReport;
import org.pinnadapt.pde.kovasznay.KovasznayProvider;

/** The typed experiment API: an L-PINN on Kovasznay from Java, its solution evaluated in memory. */
class TypedExperimentTest {

  private static PinnAdapt framework() {
    return PinnAdapt.builder().optBootDiscovery(false).addPde(new KovasznayProvider()).addStrategy(new LoraProvider())
        .optDevice("cpu").optThreads(2).build();
  }

  private static double[][] grid(int n) {
    double[][] pts = new double[n * n][];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        pts[i * n + j] = new double[] {i / (n - 1.0), j / (n - 1.0)};
      }
    }
    return pts;
  }

  @Test
  void anLpinnTrainsFromCodeAndItsSolutionIsEvaluatedInMemory() {
    try (PinnAdapt pa = framework();
        ExperimentResults r = Experiment.builder().setPde("kovasznay").setStrategy(LoraConfig.rank(4))
            .addTask(Map.of("Re", 40)).optEpochs(30).optBaseEpochs(30).optTrainer("adam")
            .optArchitectureOption("width", 16).optArchitectureOption("depth", 2).optSetting("collocation", 64)
            .optSetting("boundary", 32).optSetting("grid", "11x11").build().run(pa)) {
      assertThat(r.taskIds()).containsExactly("Re=40");
      assertThat(r.runFolder()).isEmpty();
      assertThat(r.fields()).containsExactly("u", "v", "p");
      double[][] points = grid(11);
      double[][] u = r.evaluate("Re=40", points);
      assertThat(u).hasDimensions(121, 3);
      // the in-memory solution gives the errors the run measured on the same 11x11 grid
      ErrorReport e = r.errors("Re=40", points);
      assertThat(e.mse()).isCloseTo(r.tasks().get(0).errors().mse(), org.assertj.core.data.Percentage.withPercentage(1e-6));
      assertThat(e.relL2()).isFinite().isPositive();
      assertThat(r.solution().trainableParameters()).isEqualTo(r.tasks().get(0).trainable());
      // rank 4 on the 3 layers 2-16-16-3: 4 (2 + 16) + 4 (16 + 16) + 4 (16 + 3)
      assertThat(r.tasks().get(0).trainable()).isEqualTo(4 * (2 + 16) + 4 * (16 + 16) + 4 * (16 + 3));
    }
  }

  @Test
  void aRunFolderIsWrittenOnlyWhenAskedAndTheTemporaryOneIsDeleted(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("run");
    try (PinnAdapt pa = framework()) {
      Path temporary;
      try (ExperimentResults r = Experiment.builder().setPde("kovasznay").setStrategy("pinn")
          .optTasks("Re=40").optEpochs(2).optTrainer("adam").optArchitectureOption("width", 8)
          .optArchitectureOption("depth", 1).optSetting("collocation", 16).optSetting("boundary", 8)
          .optSetting("grid", "5x5").build().run(pa)) {
        temporary = r.summary().directory();
        assertThat(temporary).exists();
        assertThat(temporary.resolve("figures")).doesNotExist();
      }
      assertThat(temporary).doesNotExist();
      try (ExperimentResults r = Experiment.builder().setPde("kovasznay").setStrategy("pinn")
          .optTasks("Re=40").optEpochs(2).optTrainer("adam").optArchitectureOption("width", 8)
          .optArchitectureOption("depth", 1).optSetting("collocation", 16).optSetting("boundary", 8)
          .optSetting("grid", "5x5").optSetting("figures", false).optRunFolder(out).build().run(pa)) {
        assertThat(r.runFolder()).contains(out);
      }
      assertThat(out.resolve("config.json")).exists();
      assertThat(out.resolve("metrics.json")).exists();
      assertThat(Files.list(out.resolve("solutions")).count()).isEqualTo(1);
    }
  }

  @Test
  void aTypedTrainerConfigDrivesTheTrainingAndIsRecordedLikeAnyOtherSetting() {
    TrainerConfig t = TrainerConfig.builder().optEpochs(7).optSchedule(LrSchedule.cosine(5e-3, 1e-4, 0.2))
        .optLbfgsHistory(20).optValidateEvery(1).optLossWeight("bc", 3).build();
    Experiment e = Experiment.builder().setPde("kovasznay").setStrategy("pinn").optTasks("Re=40")
        .optTrainerConfig(t).optTrainer("adam").optArchitectureOption("width", 8).optArchitectureOption("depth", 1)
        .optSetting("collocation", 16).optSetting("boundary", 8).optSetting("grid", "5x5").build();
    assertThat(e.config().integer("epochs")).isEqualTo(7);
    assertThat(e.config().string("lr-schedule")).isEqualTo("cosine");
    assertThat(e.config().real("lr-final")).isEqualTo(1e-4);
    assertThat(e.config().real("lr-hold")).isEqualTo(0.2);
    assertThat(e.config().integer("lbfgs-history")).isEqualTo(20);
    assertThat(e.config().map("loss-weights")).containsEntry("bc", 3.0);
    try (PinnAdapt pa = framework(); ExperimentResults r = e.run(pa)) {
      var history = r.tasks().get(0).training().history();
      assertThat(r.tasks().get(0).training().epochs()).isEqualTo(7);
      assertThat(history.get(0).lr()).isEqualTo(5e-3); // held for the first 20 % of the run
      assertThat(history.get(history.size() - 1).lr()).isLessThan(5e-3).isGreaterThanOrEqualTo(1e-4);
    }
  }

  @Test
  void badSettingsFailAtBuildNamingTheCulprit() {
    assertThatThrownBy(() -> Experiment.builder().setStrategy(LoraConfig.rank(4)).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no PDE");
    assertThatThrownBy(() -> Experiment.builder().setPde("kovasznay").setStrategy("lora").optSetting("epocs", 5).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("epocs");
    assertThatThrownBy(() -> Experiment.builder().setPde("kovasznay").setStrategy("lora").optSetting("epochs", "many")
        .build()).isInstanceOf(InvalidInputException.class).hasMessageContaining("epochs");
    assertThat(LoraConfig.rank(4).options()).containsEntry("rank", 4).containsEntry("init", "kaiming-uniform");
  }
}
