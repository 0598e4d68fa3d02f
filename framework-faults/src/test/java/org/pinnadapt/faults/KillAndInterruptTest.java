package org.pinnadapt.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 at random moments, then {@code run --resume --out DIR}: the same result; Ctrl-C checkpoints. */
class KillAndInterruptTest {

  private static final int EPOCHS = 1200;

  @TempDir Path work;

  static JsonNode task(Path run) throws IOException {
    return new ObjectMapper().readTree(run.resolve("metrics.json").toFile()).path("tasks").get(0);
  }

  @Test
  void tenKillsAtRandomMomentsEachResumedGiveTheUninterruptedResult() throws Exception {
    Path whole = work.resolve("whole");
    Cli.Outcome o = Cli.run(work, Cli.quick("--epochs", Integer.toString(EPOCHS), "--out", whole.toString()));
    assertThat(o.exit()).as(o.toString()).isZero();
    JsonNode expected = task(whole);
    Random random = new Random(17);
    List<String> moments = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      Path d = work.resolve("killed-" + k);
      Process p = Cli.start(work, "killed-" + k, Cli.quick("--epochs", Integer.toString(EPOCHS), "--out",
          d.toString()));
      Cli.awaitFile(d.resolve("config.json"), p, 60);
      long delay = (long) (random.nextDouble() * 2500);
      Thread.sleep(delay);
      p.destroyForcibly(); // SIGKILL
      p.waitFor();
      moments.add(delay + " ms after config.json: " + Cli.files(d).stream().filter(f -> f.startsWith("check")).toList());
      Cli.Outcome r = Cli.run(work, "run", "--resume", "--out", d.toString(), "-q");
      assertThat(r.exit()).as("kill %d (%s)\n%s", k, moments.get(k), r).isZero();
      JsonNode got = task(d);
      assertThat(got.path("epochs").asInt()).isEqualTo(EPOCHS);
      assertThat(got.path("mse").asDouble()).as("kill %d", k).isEqualTo(expected.path("mse").asDouble());
      assertThat(got.path("rel_l2").asDouble()).as("kill %d", k).isEqualTo(expected.path("rel_l2").asDouble());
      assertThat(Cli.files(d)).as("kill %d", k).noneMatch(f -> f.endsWith(".tmp") || f.equals(".lock"));
    }
    System.out.println("kill moments: " + moments);
  }

  @Test
  void ctrlCSavesACheckpointNamesTheResumeCommandAndTheResumeFinishes() throws Exception {
    Path d = work.resolve("sigint");
    Process p = Cli.start(work, "sigint", Cli.quick("--epochs", "100000", "--out", d.toString()));
    Cli.awaitFile(d.resolve("checkpoints/pinn-Re=30.ckpt"), p, 90);
    if (Cli.ignoresSigint(p)) { // a build started as a background job of a shell without job control
      p.destroyForcibly().waitFor();
      Assumptions.abort("SIGINT is ignored by the process that started this build; the CLI inherits that");
    }
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the CLI stops within 2 minutes of Ctrl-C").isTrue();
    assertThat(p.exitValue()).isEqualTo(130);
    String err = Files.readString(work.resolve("sigint.err"));
    assertThat(err.lines().filter(l -> !l.isBlank()).findFirst().orElse(""))
        .startsWith("error: interrupted at epoch").contains("checkpoint saved")
        .endsWith("resume with: pinnadapt run --resume --out " + d);
    String metrics = Files.readString(d.resolve("metrics.json"));
    assertThat(metrics).contains("\"status\" : \"interrupted\"");
    Cli.Outcome runs = Cli.run(work, "runs", work.toString());
    assertThat(runs.out()).contains("interrupted");
    Cli.Outcome r = Cli.run(work, "run", "--resume", "--out", d.toString(), "--epochs", "100000", "--set",
        "time-limit=2", "-q");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("resuming from");
  }
}
