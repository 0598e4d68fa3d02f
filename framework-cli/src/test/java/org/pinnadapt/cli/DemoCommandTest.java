package org.pinnadapt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's pipeline end to end at a tiny budget: four methods, one table, a summary, figures. */
class DemoCommandTest {

  @TempDir Path dir;

  @Test
  void theDemoComparesFourMethodsAndWritesItsFigures() throws Exception {
    Path out = dir.resolve("demo");
    CliTestSupport.Result r = CliTestSupport.run("demo", "--base-epochs", "20", "--epochs", "10", "--hyper-epochs",
        "10", "--hyper-tasks", "2", "--collocation", "120", "--hyper-collocation", "60", "--re", "55", "--lbfgs-iterations", "5",
        "--out", out.toString(), "-q");
    System.out.println(r.out());
    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).contains("PINN ").contains("F-PINN").contains("L-PINN (rank 4)").contains("HyperPINN (rank 4)")
        .contains("time to new Re").contains("figures");

    JsonNode doc = new ObjectMapper().readTree(out.resolve("demo.json").toFile());
    assertThat(doc.get("task").asText()).isEqualTo("Re=55");
    JsonNode methods = doc.get("methods");
    assertThat(methods).hasSize(4);
    List<String> names = new ArrayList<>();
    methods.forEach(m -> names.add(m.get("method").asText()));
    assertThat(names).containsExactly("PINN", "L-PINN (rank 4)", "F-PINN", "HyperPINN (rank 4)");
    // LoRA trains (64 + 64 + ...) r-sized factors, far fewer than the 21,187 weights of PINN and F-PINN
    assertThat(methods.get(1).get("count").asLong()).isLessThan(methods.get(0).get("count").asLong() / 5);
    assertThat(methods.get(0).get("count").asLong()).isEqualTo(methods.get(2).get("count").asLong());
    for (JsonNode m : methods) {
      assertThat(m.get("mse").asDouble()).as(m.get("method").asText()).isPositive().isFinite();
    }
    // the hypernetwork predicts a new solution much faster than any training of 10 epochs
    assertThat(methods.get(3).get("time_to_solution_s").asDouble())
        .isLessThan(methods.get(0).get("time_to_solution_s").asDouble());

    for (String f : List.of("figures/loss-on-new-task.png", "figures/errors.png", "figures/time-to-solution.png",
        "lora/figures/lora-Re=55-u.png", "hyper/figures/hyper-Re=55-p.png", "pinn/figures/history-pinn-Re=55.png")) {
      BufferedImage img = ImageIO.read(out.resolve(f).toFile());
      assertThat(img).as(f).isNotNull();
      assertThat(img.getHeight()).as(f).isGreaterThan(200);
    }

    CliTestSupport.Result again = CliTestSupport.run("demo", "--out", out.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("already holds a demo");
  }

  @Test
  void anOutOfRangeReynoldsNumberIsRejected() {
    CliTestSupport.Result r = CliTestSupport.run("demo", "--re", "500", "--out", dir.resolve("x").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--re").contains("[20, 100]");
  }

  @Test
  void aNegativeLbfgsCountIsOneErrorLine() {
    CliTestSupport.Result r = CliTestSupport.run("demo", "--lbfgs-iterations", "-1", "--out", dir.resolve("y").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err().strip()).startsWith("error:").contains("--lbfgs-iterations");
  }
}
