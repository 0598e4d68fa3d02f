package org.pinnadapt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.plugin.PluginCatalog;
import org.pinnadapt.core.plugin.PluginEntry;
import org.pinnadapt.core.plugin.PluginKind;
import org.pinnadapt.core.plugin.PluginWarning;

/**
 * Discovery of real plug-in jars, compiled at test time against framework-api only and loaded from a
 * plug-in folder through child module layers.
 */
class PluginLoaderTest {

  @TempDir static Path work;
  static Path heatJar;
  static Path cloneJar;
  static Path depJar;
  static Path needsDepJar;
  static Path faultyJar;

  @BeforeAll
  static void buildJars() throws IOException {
    heatJar = PluginJarBuilder.build(work, work.resolve("jars/heat.jar"), PluginJarBuilder.heatPlugin("org.acme.heat", "heat"), List.of());
    cloneJar = PluginJarBuilder.build(work, work.resolve("jars/heat-clone.jar"),
        PluginJarBuilder.heatPlugin("org.acme.heatclone", "heat"), List.of());
    depJar = PluginJarBuilder.build(work, work.resolve("jars/dep.jar"), Map.of(
        "module-info.java", "module org.acme.dep { exports org.acme.dep; }",
        "org/acme/dep/Greeting.java", "package org.acme.dep; public final class Greeting { public static String text() { return \"needs a dependency\"; } }"),
        List.of());
    needsDepJar = PluginJarBuilder.build(work, work.resolve("jars/needs-dep.jar"), Map.of(
        "module-info.java", "module org.acme.needsdep { requires org.pinnadapt.api; requires org.acme.dep; "
            + "provides org.pinnadapt.api.StrategyProvider with org.acme.needsdep.P; }",
        "org/acme/needsdep/P.java", "package org.acme.needsdep;\n"
            + "public final class P implements org.pinnadapt.api.StrategyProvider {\n"
            + "  public String id() { return \"needs-dep\"; }\n"
            + "  public String description() { return org.acme.dep.Greeting.text(); }\n"
            + "  public org.pinnadapt.api.AdaptationStrategy create(org.pinnadapt.api.base.Options o) { throw new UnsupportedOperationException(); }\n"
            + "}\n"),
        List.of(depJar));
    faultyJar = PluginJarBuilder.build(work, work.resolve("jars/faulty.jar"), Map.of(
        "module-info.java", "module org.acme.faulty { requires org.pinnadapt.api; "
            + "provides org.pinnadapt.api.StrategyProvider with org.acme.faulty.Bad; }",
        "org/acme/faulty/Bad.java", "package org.acme.faulty;\n"
            + "public final class Bad implements org.pinnadapt.api.StrategyProvider {\n"
            + "  public Bad() { throw new IllegalStateException(\"license file missing\"); }\n"
            + "  public String id() { return \"bad\"; }\n"
            + "  public String description() { return \"\"; }\n"
            + "  public org.pinnadapt.api.AdaptationStrategy create(org.pinnadapt.api.base.Options o) { return null; }\n"
            + "}\n"),
        List.of());
  }

  private static Path folder(String name, Path... jars) throws IOException {
    Path dir = Files.createDirectories(work.resolve(name));
    for (Path j : jars) {
      Files.copy(j, dir.resolve(j.getFileName()));
    }
    return dir;
  }

  /** The catalog of a framework with no boot-layer discovery and the given plug-in folder. */
  private static PluginCatalog discover(Path dir) {
    try (PinnAdapt pa = PinnAdapt.builder().optBootDiscovery(false).optPluginDirectory(dir).build()) {
      return pa.catalog();
    }
  }

  @Test
  void loadsAJarFromThePluginFolderInAChildLayer() throws Exception {
    Path dir = folder("good", heatJar);
    PluginEntry e = discover(dir).entries(PluginKind.PDE).get("heat");
    assertThat(e).isNotNull();
    assertThat(e.source().module()).isEqualTo("org.acme.heat");
    assertThat(e.source().location()).isEqualTo(dir.resolve("heat.jar"));
    assertThat(e.source().origin()).isEqualTo("plugins");
    Module module = e.provider().getClass().getModule();
    assertThat(module.getLayer()).isNotEqualTo(ModuleLayer.boot());

    Pde heat = (Pde) e.provider().create(org.pinnadapt.api.base.Options.empty());
    double[][] u = heat.reference(heat.referenceTask()).evaluate(new PointSet(new double[] {0.5, 0}, 2));
    assertThat(u[0][0]).isEqualTo(1.0);
  }

  @Test
  void aCorruptJarIsReportedAndDoesNotHideGoodPlugins() throws Exception {
    Path dir = folder("corrupt", heatJar);
    Files.write(dir.resolve("corrupt.jar"), new byte[] {1, 2, 3, 4, 5});
    PluginCatalog catalog = discover(dir);
    assertThat(catalog.entries(PluginKind.PDE)).containsKey("heat");
    assertThat(catalog.warnings()).singleElement().satisfies(w -> {
      assertThat(w.source()).endsWith("corrupt.jar");
      assertThat(w.message()).contains("not a valid module jar");
    });
  }

  @Test
  void aMissingDependencyIsReportedWithTheModuleName() throws Exception {
    Path dir = folder("missing", heatJar, needsDepJar);
    PluginCatalog catalog = discover(dir);
    assertThat(catalog.entries(PluginKind.PDE)).containsKey("heat");
    assertThat(catalog.entries(PluginKind.STRATEGY)).doesNotContainKey("needs-dep");
    assertThat(catalog.warnings()).singleElement().satisfies(w -> {
      assertThat(w.source()).endsWith("needs-dep.jar");
      assertThat(w.message()).contains("cannot resolve").contains("org.acme.dep");
    });
  }

  @Test
  void aSubFolderIsOnePluginWithItsDependencies() throws Exception {
    Path dir = Files.createDirectories(work.resolve("subfolder"));
    folder("subfolder/needs-dep", needsDepJar, depJar);
    PluginCatalog catalog = discover(dir);
    assertThat(catalog.warnings()).isEmpty();
    assertThat(catalog.entries(PluginKind.STRATEGY).get("needs-dep").provider().description())
        .isEqualTo("needs a dependency");
  }

  @Test
  void aProviderThatThrowsIsReportedAndSkipped() throws Exception {
    Path dir = folder("faulty", heatJar, faultyJar);
    PluginCatalog catalog = discover(dir);
    assertThat(catalog.entries(PluginKind.PDE)).containsKey("heat");
    assertThat(catalog.warnings()).singleElement().satisfies(w -> {
      assertThat(w.source()).contains("faulty.jar");
      assertThat(w.message()).contains("license file missing").contains("org.acme.faulty.Bad");
    });
  }

  @Test
  void aFileThatIsNotAJarIsReported() throws Exception {
    Path dir = folder("notajar", heatJar);
    Files.writeString(dir.resolve("notes.txt"), "hello");
    PluginCatalog catalog = discover(dir);
    assertThat(catalog.entries(PluginKind.PDE)).containsKey("heat");
    assertThat(catalog.warnings()).extracting(PluginWarning::message).containsExactly("not a jar or a folder; skipped");
  }

  @Test
  void duplicateIdsAreAnErrorNamingBothSources() throws Exception {
    Path dir = folder("duplicate", heatJar, cloneJar);
    PluginCatalog catalog = discover(dir);
    assertThat(catalog.entries(PluginKind.PDE)).doesNotContainKey("heat");
    assertThat(catalog.warnings()).singleElement().satisfies(w ->
        assertThat(w.message()).contains("duplicate pde id 'heat'").contains("heat.jar").contains("heat-clone.jar"));
    assertThatThrownBy(() -> catalog.require(PluginKind.PDE, "heat"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("org.acme.heat ")
        .hasMessageContaining("org.acme.heatclone");
  }

  @Test
  void theRegistryListsBootAndFolderPluginsTogether() throws Exception {
    Path dir = folder("registry", heatJar);
    try (PinnAdapt pa = PinnAdapt.builder().optPluginDirectory(dir).build()) {
      assertThat(pa.registry().pdes()).containsKey("heat");
      assertThat(pa.registry().pde("heat", Map.of()).id()).isEqualTo("heat");
      assertThatThrownBy(() -> pa.registry().pde("nope", Map.of()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("unknown pde 'nope'")
          .hasMessageContaining("heat");
    }
  }

  @Test
  void aMissingFolderIsNotAnError() {
    assertThat(discover(work.resolve("does-not-exist")).warnings()).isEmpty();
  }
}
