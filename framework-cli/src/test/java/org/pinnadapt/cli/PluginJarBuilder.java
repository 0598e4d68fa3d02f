package org.pinnadapt.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.core.testkit.PluginJars;

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
    List<Path> mp = new ArrayList<>(apiModulePath());
    mp.addAll(extraModulePath);
    return PluginJars.compile(work, jar, sources, mp);
  }

  /**
   * The sources of a complete third-party PDE plug-in: {@code examples/heat-pde} (the heat equation
   * \( u_t = \kappa u_{xx} \) with a closed-form solution), renamed to another module (also the package) and id.
   *
   * @param module the module name (also the package)
   * @param id the PDE id
   * @return relative source paths and their content
   * @throws IOException if the example's sources cannot be read
   */
  public static Map<String, String> heatPlugin(String module, String id) throws IOException {
    Path root = Path.of("..", "examples", "heat-pde", "src", "main", "java");
    String dir = module.replace('.', '/');
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("module-info.java", Files.readString(root.resolve("module-info.java"))
        .replace("org.example.heat", module));
    for (String name : List.of("Heat.java", "HeatProvider.java")) {
      String text = Files.readString(root.resolve("org/example/heat").resolve(name))
          .replace("package org.example.heat;", "package " + module + ";")
          .replace("super(\"heat\"", "super(\"" + id + "\"")
          .replace("return \"heat\";", "return \"" + id + "\";");
      sources.put(dir + "/" + name, text);
    }
    return sources;
  }

}
