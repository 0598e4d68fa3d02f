package org.pinnadapt.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.core.testkit.PluginJars;

/** Broken third-party plug-ins are named (id and jar) in one line; the others keep working. */
class PluginFaultsTest {

  @TempDir static Path work;
  static Path plugins;

  static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** examples/heat-pde's sources as another module and id, with a patch applied to one file. */
  static Map<String, String> heat(String module, String id, String file, String from, String to) throws IOException {
    Path root = Path.of(System.getProperty("pinnadapt.examples", "../examples"), "heat-pde/src/main/java");
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("module-info.java", Files.readString(root.resolve("module-info.java")).replace("org.example.heat",
        module));
    for (String name : List.of("Heat.java", "HeatProvider.java")) {
      String text = Files.readString(root.resolve("org/example/heat").resolve(name))
          .replace("package org.example.heat;", "package " + module + ";")
          .replace("super(\"heat\"", "super(\"" + id + "\"").replace("return \"heat\";", "return \"" + id + "\";");
      if (name.equals(file)) {
        assertThat(text).contains(from);
        text = text.replace(from, to);
      }
      sources.put(module.replace('.', '/') + "/" + name, text);
    }
    return sources;
  }

  static Path jar(String name, Map<String, String> sources) throws IOException {
    return jarIn(plugins, name, sources);
  }

  /** Compiles plug-in sources into a jar in a folder. */
  static Path jarIn(Path folder, String name, Map<String, String> sources) throws IOException {
    return PluginJars.compile(Files.createTempDirectory(folder.getParent(), "build"), folder.resolve(name), sources,
        List.of(locationOf(PdeProvider.class), locationOf(NDArray.class)));
  }

  @BeforeAll
  static void brokenPlugins() throws IOException {
    plugins = Files.createDirectories(work.resolve("plugins"));
    jar("boom-residual.jar", heat("org.example.boom", "boom", "Heat.java", "public NDList residual(Fields f) {",
        "public NDList residual(Fields f) {\n    if (true) { throw new IllegalStateException(\"kaboom\"); }"));
    jar("boom-reference.jar", heat("org.example.boomref", "boomref", "Heat.java",
        "public ReferenceSolution reference(Task task) {",
        "public ReferenceSolution reference(Task task) {\n    if (true) { throw new ArithmeticException(\"no closed form\"); }"));
    jar("boom-provider.jar", heat("org.example.bad", "badprovider", "HeatProvider.java", "public String id() {",
        "public String id() {\n    if (true) { throw new IllegalStateException(\"no id today\"); }"));
    jar("twin-a.jar", heat("org.example.twina", "twin", "Heat.java", "", ""));
    jar("twin-b.jar", heat("org.example.twinb", "twin", "Heat.java", "", ""));
    Path newer = jar("newer-java.jar", heat("org.example.newer", "newer", "Heat.java", "", ""));
    patchClassVersion(newer, 65); // as if compiled by Java 21
  }

  /** Rewrites every class file's major version in a jar. */
  static void patchClassVersion(Path jar, int major) throws IOException {
    Path tmp = jar.resolveSibling(jar.getFileName() + ".new");
    try (JarFile in = new JarFile(jar.toFile()); JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp))) {
      for (JarEntry e : java.util.Collections.list(in.entries())) {
        byte[] bytes = in.getInputStream(e).readAllBytes();
        if (e.getName().endsWith(".class")) {
          bytes[6] = (byte) (major >> 8);
          bytes[7] = (byte) major;
        }
        out.putNextEntry(new JarEntry(e.getName()));
        out.write(bytes);
        out.closeEntry();
      }
    }
    Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  static List<String> heatRun(String id, Path out) {
    return List.of("--plugins", plugins.toString(), "run", "--pde", id, "--strategy", "pinn", "--epochs", "3",
        "--set", "collocation=50", "--set", "grid=5x5", "--threads", "1", "-q", "--out", out.toString());
  }

  @Test
  void aThrowingResidualNamesThePluginItsJarAndTheMethod() {
    Path out = work.resolve("boom");
    Cli.Outcome o = Cli.run(work, heatRun("boom", out));
    assertThat(o.exit()).as(o.toString()).isEqualTo(1);
    assertThat(o.errorLine()).isEqualTo("error: PDE plug-in 'boom' (boom-residual.jar) failed in residual(): "
        + "IllegalStateException: kaboom");
    assertThat(o.stackLines()).isZero();
    assertThat(out).doesNotExist(); // nothing was trained
  }

  @Test
  void aThrowingReferenceIsNamedToo() throws IOException {
    Path out = work.resolve("boomref");
    Cli.Outcome o = Cli.run(work, heatRun("boomref", out));
    assertThat(o.exit()).as(o.toString()).isEqualTo(1);
    assertThat(o.errorLine()).startsWith("error: PDE plug-in 'boomref' (boom-reference.jar) failed in ");
    assertThat(o.errorLine()).endsWith("ArithmeticException: no closed form");
    assertThat(o.stackLines()).isZero();
    if (Files.exists(out)) { // training ran before the reference was needed: the folder says why it failed
      assertThat(Files.readString(out.resolve("metrics.json"))).contains("\"status\" : \"failed\"");
    }
  }

  @Test
  void discoveryReportsEachBrokenJarAndKeepsTheRest() {
    Cli.Outcome o = Cli.run(work, "--plugins", plugins.toString(), "plugins");
    assertThat(o.exit()).as(o.toString()).isZero();
    String all = o.out() + o.err();
    assertThat(all).contains("boom-provider.jar").contains("no id today");
    assertThat(all).contains("newer-java.jar").contains("needs Java 21 or later; this is Java 17");
    assertThat(all).contains("twin");
    assertThat(all).contains("boom"); // the working plug-ins are listed
  }

  @Test
  void anUnknownIdNamesTheJarsThatWereSkipped() {
    Cli.Outcome o = Cli.run(work, heatRun("newer", work.resolve("newer-run")));
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.errorLine()).startsWith("error: unknown pde 'newer'").contains("newer-java.jar")
        .contains("needs Java 21");
    assertThat(o.stackLines()).isZero();
  }

  @Test
  void aDuplicateIdIsRefusedNamingBothJars() {
    Cli.Outcome o = Cli.run(work, heatRun("twin", work.resolve("twin-run")));
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.errorLine()).contains("twin").contains("twin-a.jar").contains("twin-b.jar");
    assertThat(work.resolve("twin-run")).doesNotExist();
  }
}
