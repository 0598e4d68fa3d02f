package org.pinnadapt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPredictTest {

  @TempDir Path dir;

  @Test
  void predictReproducesTheErrorOfTheRun() throws Exception {
    Path run = dir.resolve("run");
    CliTestSupport.Result r = CliTestSupport.run("run", "--pde", "kovasznay", "--strategy", "pinn",
        "--tasks", "Re=40", "--epochs", "40", "--trainer", "adam", "--arch-opt", "width=16", "--arch-opt", "depth=2",
        "--set", "collocation=400", "--set", "grid=21x21", "--out", run.toString(), "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Re=40").contains("mean");
    JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
    double mse = metrics.get("tasks").get(0).get("mse").asDouble();

    Path pred = dir.resolve("pred.csv");
    Path ref = dir.resolve("ref.csv");
    assertThat(CliTestSupport.run("predict", "--run", run.toString(), "--task", "Re=40", "--grid", "21x21",
        "--out", pred.toString()).exitCode()).isZero();
    assertThat(CliTestSupport.run("reference", "--pde", "kovasznay", "--task", "Re=40", "--grid", "21x21",
        "--out", ref.toString()).exitCode()).isZero();
    double[][] p = ReferenceCommandTest.read(pred);
    double[][] q = ReferenceCommandTest.read(ref);
    assertThat(Files.readAllLines(pred).get(0)).isEqualTo(Files.readAllLines(ref).get(0));
    // the pressure is compared up to a constant
    double shift = 0;
    for (int i = 0; i < p.length; i++) {
      shift += (p[i][4] - q[i][4]) / p.length;
    }
    double sq = 0;
    for (int i = 0; i < p.length; i++) {
      for (int f = 2; f < 5; f++) {
        double e = p[i][f] - (f == 4 ? shift : 0) - q[i][f];
        sq += e * e;
      }
    }
    assertThat(sq / (3.0 * p.length)).isCloseTo(mse, org.assertj.core.data.Percentage.withPercentage(1e-3));
  }

  @Test
  void predictRefusesATaskTheRunDidNotSolve() {
    Path run = dir.resolve("run2");
    assertThat(CliTestSupport.run("run", "--pde", "kovasznay", "--strategy", "pinn", "--tasks", "Re=40",
        "--epochs", "2", "--trainer", "adam", "--arch-opt", "width=8", "--arch-opt", "depth=1", "--out", run.toString(), "-q").exitCode())
        .isZero();
    CliTestSupport.Result r = CliTestSupport.run("predict", "--run", run.toString(), "--task", "Re=60",
        "--out", dir.resolve("x.csv").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no solution for task Re=60");
  }
}
