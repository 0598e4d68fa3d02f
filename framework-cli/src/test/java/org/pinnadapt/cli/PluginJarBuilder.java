package org.pinnadapt.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import org.pinnadapt.api.PdeProvider;

/**
 * Compiles and packages small plug-in modules at test time with the JDK's {@code javac} and
 * {@code jar} tools, against framework-api only, so discovery can be tested with real jars in a real
 * plug-in folder.
 */
public final class PluginJarBuilder {

  private PluginJarBuilder() {}

  /**
   * The module path a plug-in compiles against: framework-api and DJL's API.
   *
   * @return the jars (or class folders)
   */
  public static List<Path> apiModulePath() {
    return List.of(locationOf(PdeProvider.class), locationOf(ai.djl.ndarray.NDArray.class));
  }

  /**
   * Where a class was loaded from.
   *
   * @param type the class
   * @return its jar or class folder
   */
  public static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Compiles sources (relative path to content) into a modular jar.
   *
   * @param work scratch folder
   * @param jar the jar to write
   * @param sources relative source paths and their content
   * @param extraModulePath further modules to compile against
   * @return the jar
   * @throws IOException if a file cannot be written
   */
  public static Path build(Path work, Path jar, Map<String, String> sources, List<Path> extraModulePath)
      throws IOException {
    Path src = Files.createTempDirectory(work, "src");
    Path classes = Files.createTempDirectory(work, "classes");
    List<String> args = new ArrayList<>();
    List<Path> mp = new ArrayList<>(apiModulePath());
    mp.addAll(extraModulePath);
    args.add("-d");
    args.add(classes.toString());
    args.add("--module-path");
    args.add(String.join(java.io.File.pathSeparator, mp.stream().map(Path::toString).toList()));
    args.add("-nowarn");
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    run("javac", args);
    Files.createDirectories(jar.getParent());
    run("jar", List.of("--create", "--file", jar.toString(), "-C", classes.toString(), "."));
    return jar;
  }

  private static void run(String tool, List<String> args) {
    ToolProvider provider = ToolProvider.findFirst(tool)
        .orElseThrow(() -> new IllegalStateException("no " + tool + " tool in this JDK"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int rc = provider.run(ps, ps, args.toArray(new String[0]));
    if (rc != 0) {
      throw new IllegalStateException(tool + " failed (" + rc + "): " + out.toString(StandardCharsets.UTF_8));
    }
  }

  /**
   * The sources of a complete third-party PDE plug-in: the 1D heat equation
   * \( u_t = \kappa u_{xx} \) with a closed-form solution.
   *
   * @param module the module name (also the package)
   * @param id the PDE id
   * @return relative source paths and their content
   */
  public static Map<String, String> heatPlugin(String module, String id) {
    String pkg = module;
    String dir = pkg.replace('.', '/');
    return Map.of(
        "module-info.java",
        "module " + module + " { requires org.pinnadapt.api; provides org.pinnadapt.api.PdeProvider with "
            + pkg + ".HeatProvider; }",
        dir + "/HeatProvider.java",
        "package " + pkg + ";\n"
            + "import java.util.List;\n"
            + "import org.pinnadapt.api.*;\n"
            + "import org.pinnadapt.api.base.*;\n"
            + "import org.pinnadapt.api.pde.*;\n"
            + "public final class HeatProvider implements PdeProvider {\n"
            + "  public String id() { return \"" + id + "\"; }\n"
            + "  public String description() { return \"1D heat equation (test plug-in)\"; }\n"
            + "  public List<Parameter> parameters() { return Heat.PARAMS; }\n"
            + "  public Pde create(Options o) { return new Heat(\"" + id + "\"); }\n"
            + "}\n",
        dir + "/Heat.java",
        "package " + pkg + ";\n"
            + "import ai.djl.ndarray.NDList;\n"
            + "import java.util.*;\n"
            + "import org.pinnadapt.api.pde.*;\n"
            + "public final class Heat extends ParametricPde {\n"
            + "  static final List<Parameter> PARAMS = List.of(new Parameter(\"kappa\", 0.1, 2, 1, \"diffusivity\"));\n"
            + "  private static final Domain DOMAIN = Domain.of(Input.space(\"x\", 0, 1), Input.time(\"t\", 0, 1));\n"
            + "  Heat(String id) { super(id, PARAMS, 4, 2, 2); }\n"
            + "  public Domain domain() { return DOMAIN; }\n"
            + "  public List<Field> fields() { return List.of(Field.of(\"u\", \"temperature\")); }\n"
            + "  public Set<Partial> partials() { return Set.of(Partial.d(\"t\"), Partial.d2(\"x\")); }\n"
            + "  public List<String> residualNames() { return List.of(\"heat\"); }\n"
            + "  public NDList residual(Fields f) { return new NDList(f.d(\"u\", \"t\").sub(f.d2(\"u\", \"x\").mul(f.parameter(\"kappa\")))); }\n"
            + "  public PointCounts defaultPointCounts() { return new PointCounts(200, 20, 20); }\n"
            + "  public List<Condition> conditions(Task task, Sampler s, PointCounts c) { return List.of(); }\n"
            + "  public ReferenceSolution reference(Task task) {\n"
            + "    double k = task.parameter(\"kappa\");\n"
            + "    return new ReferenceSolution() {\n"
            + "      public double[][] evaluate(PointSet p) {\n"
            + "        double[][] out = new double[p.size()][1];\n"
            + "        for (int i = 0; i < p.size(); i++) out[i][0] = Math.exp(-k * Math.PI * Math.PI * p.get(i, 1)) * Math.sin(Math.PI * p.get(i, 0));\n"
            + "        return out;\n"
            + "      }\n"
            + "      public String method() { return \"closed form\"; }\n"
            + "    };\n"
            + "  }\n"
            + "}\n");
  }
}
