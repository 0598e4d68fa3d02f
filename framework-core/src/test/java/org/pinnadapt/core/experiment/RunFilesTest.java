package org.pinnadapt.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.train.HistoryRow;

class RunFilesTest {

  @TempDir Path dir;

  @Test
  void aHistoryWithoutLossTermsHasNoEmptyColumnName() throws Exception {
    Path file = dir.resolve("history.csv");
    RunFiles.writeHistory(file, "Re=30", List.of(new HistoryRow(0, "lbfgs", 1.5, Map.of(), Double.NaN, Double.NaN,
        0.1)), false);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo("task,epoch,phase,loss,lr,validation,seconds,error");
    assertThat(lines.get(1).split(",", -1)).hasSameSizeAs(lines.get(0).split(","));
  }

  @Test
  void termsAreColumnsBetweenTheLossAndTheLearningRate() throws Exception {
    Path file = dir.resolve("history.csv");
    RunFiles.writeHistory(file, "a", List.of(new HistoryRow(0, "adam", 1.5, Map.of("residual", 1.0), 0.1,
        Double.NaN, 0.1)), false);
    assertThat(Files.readAllLines(file).get(0)).isEqualTo("task,epoch,phase,loss,residual,lr,validation,seconds,error");
  }
}
