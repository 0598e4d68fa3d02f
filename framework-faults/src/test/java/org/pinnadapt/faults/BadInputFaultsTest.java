package org.pinnadapt.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad input is one error line naming the culprit, exit 2 (3 for the environment), no stack trace. */
class BadInputFaultsTest {

  @TempDir Path work;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--lr 0          | 2 | error: config key 'lr' (--lr) must be a positive number, got 0.0",
      "--lr -1         | 2 | error: config key 'lr' (--lr) must be a positive number, got -1.0",
      "--epochs -5     | 2 | error: config key 'epochs' (--epochs, --base-epochs) must be at least 0, got -5",
      "--device gpu:7  | 3 | error: --device gpu:7: 0 GPU(s) are visible",
      "--tasks Re=40,Re=50 | 2 | error: task 'Re=40,Re=50' gives Re twice",
      "--plugins /nonexistent | 2 | error: --plugins /nonexistent: no such folder",
  })
  void aBadRunOptionIsOneLineAndLeavesNoFolder(String option, int exit, String message) {
    Path out = work.resolve("run");
    List<String> args = Cli.quick("--epochs", "5", "--out", out.toString());
    String[] parts = option.trim().split(" ", 2);
    if (parts[0].equals("--tasks") || parts[0].equals("--epochs")) {
      int i = args.indexOf(parts[0]);
      args.set(i + 1, parts[1]);
    } else {
      args.add(parts[0]);
      args.add(parts[1]);
    }
    Cli.Outcome o = Cli.run(work, args);
    assertThat(o.exit()).as(o.toString()).isEqualTo(exit);
    assertThat(o.errorLine()).startsWith(message.trim());
    assertThat(o.stackLines()).isZero();
    assertThat(out).doesNotExist();
  }

  @Test
  void aGridWhoseSizeOverflowsIsRefused() {
    Cli.Outcome o = Cli.run(work, "reference", "--pde", "kovasznay", "--grid", "70000x70000", "--out",
        work.resolve("ref").toString());
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.errorLine()).isEqualTo("error: grid 70000x70000 has more than 20000000 points");
    assertThat(work.resolve("ref")).doesNotExist();
  }

  @Test
  void runningOutOfHeapIsAnEnvironmentFaultOfOneLine() {
    Cli.Outcome o = Cli.run(work, List.of("-Xmx32m"), "", List.of("reference", "--pde", "kovasznay", "--grid",
        "4000x4000", "--out", work.resolve("big.csv").toString()));
    assertThat(o.exit()).as(o.toString()).isEqualTo(3);
    assertThat(o.errorLine()).startsWith("error: out of memory");
    assertThat(o.stackLines()).isZero();
    assertThat(work.resolve("big.csv")).doesNotExist();
  }

  @Test
  void aFullDiskDuringACheckpointWarnsAndTrainingGoesOn() throws Exception {
    Path d = work.resolve("full");
    // a 40 KiB file-size limit: the later checkpoints (their history grows) cannot be written, the rest can
    Cli.Outcome o = Cli.run(work, List.of(), "ulimit -f 40", Cli.quick("--epochs", "200", "--out", d.toString()));
    assertThat(o.exit()).as(o.toString()).isZero();
    assertThat(o.out()).containsPattern("warning: checkpoint at epoch \\d+ not written \\(File too large\\); "
        + "training goes on");
    assertThat(Files.readString(d.resolve("metrics.json"))).contains("\"status\" : \"finished\"");
    assertThat(Cli.files(d)).noneMatch(f -> f.endsWith(".tmp"));
  }

  @Test
  void aFullDiskForTheResultIsExitThreeAndLeavesNoHalfResult() throws Exception {
    Path d = work.resolve("fuller");
    Cli.Outcome o = Cli.run(work, List.of(), "ulimit -f 3", Cli.quick("--epochs", "60", "--out", d.toString()));
    assertThat(o.exit()).as(o.toString()).isEqualTo(3);
    assertThat(o.errorLine()).startsWith("error: disk full: cannot write");
    assertThat(o.stackLines()).isZero();
    // nothing trained reached the disk: no folder; else a folder marked failed, never a half-written file
    if (Files.exists(d)) {
      assertThat(Cli.files(d)).noneMatch(f -> f.endsWith(".tmp"));
      assertThat(Files.readString(d.resolve("metrics.json"))).contains("\"status\" : \"failed\"");
    }
  }
}
