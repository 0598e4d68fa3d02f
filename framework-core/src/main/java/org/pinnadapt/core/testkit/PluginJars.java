package org.pinnadapt.core.testkit;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import org.pinnadapt.api.PluginProvider;
import org.pinnadapt.core.plugin.PluginCatalog;
import org.pinnadapt.core.plugin.PluginEntry;
import org.pinnadapt.core.plugin.PluginLoader;
import org.pinnadapt.core.plugin.PluginWarning;

/**
 * A plug-in jar as the framework meets it: packed from a build's class folder, loaded into its own child
 * {@link ModuleLayer} of the boot layer (which holds the API) and listed by the framework's plug-in loader. Unlike
 * a plug-in folder, a module of the same name in the boot layer (a plug-in's own tests run inside it) is shadowed,
 * not skipped, so a plug-in's build can check the jar it is about to ship.
 */
public final class PluginJars {

  private PluginJars() {}

  /**
   * Packs a compiled module (a class folder holding {@code module-info.class}) into a jar.
   *
   * @param classes the class folder, e.g. {@code target/classes}
   * @param jar the jar to write
   * @return the jar
   */
  public static Path pack(Path classes, Path jar) {
    if (!Files.isRegularFile(classes.resolve("module-info.class"))) {
      throw new IllegalArgumentException(classes + " holds no module-info.class: a plug-in must be a named module");
    }
    ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow(() -> new IllegalStateException("no jar tool"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int rc = tool.run(ps, ps, "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
    if (rc != 0) {
      throw new IllegalStateException("jar failed (" + rc + "): " + out.toString(StandardCharsets.UTF_8));
    }
    return jar;
  }

  /**
   * Compiles module sources (relative path to content, {@code module-info.java} among them) with the
   * JDK's {@code javac} and packs them into a jar: a plug-in built at test time, e.g. a deliberately broken one.
   *
   * @param work scratch folder
   * @param jar the jar to write
   * @param sources relative source paths and their content
   * @param modulePath the modules to compile against (the API's jar or class folder, DJL's API, ...)
   * @return the jar
   * @throws IOException if a file cannot be written
   */
  public static Path compile(Path work, Path jar, Map<String, String> sources, List<Path> modulePath)
      throws IOException {
    Path src = Files.createTempDirectory(work, "src");
    Path classes = Files.createTempDirectory(work, "classes");
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-nowarn", "--module-path",
        String.join(File.pathSeparator, modulePath.stream().map(Path::toString).toList())));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow(() -> new IllegalStateException("no javac"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int rc = javac.run(ps, ps, args.toArray(new String[0]));
    if (rc != 0) {
      throw new IllegalStateException("javac failed (" + rc + "): " + out.toString(StandardCharsets.UTF_8));
    }
    Files.createDirectories(jar.toAbsolutePath().getParent());
    return pack(classes, jar);
  }

  /**
   * Lists a jar's pinnadapt providers the way a plug-in folder lists it ({@link PluginLoader}): in a new child
   * layer of the boot layer, broken providers reported as warnings. A module of the same name in the boot layer is
   * shadowed, not skipped.
   *
   * @param jar the jar
   * @return the providers found and the warnings
   */
  public static Listing list(Path jar) {
    PluginCatalog catalog = new PluginCatalog();
    PluginLoader.discoverLocation(catalog, jar, true);
    return new Listing(catalog.all().values().stream().flatMap(m -> m.values().stream()).map(PluginEntry::provider)
        .toList(), catalog.warnings().stream().map(PluginWarning::toString).toList());
  }

  /**
   * What listing a jar found.
   *
   * @param providers the providers, every kind, each constructed once
   * @param warnings what failed (an unresolvable module, a provider that throws), one line each
   */
  public record Listing(List<PluginProvider<?>> providers, List<String> warnings) {}
}
