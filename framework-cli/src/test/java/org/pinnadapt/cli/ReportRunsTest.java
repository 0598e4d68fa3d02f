package org.pinnadapt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} re-renders a finished run; {@code runs} lists run folders. */
class ReportRunsTest {

  @TempDir Path dir;

  @Test
  void reportRedrawsTheFiguresAndRunsListsTheRun() throws Exception {
    Path runs = dir.resolve("runs");
    Path run = runs.resolve("kov-pinn");
    CliTestSupport.Result r = CliTestSupport.run("run", "--pde", "kovasznay", "--strategy", "pinn", "--tasks",
        "Re=40", "--epochs", "15", "--trainer", "adam", "--arch-opt", "width=8", "--arch-opt", "depth=2", "--set", "collocation=100",
        "--set", "grid=21x21", "--out", run.toString(), "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Path figure = run.resolve("figures").resolve("pinn-Re=40-u.png");
    assertThat(figure).exists();
    Files.delete(figure);
    Files.delete(run.resolve("figures").resolve("history-pinn-Re=40.png"));

    CliTestSupport.Result report = CliTestSupport.run("report", run.toString());
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.out()).contains("pinn on kovasznay").contains("Re=40").contains("mean").contains("figures in");
    assertThat(ImageIO.read(figure.toFile())).isNotNull();
    assertThat(ImageIO.read(run.resolve("figures").resolve("history-pinn-Re=40.png").toFile())).isNotNull();

    Files.createDirectories(runs.resolve("not-a-run"));
    CliTestSupport.Result list = CliTestSupport.run("runs", "--dir", runs.toString());
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).contains("kov-pinn").contains("kovasznay").contains("pinn").doesNotContain("not-a-run");

    CliTestSupport.Result missing = CliTestSupport.run("report", dir.resolve("nothing").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("nothing");
  }
}
