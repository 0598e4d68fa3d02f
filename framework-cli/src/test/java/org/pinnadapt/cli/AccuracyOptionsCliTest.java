package org.pinnadapt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The accuracy options from the command line: each runs, and each bad value is one error line with exit 2. */
class AccuracyOptionsCliTest {

  @TempDir Path dir;

  private CliTestSupport.Result run(String... extra) {
    List<String> a = new ArrayList<>(List.of("run", "--pde", "kovasznay", "--strategy", "pinn", "--tasks", "Re=40",
        "--epochs", "12", "--trainer", "adam", "--arch-opt", "width=8", "--arch-opt", "depth=2", "--set", "collocation=64",
        "--set", "boundary=16", "--set", "grid=11x11", "--set", "figures=false", "-q"));
    a.addAll(List.of(extra));
    return CliTestSupport.run(a.toArray(new String[0]));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "time-limit=-1 | time-limit",
      "loss-weighting=softadapt | loss-weighting",
      "rar-every=5,rar-points=0 | rar-points",
      "rar-candidates=10,rar-points=20 | rar-candidates",
      "lr-schedule=triangle | lr-schedule",
      "lr-schedule=cosine,lr-final=1 | lr-final",
      "lr-final=1e-5 | lr-schedule=exponential or cosine",
      "lr-constant-epochs=5 | lr-schedule=step",
      "monitor-metric=max | monitor-metric",
      "monitor-fields=w | monitor-fields",
      "boundary-sampler=halton | boundary-sampler",
      "annealing-alpha=0 | annealing-alpha",
      "base-epochs=-5 | base-epochs",
      "lbfgs-history=0 | lbfgs-history",
      "lbfgs-tolerance=-1 | lbfgs-tolerance",
      "lbfgs-tolerance-change=-1 | lbfgs-tolerance-change"})
  void aBadValueIsOneErrorLineNamingTheKeyAndNothingIsTrained(String settings, String culprit) {
    List<String> extra = new ArrayList<>();
    for (String s : settings.split(",")) {
      extra.add("--set");
      extra.add(s);
    }
    extra.addAll(List.of("--out", dir.resolve("bad").toString()));
    CliTestSupport.Result r = run(extra.toArray(new String[0]));
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err().strip()).startsWith("error:").contains(culprit);
    assertThat(r.out()).doesNotContain("training");
  }

  @Test
  void badArchitectureAndPdeOptionsAreRefused() {
    CliTestSupport.Result r = run("--arch-opt", "init=he", "--out", dir.resolve("a").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("init");
    r = run("--pde-opt", "pressure=inlet", "--out", dir.resolve("b").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("pressure");
    r = CliTestSupport.run("run", "--pde", "kovasznay", "--epochs", "-5", "--out", dir.resolve("c").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("epochs").contains("-5");
  }

  @Test
  void everyOptionRunsAndTheMonitorFillsTheHistory() throws Exception {
    Path out = dir.resolve("all");
    CliTestSupport.Result r = run("--set", "loss-weighting=annealing", "--set", "annealing-every=3",
        "--set", "rar-every=4", "--set", "rar-points=8", "--set", "rar-candidates=200", "--set", "monitor-every=5",
        "--set", "monitor-fields=u,v", "--set", "monitor-metric=mse", "--set", "boundary-sampler=grid",
        "--set", "lr-schedule=cosine", "--pde-opt", "pressure=outlet", "--arch-opt", "normalize=true",
        "--arch-opt", "init=pytorch", "--out", out.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertThat(history.get(0)).endsWith(",lr,validation,seconds,error").contains(",p-outlet,");
    long measured = history.stream().skip(1).filter(l -> !l.endsWith(",")).count();
    assertThat(measured).as("epochs 0, 5, 10 and the last").isEqualTo(4);
    JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
    assertThat(config.get("lr-schedule").asText()).isEqualTo("cosine");
    assertThat(config.get("architecture-options").get("normalize").asBoolean()).isTrue();
  }
}
