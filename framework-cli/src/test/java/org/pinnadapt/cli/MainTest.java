package org.pinnadapt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @TempDir Path work;

  @Test
  void versionAndHelpSucceed() {
    CliTestSupport.Result version = CliTestSupport.run("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).contains("pinnadapt 0.1.0").contains("PyTorch 2.5.1");
    CliTestSupport.Result help = CliTestSupport.run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("plugins");
  }

  @Test
  void unknownCommandsAndOptionsExitWithTwo() {
    CliTestSupport.Result cmd = CliTestSupport.run("frobnicate");
    assertThat(cmd.exitCode()).isEqualTo(2);
    assertThat(cmd.err()).contains("frobnicate");
    CliTestSupport.Result opt = CliTestSupport.run("plugins", "--frobnicate");
    assertThat(opt.exitCode()).isEqualTo(2);
    assertThat(opt.err()).contains("--frobnicate");
    assertThat(CliTestSupport.run().exitCode()).isEqualTo(2);
  }

  @Test
  void badBenchLrnrSettingsNameTheCulpritBeforeAnyWork() {
    CliTestSupport.Result trainer = CliTestSupport.run("bench", "lrnr", "--scale", "smoke", "--trainer", "sgd");
    assertThat(trainer.exitCode()).isEqualTo(2);
    assertThat(trainer.err()).contains("--trainer", "sgd");
    CliTestSupport.Result harmonics = CliTestSupport.run("bench", "lrnr", "--scale", "smoke", "--time-harmonics", "-1");
    assertThat(harmonics.exitCode()).isEqualTo(2);
    assertThat(harmonics.err()).contains("--time-harmonics");
  }

  @Test
  void pluginsJsonListsBuiltInsAndAThirdPartyJarAndWarnsOncePerBrokenJar() throws Exception {
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    PluginJarBuilder.build(work, plugins.resolve("heat.jar"), PluginJarBuilder.heatPlugin("org.acme.heat", "heat"), List.of());
    Path dep = PluginJarBuilder.build(work, work.resolve("dep.jar"), Map.of(
        "module-info.java", "module org.acme.dep { exports org.acme.dep; }",
        "org/acme/dep/D.java", "package org.acme.dep; public final class D {}"), List.of());
    PluginJarBuilder.build(work, plugins.resolve("needs-dep.jar"), Map.of(
        "module-info.java", "module org.acme.needsdep { requires org.acme.dep; }",
        "org/acme/needsdep/N.java", "package org.acme.needsdep; public final class N { org.acme.dep.D d; }"),
        List.of(dep));
    Files.write(plugins.resolve("corrupt.jar"), new byte[] {0x50, 0x4b, 0x03});

    CliTestSupport.Result r = CliTestSupport.run("--plugins", plugins.toString(), "plugins", "--json");
    assertThat(r.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(ids(json.get("pdes"))).contains("burgers1d", "burgers2d", "kovasznay", "cdr", "heat");
    assertThat(ids(json.get("strategies"))).contains("pinn", "finetune", "lora", "hyper", "lrnr", "colora");
    JsonNode heat = find(json.get("pdes"), "heat");
    assertThat(heat.get("module").asText()).isEqualTo("org.acme.heat");
    assertThat(heat.get("location").asText()).endsWith("heat.jar");
    assertThat(heat.get("parameters").get(0).get("name").asText()).isEqualTo("kappa");
    JsonNode kov = find(json.get("pdes"), "kovasznay");
    assertThat(kov.get("parameters").get(0).get("min").asDouble()).isEqualTo(20.0);
    assertThat(kov.get("parameters").get(0).get("default").asDouble()).isEqualTo(20.0);

    List<String> warnings = r.err().lines().filter(l -> l.startsWith("warning:")).toList();
    assertThat(warnings).hasSize(2);
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("corrupt.jar"));
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("needs-dep.jar").contains("org.acme.dep"));
    assertThat(json.get("warnings")).hasSize(2);
  }

  @Test
  void pluginsTableShowsParameterRanges() throws Exception {
    CliTestSupport.Result r = CliTestSupport.run("--plugins", Files.createDirectories(work.resolve("none")).toString(),
        "plugins");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("kovasznay").contains("parameter Re").contains("[20, 100], default 20");
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  private static JsonNode find(JsonNode array, String id) {
    for (JsonNode n : array) {
      if (n.get("id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError("no " + id);
  }

  @Test
  void noBooleanOptionIsANegatableOptionThatDefaultsToTrue() {
    // picocli gives such an option the reverse meaning: --no-x leaves it true, --x makes it false
    List<String> bad = new ArrayList<>();
    walk(new picocli.CommandLine(new Main()), bad);
    assertThat(bad).isEmpty();
    picocli.CommandLine.ParseResult r = new picocli.CommandLine(new Main())
        .parseArgs("bench", "hyper", "--pde", "kovasznay", "--no-full");
    assertThat(r.subcommand().subcommand().<Boolean>matchedOptionValue("--no-full", false)).isTrue();
  }

  private static void walk(picocli.CommandLine c, List<String> bad) {
    for (picocli.CommandLine.Model.OptionSpec o : c.getCommandSpec().options()) {
      if (o.negatable() && "true".equals(o.defaultValue())) {
        bad.add(c.getCommandSpec().qualifiedName() + " " + o.longestName());
      }
    }
    c.getSubcommands().values().forEach(sub -> walk(sub, bad));
  }
}
