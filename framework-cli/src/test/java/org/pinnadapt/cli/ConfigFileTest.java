package org.pinnadapt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs from YAML files, reruns from the written config.json, and bad configuration input. */
class ConfigFileTest {

  @TempDir Path dir;

  private static final String YAML = """
      # a tiny LoRA run
      pde: kovasznay
      strategy: lora
      strategy-options:
        rank: 2
      architecture-options: {width: 12, depth: 2}
      tasks: "Re=40"
      epochs: 25
      trainer: adam
      base-epochs: 30
      collocation: 150
      boundary: 40
      grid: 21x21
      seed: 7
      lr-schedule: step
      lr-constant-epochs: 10
      lr-decay: 0.5
      lr-decay-every: 5
      """;

  @Test
  void aRunFromYamlAndItsRerunFromConfigJsonGiveTheSameMetrics() throws Exception {
    Path yaml = dir.resolve("run.yaml");
    Files.writeString(yaml, YAML);
    Path first = dir.resolve("first");
    CliTestSupport.Result r = CliTestSupport.run("run", "--config", yaml.toString(), "--out", first.toString(), "-q");
    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();

    JsonNode config = new ObjectMapper().readTree(first.resolve("config.json").toFile());
    assertThat(config.get("epochs").asInt()).isEqualTo(25);
    assertThat(config.get("strategy-options").get("rank").asInt()).isEqualTo(2);
    assertThat(config.get("lr-decay").asDouble()).isEqualTo(0.5);
    assertThat(config.get("provenance").get("tasks").get(0).asText()).isEqualTo("Re=40");

    Path second = dir.resolve("second");
    CliTestSupport.Result again = CliTestSupport.run("run", "--config", first.resolve("config.json").toString(),
        "--out", second.toString(), "-q");
    assertThat(again.exitCode()).as(again.err()).isZero();
    JsonNode a = new ObjectMapper().readTree(first.resolve("metrics.json").toFile()).get("tasks").get(0);
    JsonNode b = new ObjectMapper().readTree(second.resolve("metrics.json").toFile()).get("tasks").get(0);
    for (String key : List.of("mse", "rel_l2", "max_abs", "trainable_params", "epochs")) {
      assertThat(b.get(key)).as(key).isEqualTo(a.get(key));
    }
    assertThat(a.get("mse").asDouble()).isPositive();

    // the command line overrides the file
    Path third = dir.resolve("third");
    CliTestSupport.Result overridden = CliTestSupport.run("run", "--config", yaml.toString(), "--epochs", "3",
        "--rank", "1", "--out", third.toString(), "-q");
    assertThat(overridden.exitCode()).as(overridden.err()).isZero();
    JsonNode c = new ObjectMapper().readTree(third.resolve("config.json").toFile());
    assertThat(c.get("epochs").asInt()).isEqualTo(3);
    assertThat(c.get("strategy-options").get("rank").asInt()).isEqualTo(1);
    assertThat(c.get("base-epochs").asInt()).isEqualTo(30);

    // figures: heat maps per field and loss histories, valid PNGs
    try (Stream<Path> files = Files.list(first.resolve("figures"))) {
      List<Path> pngs = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
      assertThat(pngs.stream().map(p -> p.getFileName().toString()))
          .contains("lora-Re=40-u.png", "lora-Re=40-v.png", "lora-Re=40-p.png", "history-lora-Re=40.png",
              "history-base.png");
      for (Path p : pngs) {
        BufferedImage img = ImageIO.read(p.toFile());
        assertThat(img).as(p.toString()).isNotNull();
        assertThat(img.getWidth()).isGreaterThan(300);
      }
    }
  }

  @Test
  void anUnknownKeyNamesTheKeyAndTheFile() throws Exception {
    Path yaml = dir.resolve("typo.yaml");
    Files.writeString(yaml, "pde: kovasznay\nepochz: 10\n");
    CliTestSupport.Result r = CliTestSupport.run("run", "--config", yaml.toString(), "--out",
        dir.resolve("x").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("epochz").contains(yaml.toString());
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void aMalformedValueOrFileNamesTheCulprit() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "pde: kovasznay\nepochs: many\n");
    CliTestSupport.Result r = CliTestSupport.run("run", "--config", bad.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("epochs").contains(bad.toString());

    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "pde: [kovasznay\n  epochs: 3\n");
    CliTestSupport.Result s = CliTestSupport.run("run", "--config", broken.toString());
    assertThat(s.exitCode()).isEqualTo(2);
    assertThat(s.err()).contains(broken.toString()).contains("malformed");

    Path json = dir.resolve("c.json");
    Files.writeString(json, "{\"pde\": \"kovasznay\", \"strategy-options\": {\"rank\": 2},}");
    CliTestSupport.Result t = CliTestSupport.run("run", "--config", json.toString());
    assertThat(t.exitCode()).isEqualTo(2);
    assertThat(t.err()).contains(json.toString());

    CliTestSupport.Result u = CliTestSupport.run("run", "--config", dir.resolve("missing.yaml").toString());
    assertThat(u.exitCode()).isEqualTo(2);
    assertThat(u.err()).contains("missing.yaml").contains("does not exist");
  }

  @Test
  void anUnwritableOutputFolderIsReportedBeforeAnyTraining() throws Exception {
    Path file = dir.resolve("plain-file");
    Files.writeString(file, "not a folder");
    Path out = file.resolve("run");
    CliTestSupport.Result r = CliTestSupport.run("run", "--pde", "kovasznay", "--strategy", "lora", "--tasks",
        "Re=40", "--epochs", "100000", "--base-epochs", "100000", "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(out.toString()).contains("not writable");
    assertThat(r.out()).doesNotContain("epoch");
    assertThat(Files.readString(file)).isEqualTo("not a folder");

    CliTestSupport.Result d = CliTestSupport.run("demo", "--out", out.toString());
    assertThat(d.exitCode()).isEqualTo(2);
    assertThat(d.err()).contains("not writable");
  }
}
