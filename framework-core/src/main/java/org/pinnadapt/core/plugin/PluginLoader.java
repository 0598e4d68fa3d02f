package org.pinnadapt.core.plugin;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolutionException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pinnadapt.api.PluginProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plug-ins with {@link ServiceLoader}: first in the boot layer (module path and class path),
 * then in a plug-in folder where every jar and every sub-folder becomes its own child
 * {@link ModuleLayer}. A plug-in that fails (a corrupt jar, an unresolvable module, a missing
 * dependency, a provider that throws) is reported and skipped; the others load.
 */
public final class PluginLoader {

  private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

  private PluginLoader() {}

  /**
   * Discovers the providers of the boot layer.
   *
   * @param catalog receives entries and warnings
   */
  public static void discoverBoot(PluginCatalog catalog) {
    for (PluginKind kind : PluginKind.values()) {
      ServiceLoader<? extends PluginProvider<?>> loader =
          ServiceLoader.load(kind.providerType(), PluginLoader.class.getClassLoader());
      collect(catalog, kind, loader, null, "boot");
    }
  }

  /**
   * Discovers the providers of a plug-in folder: each {@code *.jar} and each sub-folder is one
   * plug-in with its own layer. Hidden files are ignored; any other file is reported.
   *
   * @param catalog receives entries and warnings
   * @param folder the plug-in folder; a missing folder is not an error
   */
  public static void discoverFolder(PluginCatalog catalog, Path folder) {
    if (folder == null || !Files.isDirectory(folder)) {
      if (folder != null && Files.exists(folder)) {
        catalog.warn(new PluginWarning(folder.toString(), "plug-in path is not a folder; skipped"));
      }
      return;
    }
    List<Path> candidates;
    try (Stream<Path> s = Files.list(folder)) {
      candidates = s.sorted().collect(Collectors.toList());
    } catch (IOException e) {
      catalog.warn(new PluginWarning(folder.toString(), "cannot list plug-in folder: " + e.getMessage()));
      return;
    }
    for (Path p : candidates) {
      String name = p.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      if (Files.isDirectory(p) || name.endsWith(".jar")) {
        loadPlugin(catalog, p, false);
      } else {
        catalog.warn(new PluginWarning(p.toString(), "not a jar or a folder; skipped"));
      }
    }
  }

  /**
   * Discovers the providers of one plug-in location (a jar or a folder) as a plug-in folder does, in its own
   * child layer of the boot layer. With {@code shadowBoot} a module that the boot layer holds too is loaded again
   * in the child layer instead of skipped: a plug-in's own tests run inside the boot layer and check the jar they
   * are about to ship.
   *
   * @param catalog receives entries and warnings
   * @param location the jar or folder
   * @param shadowBoot whether modules of the boot layer are loaded again rather than skipped
   */
  public static void discoverLocation(PluginCatalog catalog, Path location, boolean shadowBoot) {
    loadPlugin(catalog, location, shadowBoot);
  }

  private static void loadPlugin(PluginCatalog catalog, Path location, boolean shadowBoot) {
    // the framework's own layer: the boot layer when launched on the module path, a layer of its own in a Spark
    // executor (docs/decisions/0018-spark.md)
    ModuleLayer host = PluginLoader.class.getModule().getLayer();
    ModuleLayer boot = host != null ? host : ModuleLayer.boot();
    Set<String> roots;
    ModuleFinder finder;
    try {
      finder = ModuleFinder.of(location);
      roots =
          finder.findAll().stream()
              .map(ref -> ref.descriptor().name())
              .filter(n -> shadowBoot || boot.findModule(n).isEmpty())
              .collect(Collectors.toSet());
    } catch (FindException e) {
      catalog.warn(new PluginWarning(location.toString(), "not a valid module jar: " + rootMessage(e)));
      return;
    }
    if (roots.isEmpty()) {
      catalog.warn(new PluginWarning(location.toString(), "contains no new module; skipped"));
      return;
    }
    ModuleLayer layer;
    try {
      Configuration cf = boot.configuration().resolve(finder, ModuleFinder.of(), roots);
      layer = boot.defineModulesWithOneLoader(cf, host != null && PluginLoader.class.getClassLoader() != null
          ? PluginLoader.class.getClassLoader() : ClassLoader.getSystemClassLoader());
    } catch (FindException | ResolutionException e) {
      catalog.warn(new PluginWarning(location.toString(), "cannot resolve: " + rootMessage(e)));
      return;
    } catch (LayerInstantiationException | SecurityException e) {
      catalog.warn(new PluginWarning(location.toString(), "cannot create its layer: " + rootMessage(e)));
      return;
    }
    int before = catalog.all().values().stream().mapToInt(Map::size).sum();
    for (PluginKind kind : PluginKind.values()) {
      collect(catalog, kind, ServiceLoader.load(layer, kind.providerType()), layer, "plugins");
    }
    int after = catalog.all().values().stream().mapToInt(Map::size).sum();
    if (after == before) {
      LOG.debug("{} provides no pinnadapt plug-in", location);
    }
  }

  private static void collect(
      PluginCatalog catalog,
      PluginKind kind,
      ServiceLoader<? extends PluginProvider<?>> loader,
      ModuleLayer onlyLayer,
      String origin) {
    var iterator = loader.stream().iterator();
    while (true) {
      ServiceLoader.Provider<? extends PluginProvider<?>> handle;
      try {
        if (!iterator.hasNext()) {
          break;
        }
        handle = iterator.next();
      } catch (ServiceConfigurationError e) {
        catalog.warn(new PluginWarning(origin, "broken " + kind.label() + " provider: " + rootMessage(e)));
        continue;
      }
      Module module = handle.type().getModule();
      if (onlyLayer != null && module.getLayer() != onlyLayer) {
        continue; // found through a parent layer; reported there
      }
      PluginSource source = sourceOf(handle.type(), origin);
      PluginProvider<?> provider;
      String id;
      try {
        provider = handle.get();
        id = provider.id();
        provider.description();
        if (id == null || id.isBlank()) {
          throw new IllegalStateException("empty id");
        }
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        catalog.warn(new PluginWarning(
            source.describe(), kind.label() + " provider " + handle.type().getName() + " failed: " + rootMessage(e)));
        continue;
      }
      catalog.add(new PluginEntry(kind, provider, source));
    }
  }

  private static PluginSource sourceOf(Class<?> type, String origin) {
    Module module = type.getModule();
    Path location = null;
    if (module.isNamed() && module.getLayer() != null) {
      location =
          module.getLayer().configuration().findModule(module.getName())
              .flatMap(m -> m.reference().location())
              .map(PluginLoader::toPath)
              .orElse(null);
    } else {
      CodeSource cs = type.getProtectionDomain().getCodeSource();
      if (cs != null && cs.getLocation() != null) {
        try {
          location = Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
          location = null;
        }
      }
    }
    return new PluginSource(origin, module.isNamed() ? module.getName() : "unnamed", location);
  }

  private static Path toPath(URI uri) {
    try {
      return Path.of(uri);
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      return null; // e.g. jrt: modules of the JDK
    }
  }

  /**
   * Says which Java a class file needs: class file version 65 is Java 21 (version - 44); other messages pass.
   *
   * @param message the JVM's message
   * @return the message with the Java versions
   */
  private static final Pattern CLASS_VERSION = Pattern.compile("(?:class file version|major\\.minor version) (\\d+)");

  static String javaVersionMessage(String message) {
    Matcher m = CLASS_VERSION.matcher(String.valueOf(message));
    if (!m.find()) {
      return message;
    }
    int needs = Integer.parseInt(m.group(1)) - 44;
    return "compiled for Java " + needs + ", needs Java " + needs + " or later; this is Java "
        + Runtime.version().feature() + " (" + message + ")";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    StringBuilder sb = new StringBuilder();
    while (t != null) {
      String m = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
      m = javaVersionMessage(m);
      if (sb.indexOf(m) < 0) {
        if (sb.length() > 0) {
          sb.append(": ");
        }
        sb.append(m);
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return sb.toString().replace('\n', ' ');
  }
}
