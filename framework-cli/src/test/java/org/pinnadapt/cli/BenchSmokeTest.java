package org.pinnadapt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every paper benchmark runs end to end at {@code --scale smoke} (a few epochs on a few points) and
 * writes the JSON fields its issue promises; the numbers themselves mean nothing at this scale.
 */
class BenchSmokeTest {

  @TempDir Path dir;

  private JsonNode bench(String... args) throws Exception {
    Path json = dir.resolve(args[0] + ".json");
    List<String> a = new ArrayList<>(List.of("bench"));
    a.addAll(List.of(args));
    a.addAll(List.of("--scale", "smoke", "--out", dir.resolve(args[0]).toString(), "--json", json.toString()));
    CliTestSupport.Result r = CliTestSupport.run(a.toArray(new String[0]));
    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    assertThat(Files.list(dir.resolve(args[0])).anyMatch(p -> p.toString().endsWith(".png"))).as("a figure").isTrue();
    return new ObjectMapper().readTree(json.toFile());
  }

  @Test
  void loraRanksWritesOneRowPerMethodAndRank() throws Exception {
    JsonNode doc = bench("lora-ranks", "--pde", "kovasznay", "--ranks", "1,4");
    JsonNode rows = doc.get("rows");
    assertThat(rows).hasSize(4); // F-PINN, PINN, L-PINN r=1, r=4
    for (JsonNode row : rows) {
      assertThat(row.fieldNames()).toIterable().contains("method", "rank", "params", "mse", "rel_l2",
          "sec_per_epoch", "epochs");
      assertThat(row.get("mse").asDouble()).isPositive();
    }
    assertThat(rows.get(3).get("params").asLong()).isEqualTo(4 * 773);
  }

  @Test
  void loraRanksRunsItsMethodsAsSweepCellsOnSparkWithTheSameTable() throws Exception {
    JsonNode one = bench("lora-ranks", "--pde", "kovasznay", "--ranks", "2");
    Path dir2 = dir.resolve("spark");
    Path json2 = dir.resolve("spark.json");
    CliTestSupport.Result r = CliTestSupport.run("bench", "lora-ranks", "--pde", "kovasznay", "--ranks", "2",
        "--scale", "smoke", "--out", dir2.toString(), "--json", json2.toString(), "--workers", "2");
    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).contains("(2 at a time)").contains("lora-2: mean mse");
    JsonNode two = new ObjectMapper().readTree(json2.toFile());
    for (int i = 0; i < 3; i++) { // F-PINN, PINN, L-PINN r=2: where a run runs does not change it
      assertThat(two.get("rows").get(i).get("mse").asDouble()).isEqualTo(one.get("rows").get(i).get("mse").asDouble());
    }
    try (var bases = Files.list(dir2.resolve("bases"))) {
      assertThat(bases.toList()).as("F-PINN and L-PINN adapt one base, trained once").hasSize(1);
    }
  }

  @Test
  void hyperTrainsThePerTaskLpinnsOfB2AndB3AsSweepCellsOnSparkWithTheSameTable() throws Exception {
    JsonNode one = bench("hyper", "--pde", "kovasznay", "--no-full", "--methods", "B2,B3");
    Path dir2 = dir.resolve("hyper-spark");
    Path json2 = dir.resolve("hyper-spark.json");
    CliTestSupport.Result r = CliTestSupport.run("bench", "hyper", "--pde", "kovasznay", "--no-full", "--methods",
        "B2,B3", "--scale", "smoke", "--out", dir2.toString(), "--json", json2.toString(), "--workers", "2");
    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).contains("per-task L-PINNs for B2/B3: 2 runs, 2 at a time");
    JsonNode two = new ObjectMapper().readTree(json2.toFile());
    for (int i = 0; i < 2; i++) { // the per-task L-PINNs trained inside the strategy or as cells: the same rows
      assertThat(two.get("rows").get(i).get("test_mse").asDouble())
          .isEqualTo(one.get("rows").get(i).get("test_mse").asDouble());
    }
    try (var files = Files.walk(dir2.resolve("bases"))) {
      assertThat(files.filter(f -> f.toString().contains("solutions") && f.toString().endsWith(".params")))
          .as("one published solution per training task").hasSize(2);
    }
  }

  @Test
  void hyperWritesTables2And3() throws Exception {
    JsonNode doc = bench("hyper", "--pde", "kovasznay", "--no-full");
    JsonNode rows = doc.get("rows");
    List<String> methods = new ArrayList<>();
    rows.forEach(r -> methods.add(r.get("method").asText()));
    assertThat(methods).containsExactly("B1", "B2", "B3", "HyperPINN"); // --no-full: no starred rows
    for (JsonNode row : rows) {
      assertThat(row.fieldNames()).toIterable().contains("predicted_params", "train_mse", "test_mse", "infer_ms");
      assertThat(row.get("infer_ms").asDouble()).isPositive();
    }
    assertThat(doc.get("time_to_solution")).isNotEmpty();
  }

  @Test
  void accuracyWritesOneRowPerCaseAndPrecisionWithErrorCurves() throws Exception {
    JsonNode doc = bench("accuracy", "--cases", "burgers,transfer", "--seeds", "1,2");
    JsonNode rows = doc.get("rows");
    assertThat(rows).hasSize(4); // 2 cases x float32, float64
    for (JsonNode row : rows) {
      assertThat(row.fieldNames()).toIterable().contains("case", "precision", "rel_l2", "train_s", "curve",
          "published", "adam_epochs", "lbfgs_iterations");
      assertThat(row.get("curve").size()).as("one error per epoch at smoke scale").isGreaterThanOrEqualTo(3);
    }
    assertThat(rows.get(1).get("mse_uv_per_seed")).hasSize(2);
    assertThat(rows.get(2).get("precision").asText()).isEqualTo("float64");
  }

  @Test
  void accuracyRunsItsCasesAsSweepCellsAndRefusesWorkersThatWouldShareCores() throws Exception {
    Path out = dir.resolve("accuracy-spark");
    Path json = dir.resolve("accuracy-spark.json");
    CliTestSupport.Result r = CliTestSupport.run("bench", "accuracy", "--cases", "burgers,transfer", "--seeds", "1,2",
        "--precisions", "float64", "--scale", "smoke", "--out", out.toString(), "--json", json.toString(),
        "--workers", "2");
    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).contains("transfer-float64-seed2: mean mse");
    JsonNode rows = new ObjectMapper().readTree(json.toFile()).get("rows");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).get("mse_uv_per_seed")).hasSize(2);
    assertThat(rows.get(0).get("curve").size()).isGreaterThanOrEqualTo(3);
    assertThat(out.resolve("cells").resolve("burgers-float64").resolve("metrics.json")).exists();

    int cores = Runtime.getRuntime().availableProcessors();
    Path refused = dir.resolve("refused");
    r = CliTestSupport.run("bench", "accuracy", "--scale", "smoke", "--out", refused.toString(), "--workers",
        Integer.toString(cores + 1));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("error: bench accuracy: --workers " + (cores + 1))
        .contains("this machine has " + cores).doesNotContain("\n");
    assertThat(refused).doesNotExist();
  }

  @Test
  void accuracyRefusesABadBudgetOrCase() {
    CliTestSupport.Result r = CliTestSupport.run("bench", "accuracy", "--time-limit", "-5", "--out", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("error:").contains("--time-limit").doesNotContain("\n\tat ");
    r = CliTestSupport.run("bench", "accuracy", "--cases", "heat", "--out", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown case 'heat'");
  }

  @Test
  void speedPrintsItsFiguresBesideTheirTargets() throws Exception {
    Path json = dir.resolve("speed.json");
    CliTestSupport.Result r = CliTestSupport.run("bench", "speed", "--scale", "smoke", "--out",
        dir.resolve("speed").toString(), "--json", json.toString());
    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).contains("L-PINN epoch / F-PINN epoch").contains("64 HyperPINN solutions on 11x11")
        .contains("FastLRNR rel L2: fast phase / guess")
        .contains("FastLRNR: full LR-PINN step / fast-phase step (lr-pinn preset)")
        .contains("CoLoRA-EQ: matched reference time / its time").contains("PINN step");
    JsonNode speed = new ObjectMapper().readTree(json.toFile());
    assertThat(speed.get("rows")).hasSize(6); // every figure of issue 20 (the fastlrnr preset's steps: not at smoke)
    assertThat(speed.get("lrnr").get("step_ratio_full_over_fast").asDouble()).isPositive();
    assertThat(speed.get("colora").get("rows")).hasSize(1);
    assertThat(speed.get("lora_epoch_ms").asDouble()).isPositive();
    assertThat(speed.get("finetune_epoch_ms").asDouble()).isPositive();
    assertThat(speed.get("many_query_samples_per_s").asDouble()).isPositive();
    assertThat(speed.get("step").get("median_ms").asDouble()).isPositive();
  }

  @Test
  void coloraEqIsTimedAgainstTheReferenceSolverAtTheResolutionOfTheSameError() throws Exception {
    JsonNode colora = bench("colora", "--pde", "cdr", "--methods", "eq", "--strategy-opt", "eq-steps=40",
        "--strategy-opt", "space-points=32");
    JsonNode row = colora.get("rows").get(0);
    JsonNode ladder = row.get("reference_ladder");
    JsonNode matched = row.get("matched_reference");
    assertThat(ladder).isNotEmpty();
    assertThat(matched.get("rel_l2").asDouble()).isLessThanOrEqualTo(row.get("rel_l2").asDouble());
    assertThat(matched.get("ms").asDouble()).isPositive();
    assertThat(matched).isEqualTo(ladder.get(ladder.size() - 1)); // the first rung as accurate ends the climb
    for (int i = 0; i < ladder.size() - 1; i++) {
      assertThat(ladder.get(i).get("rel_l2").asDouble()).isGreaterThan(row.get("rel_l2").asDouble());
    }
    assertThat(row.get("faster_than_matched_reference").asDouble())
        .isCloseTo(matched.get("ms").asDouble() / row.get("predict_ms").asDouble(), within(1e-9));
  }

  @Test
  void lrnrAndColoraRunEndToEnd() throws Exception {
    JsonNode lrnr = bench("lrnr", "--pde", "cdr", "--causal-epsilon", "1");
    assertThat(lrnr.get("rows")).hasSize(1);
    assertThat(lrnr.get("rows").get(0).fieldNames()).toIterable().contains("rel_l2_hyper", "rel_l2_finetune",
        "rel_l2_fast", "rel_l2_coefficients", "rel_l2_pinn", "rel_l2_pinn_causal", "rel_l2_pinn_matched");
    assertThat(lrnr.get("step_ratio_full_over_fast").asDouble()).isPositive();
    assertThat(lrnr.get("time_harmonics").asInt()).isEqualTo(8); // the defaults of decision 0013
    assertThat(lrnr.get("trainer").asText()).isEqualTo("adam+lbfgs");

    JsonNode colora = bench("colora", "--pde", "burgers2d");
    assertThat(colora.get("rows")).hasSize(2); // colora-d and colora-eq on one test task
    assertThat(colora.get("online_params").asInt()).isPositive();
  }

  @Test
  void lrnrRunsItsTestTasksAsSweepCellsOnSparkWithOneMetaLearningAndTheSameTable() throws Exception {
    JsonNode one = bench("lrnr", "--pde", "cdr");
    Path out = dir.resolve("lrnr-spark");
    Path json = dir.resolve("lrnr-spark.json");
    CliTestSupport.Result r = CliTestSupport.run("bench", "lrnr", "--pde", "cdr", "--scale", "smoke", "--out",
        out.toString(), "--json", json.toString(), "--workers", "2");
    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    JsonNode two = new ObjectMapper().readTree(json.toFile());
    for (String k : List.of("rel_l2_hyper", "rel_l2_finetune", "rel_l2_fast", "rel_l2_coefficients")) { // where a run runs changes nothing
      assertThat(two.get("rows").get(0).get(k).asDouble()).as(k).isEqualTo(one.get("rows").get(0).get(k).asDouble());
    }
    assertThat(two.get("eim_sizes")).isNotNull();
    // the meta-learned model: learned once, by the first run, and shared with the others through bases/
    try (var files = Files.walk(out)) {
      List<String> metas = files.filter(p -> p.getFileName().toString().startsWith("lrnr-lrnr-meta-"))
          .map(p -> out.relativize(p).subpath(0, 2).toString()).sorted().toList();
      assertThat(metas).hasSize(2).first().asString().startsWith("bases");
      assertThat(metas.get(1)).isEqualTo(Path.of("cells", "hyper").toString());
    }
  }

  @Test
  void aBenchRerunIntoAFolderOfOtherSettingsIsABadInputWithOneErrorLine() throws Exception {
    Path out = dir.resolve("lrnr-rerun");
    CliTestSupport.Result first = CliTestSupport.run("bench", "lrnr", "--pde", "cdr", "--scale", "smoke", "--out",
        out.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    CliTestSupport.Result again = CliTestSupport.run("bench", "lrnr", "--pde", "cdr", "--scale", "smoke", "--out",
        out.toString(), "--strategy-opt", "fast-lr=0.01");
    assertThat(again.exitCode()).as(again.err()).isEqualTo(2);
    assertThat(again.err().strip().lines()).hasSize(1).first().asString()
        .startsWith("error: bench run(s) in " + out + " refused: hyper: --resume would change "
            + "strategy-options.fast-lr (recorded 0.001, now 0.01)");
  }

  @Test
  void aBenchWithAnUnknownPdeLeavesNoFolderAndNoIdReachesAPath() throws Exception {
    Path runs = Path.of("runs");
    List<Path> before = listing(runs);
    for (String bench : List.of("hyper", "colora", "lora-ranks", "lrnr")) {
      CliTestSupport.Result r = CliTestSupport.run("bench", bench, "--pde", "../../x", "--scale", "smoke");
      assertThat(r.exitCode()).as(bench + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).startsWith("error: unknown pde '../../x'");
    }
    assertThat(listing(runs)).isEqualTo(before);
  }

  private static List<Path> listing(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
