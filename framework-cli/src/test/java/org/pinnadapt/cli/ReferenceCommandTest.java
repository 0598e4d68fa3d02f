package org.pinnadapt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceCommandTest {

  @TempDir Path dir;

  static double[][] read(Path csv) throws Exception {
    List<String> lines = Files.readAllLines(csv);
    double[][] rows = new double[lines.size() - 1][];
    for (int i = 1; i < lines.size(); i++) {
      String[] c = lines.get(i).split(",");
      rows[i - 1] = new double[c.length];
      for (int j = 0; j < c.length; j++) {
        rows[i - 1][j] = Double.parseDouble(c[j]);
      }
    }
    return rows;
  }

  @Test
  void pureConvectionEqualsTheTranslatedSine() throws Exception {
    Path out = dir.resolve("conv.csv");
    CliTestSupport.Result r = CliTestSupport.run("reference", "--pde", "cdr", "--pde-opt", "ic=sin",
        "--task", "beta=30,nu=0,rho=0", "--grid", "64x21", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllLines(out).get(0)).isEqualTo("x,t,u");
    double max = 0;
    for (double[] row : read(out)) {
      max = Math.max(max, Math.abs(row[2] - Math.sin(row[0] - 30 * row[1])));
    }
    assertThat(max).isLessThan(1e-10);
  }

  @Test
  void theTwoFinestResolutionsAgree() throws Exception {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    assertThat(CliTestSupport.run("reference", "--pde", "cdr", "--task", "beta=1,nu=2,rho=3", "--grid", "32x11",
        "--pde-opt", "solver-points=512", "--pde-opt", "solver-dt=1e-3", "--out", a.toString()).exitCode()).isZero();
    assertThat(CliTestSupport.run("reference", "--pde", "cdr", "--task", "beta=1,nu=2,rho=3", "--grid", "32x11",
        "--pde-opt", "solver-points=1024", "--pde-opt", "solver-dt=5e-4", "--out", b.toString()).exitCode()).isZero();
    double[][] ra = read(a);
    double[][] rb = read(b);
    double max = 0;
    for (int i = 0; i < ra.length; i++) {
      max = Math.max(max, Math.abs(ra[i][2] - rb[i][2]));
    }
    assertThat(max).isLessThan(1e-8);
  }

  @Test
  void badTasksExitWithTwoNameTheCulpritAndWriteNothing() throws Exception {
    Path out = dir.resolve("never.csv");
    CliTestSupport.Result range = CliTestSupport.run("reference", "--pde", "kovasznay", "--task", "Re=500",
        "--out", out.toString());
    assertThat(range.exitCode()).isEqualTo(2);
    assertThat(range.err()).contains("Re=500").contains("[20, 100]");
    CliTestSupport.Result unknown = CliTestSupport.run("reference", "--pde", "kovasznay", "--task", "Rey=50",
        "--out", out.toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("'Rey'");
    Path wrongCount = dir.resolve("ic.csv");
    Files.writeString(wrongCount, "0.1,0.2,0.3\n");
    CliTestSupport.Result count = CliTestSupport.run("reference", "--pde", "burgers1d", "--task-file",
        wrongCount.toString(), "--out", out.toString());
    assertThat(count.exitCode()).isEqualTo(2);
    assertThat(count.err()).contains("3 values").contains("128");
    Path nan = dir.resolve("nan.csv");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 128; i++) {
      sb.append(i == 5 ? "NaN" : "0.1").append(i < 127 ? "," : "\n");
    }
    Files.writeString(nan, sb.toString());
    CliTestSupport.Result withNan = CliTestSupport.run("reference", "--pde", "burgers1d", "--task-file",
        nan.toString(), "--out", out.toString());
    assertThat(withNan.exitCode()).isEqualTo(2);
    assertThat(withNan.err()).contains("value 6").contains("NaN");
    for (CliTestSupport.Result r : List.of(range, unknown, count, withNan)) {
      assertThat(r.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
    }
    assertThat(out).doesNotExist();
  }
}
