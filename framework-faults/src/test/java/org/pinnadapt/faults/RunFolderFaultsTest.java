package org.pinnadapt.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Run folders as transactions: resume bound to the recorded configuration, locks, no litter, divergence. */
class RunFolderFaultsTest {

  @TempDir static Path work;
  static Path unfinished;

  /** A run stopped after its checkpoints at epochs 50..200 of 300: no solution, no metrics. */
  @BeforeAll
  static void unfinishedRun() throws IOException {
    Path done = work.resolve("done");
    Cli.Outcome o = Cli.run(work, Cli.quick("--epochs", "200", "--out", done.toString()));
    assertThat(o.exit()).as(o.toString()).isZero();
    unfinished = work.resolve("unfinished");
    copy(done, unfinished);
    Files.delete(unfinished.resolve("metrics.json"));
    Files.delete(unfinished.resolve("solutions/Re=30.params"));
    Files.delete(unfinished.resolve("history.csv"));
  }

  static void copy(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  static Path fresh(String name) throws IOException {
    Path d = work.resolve(name);
    copy(unfinished, d);
    return d;
  }

  @Test
  void resumeNeedsOnlyTheFolderAndSaysWhereItResumed() throws IOException {
    Path d = fresh("resume-only");
    Cli.Outcome o = Cli.run(work, "run", "--resume", "--out", d.toString(), "-q");
    assertThat(o.exit()).as(o.toString()).isZero();
    assertThat(o.out()).contains("resuming from").contains("epoch 200");
    assertThat(Files.readString(d.resolve("metrics.json"))).contains("\"status\" : \"finished\"");
    assertThat(Cli.files(d)).noneMatch(f -> f.endsWith(".tmp") || f.equals(".lock"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "--arch-opt | width=16 | architecture-options.width (recorded 12, now 16)",
      "--lr       | 0.01     | lr (recorded 0.001, now 0.01)",
      "--epochs   | 100      | epochs (recorded 200, now 100)",
      "--seed     | 7        | seed (recorded 42, now 7)"})
  void resumeRefusesAChangeThatAltersTheResultAndLeavesTheFolderAsItWas(String option, String value, String says)
      throws IOException {
    Path d = fresh("resume-" + option.substring(2) + value);
    List<String> before = Cli.files(d);
    Cli.Outcome o = Cli.run(work, "run", "--resume", "--out", d.toString(), option, value);
    assertThat(o.exit()).as(o.toString()).isEqualTo(2);
    assertThat(o.errorLine()).startsWith("error: --resume would change " + says);
    assertThat(o.stackLines()).isZero();
    assertThat(Cli.files(d)).isEqualTo(before);
  }

  @Test
  void halfWrittenTemporaryFilesAreRemovedWhenTheRunResumes() throws IOException {
    Path d = fresh("tmp-files");
    Path tmp = d.resolve("checkpoints/.pinn-Re=30.ckpt.5f3a.tmp");
    Files.write(tmp, new byte[] {1, 2, 3});
    Cli.Outcome o = Cli.run(work, "run", "--resume", "--out", d.toString(), "-q");
    assertThat(o.exit()).as(o.toString()).isZero();
    assertThat(o.out()).contains("removed 1 half-written temporary file(s) left in " + d);
    assertThat(tmp).doesNotExist();
  }

  @Test
  void aCorruptNewestCheckpointFallsBackToThePreviousOneAndTwoCorruptOnesAreRefused() throws IOException {
    Path d = fresh("corrupt-ckpt");
    corrupt(d.resolve("checkpoints/pinn-Re=30.ckpt"));
    Cli.Outcome o = Cli.run(work, "run", "--resume", "--out", d.toString(), "-q");
    assertThat(o.exit()).as(o.toString()).isZero();
    assertThat(o.out()).contains("pinn-Re=30.ckpt").contains("corrupt")
        .contains("resuming from the previous checkpoint pinn-Re=30.ckpt.prev (epoch 150)");
    Path both = fresh("corrupt-both");
    corrupt(both.resolve("checkpoints/pinn-Re=30.ckpt"));
    corrupt(both.resolve("checkpoints/pinn-Re=30.ckpt.prev"));
    Cli.Outcome r = Cli.run(work, "run", "--resume", "--out", both.toString(), "-q");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errorLine()).contains("pinn-Re=30.ckpt.prev").contains("corrupt");
    assertThat(both.resolve("solutions/Re=30.params")).doesNotExist();
  }

  static void corrupt(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 3] ^= 0x40;
    Files.write(file, bytes);
  }

  @ParameterizedTest
  @CsvSource({"022, rw-r--r--", "077, rw-------"})
  void filesFollowTheUmask(String umask, String mode) throws IOException {
    Path d = work.resolve("umask-" + umask);
    Cli.Outcome o = Cli.run(work, List.of(), "umask " + umask, Cli.quick("--epochs", "5", "--out", d.toString()));
    assertThat(o.exit()).as(o.toString()).isZero();
    for (String f : List.of("config.json", "metrics.json", "history.csv", "solutions/Re=30.params")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve(f)))).as(f).isEqualTo(mode);
    }
  }

  @Test
  void predictOnAGridWhoseSizeOverflowsIsRefused() {
    Cli.Outcome o = Cli.run(work, "predict", "--run", work.resolve("done").toString(), "--task", "Re=30", "--grid",
        "100000x100000", "--out", work.resolve("p.csv").toString());
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.errorLine()).isEqualTo("error: grid 100000x100000 has more than 20000000 points");
    assertThat(work.resolve("p.csv")).doesNotExist();
  }

  @Test
  void aFullDiskDuringReportIsOneLineWithExitThree() throws IOException {
    Path d = work.resolve("report-full");
    copy(work.resolve("done"), d);
    Cli.Outcome o = Cli.run(work, List.of(), "ulimit -f 1", List.of("report", d.toString()));
    assertThat(o.exit()).as(o.toString()).isEqualTo(3);
    assertThat(o.errorLine()).startsWith("error: disk full: ");
    assertThat(o.stackLines()).isZero();
    assertThat(Cli.files(d)).noneMatch(f -> f.endsWith(".tmp"));
  }

  @Test
  void resumeWithMoreEpochsIsAnExtensionRecordedInTheFolder() throws IOException {
    Path d = fresh("resume-epochs");
    Cli.Outcome o = Cli.run(work, "run", "--resume", "--out", d.toString(), "--epochs", "250", "-q");
    assertThat(o.exit()).as(o.toString()).isZero();
    String config = Files.readString(d.resolve("config.json"));
    assertThat(config).contains("\"epochs\" : 250").contains("\"resumes\"").contains("\"epochs\" : [ 200, 250 ]");
    assertThat(Files.readString(d.resolve("metrics.json"))).contains("\"epochs\" : 250");
  }

  @Test
  void aTruncatedConfigIsRefusedBeforeAnyTraining() throws IOException {
    Path d = fresh("truncated");
    Files.writeString(d.resolve("config.json"), Files.readString(d.resolve("config.json")).substring(0, 100));
    List<String> before = Cli.files(d);
    Cli.Outcome o = Cli.run(work, "run", "--resume", "--out", d.toString());
    assertThat(o.exit()).as(o.toString()).isEqualTo(2);
    assertThat(o.errorLine()).contains("config.json is damaged").contains("cannot be resumed");
    assertThat(Cli.files(d)).isEqualTo(before);
  }

  @Test
  void aPlainRunNeverContinuesALeftoverCheckpoint() throws IOException {
    Path d = fresh("leftover");
    Files.delete(d.resolve("config.json"));
    List<String> before = Cli.files(d);
    Cli.Outcome o = Cli.run(work, Cli.quick("--epochs", "200", "--out", d.toString()));
    assertThat(o.exit()).as(o.toString()).isEqualTo(2);
    assertThat(o.errorLine()).contains("holds checkpoints or solutions of an earlier run but no config.json");
    assertThat(Cli.files(d)).isEqualTo(before);
  }

  @Test
  void aSecondRunIntoAFolderInUseExitsTwoNamingTheHolderAndTheFirstIsIntact() throws Exception {
    Path d = work.resolve("concurrent");
    Process first = Cli.start(work, "first", Cli.quick("--epochs", "1500", "--out", d.toString()));
    Cli.awaitFile(d.resolve(".lock"), first, 60);
    Cli.Outcome second = Cli.run(work, Cli.quick("--epochs", "1500", "--out", d.toString()));
    assertThat(first.waitFor()).as(Files.readString(work.resolve("first.err"))).isZero();
    assertThat(second.exit()).as(second.toString()).isEqualTo(2);
    assertThat(second.errorLine()).contains("is in use by pid " + first.pid());
    List<String> history = Files.readAllLines(d.resolve("history.csv"));
    assertThat(history).hasSize(1501); // one run's epochs, not two interleaved
    assertThat(Files.readString(d.resolve("metrics.json"))).contains("\"status\" : \"finished\"");
  }

  @Test
  void rejectedRunsLeaveNothingAndIdsNeverReachAPath() throws IOException {
    Path cwd = Files.createDirectories(work.resolve("litter/deep"));
    Cli.Outcome o = Cli.run(cwd, "run", "--pde", "nosuch", "--strategy", "pinn");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.errorLine()).startsWith("error: unknown pde 'nosuch'");
    Cli.Outcome t = Cli.run(cwd, "run", "--pde", "../../x", "--strategy", "pinn");
    assertThat(t.exit()).isEqualTo(2);
    assertThat(t.errorLine()).startsWith("error: unknown pde '../../x'");
    try (var s = Files.walk(work.resolve("litter"))) {
      assertThat(s.filter(p -> !p.equals(cwd) && !p.equals(cwd.getParent())).toList()).isEmpty();
    }
    assertThat(Cli.files(cwd.resolve("runs"))).isEmpty();
  }

  @Test
  void divergenceKeepsFiniteWeightsMarksTheRunAndExitsFour() throws IOException {
    Path d = work.resolve("diverged");
    Cli.Outcome o = Cli.run(work, Cli.quick("--epochs", "50", "--lr", "1e30", "--out", d.toString()));
    assertThat(o.exit()).as(o.toString()).isEqualTo(4);
    assertThat(o.errorLine()).startsWith("error: training diverged").contains("Re=30");
    String metrics = Files.readString(d.resolve("metrics.json"));
    assertThat(metrics).contains("\"status\" : \"diverged\"");
    assertThat(metrics).doesNotContain("NaN").doesNotContain("Infinity");
    assertThat(Files.readAllLines(d.resolve("history.csv")).get(0)).doesNotContain(",,");
    Cli.Outcome runs = Cli.run(work, "runs", work.toString());
    assertThat(runs.out()).containsPattern("diverged\\s+kovasznay.*diverged");
  }
}
