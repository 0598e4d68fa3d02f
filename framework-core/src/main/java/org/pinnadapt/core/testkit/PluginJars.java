package org.pinnadapt.core.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.pinnadapt.api.PluginProvider;
import org.pinnadapt.core.plugin.PluginKind;

/**
 * A plug-in jar as the framework meets it: packed from a build's class folder, loaded into its own child
 * {@link ModuleLayer} of the boot layer (which holds the API), and listed with {@link ServiceLoader}. Unlike a
 * plug-in folder, a module of the same name in the boot layer (a plug-in's own tests run inside it) is shadowed,
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
   * Loads the modules of a jar (or class folder) into a new child layer of the boot layer.
   *
   * @param location the jar
   * @return the layer
   */
  public static ModuleLayer load(Path location) {
    ModuleFinder finder = ModuleFinder.of(location);
    Set<String> roots = finder.findAll().stream().map(ModuleReference::descriptor).map(d -> d.name())
        .collect(Collectors.toSet());
    if (roots.isEmpty()) {
      throw new IllegalArgumentException(location + " holds no module");
    }
    ModuleLayer boot = ModuleLayer.boot();
    Configuration cf = boot.configuration().resolve(finder, ModuleFinder.of(), roots);
    return boot.defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
  }

  /**
   * The pinnadapt providers that the modules of a layer declare ({@code provides ... with}), of every kind;
   * providers of parent layers are left out.
   *
   * @param layer a plug-in layer
   * @return the providers, instantiated with their no-argument constructors
   */
  public static List<PluginProvider<?>> providers(ModuleLayer layer) {
    List<PluginProvider<?>> out = new ArrayList<>();
    for (PluginKind kind : PluginKind.values()) {
      ServiceLoader.load(layer, kind.providerType()).stream()
          .filter(p -> p.type().getModule().getLayer() == layer)
          .forEach(p -> out.add(p.get()));
    }
    return out;
  }
}
