package org.pinnadapt.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One damaged folder never hides the others: {@code runs} and {@code report} show it as broken. */
class ReportFaultsTest {

  @TempDir static Path work;
  static Path runs;

  @BeforeAll
  static void folders() throws IOException {
    runs = work.resolve("runs");
    Path good = runs.resolve("good");
    Cli.Outcome o = Cli.run(work, Cli.quick("--epochs", "20", "--out", good.toString()));
    assertThat(o.exit()).as(o.toString()).isZero();
    RunFolderFaultsTest.copy(good, runs.resolve("badconfig"));
    Files.writeString(runs.resolve("badconfig/config.json"), "{\"pde\": ");
    RunFolderFaultsTest.copy(good, runs.resolve("badmetrics"));
    Files.writeString(runs.resolve("badmetrics/metrics.json"), "{\"tasks\": [");
    RunFolderFaultsTest.copy(good, runs.resolve("killed"));
    Files.delete(runs.resolve("killed/metrics.json"));
  }

  @Test
  void runsListsEveryFolderAndShowsTheBrokenOnesWithTheReason() {
    Cli.Outcome o = Cli.run(work, "runs", runs.toString());
    assertThat(o.exit()).as(o.toString()).isZero();
    assertThat(o.out()).containsPattern("good\\s+kovasznay\\s+pinn.*finished")
        .containsPattern("badconfig\\s+broken: config.json: Unexpected end-of-input")
        .containsPattern("badmetrics\\s+kovasznay.*broken: metrics.json: Unexpected end-of-input")
        .containsPattern("killed\\s+kovasznay.*stopped");
    assertThat(o.err()).isEmpty();
  }

  @Test
  void reportOnACorruptMetricsFileIsOneLine() {
    Cli.Outcome o = Cli.run(work, "report", runs.resolve("badmetrics").toString());
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.errorLine()).contains("has no readable result: broken (metrics.json: Unexpected end-of-input");
    assertThat(o.stackLines()).isZero();
  }

  @Test
  void reportOnAnUnfinishedRunSaysSo() {
    Cli.Outcome o = Cli.run(work, "report", runs.resolve("killed").toString());
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.errorLine()).contains("has no readable result: stopped");
    assertThat(o.errorLine()).doesNotContain("no config.json");
  }
}
