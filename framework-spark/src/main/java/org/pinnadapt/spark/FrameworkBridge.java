package org.pinnadapt.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the framework's cell worker in this JVM, once per JVM.
 *
 * <p>In the driver's JVM (Spark's local mode) the framework's modules are in the boot layer and its worker uses
 * the driver's framework. In an executor JVM of a cluster, which runs on Spark's class path, the framework is
 * loaded from the pinnadapt distribution into a module layer of its own: its {@code modules/} folder as modules,
 * its {@code classpath/} folder (the native jars) in a class loader below that layer. Nothing of the framework
 * sees Spark's jars and nothing of Spark sees the framework's: only JDK types cross.
 */
final class FrameworkBridge {

  static final String SWEEP_MODULE = "org.pinnadapt.sweep";
  static final String WORKER = "org.pinnadapt.sweep.CellWorker";

  private static BiFunction<String, String, String> worker;

  private FrameworkBridge() {}

  /**
   * The worker of this JVM.
   *
   * @param home the pinnadapt distribution, used when the boot layer has no framework
   * @return {@code (request, plug-in folder) -> result}
   */
  static synchronized BiFunction<String, String, String> worker(String home) {
    if (worker == null) {
      Optional<Module> booted = ModuleLayer.boot().findModule(SWEEP_MODULE);
      ClassLoader loader = booted.isPresent() ? booted.get().getClassLoader() : layer(home).findLoader(SWEEP_MODULE);
      worker = call(loader);
    }
    return worker;
  }

  private static BiFunction<String, String, String> call(ClassLoader loader) {
    Method run;
    try {
      run = Class.forName(WORKER, true, loader).getMethod("run", String.class, String.class);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the pinnadapt distribution has no " + WORKER + ": " + e, e);
    }
    return (request, plugins) -> {
      Thread t = Thread.currentThread();
      ClassLoader before = t.getContextClassLoader();
      t.setContextClassLoader(loader); // native libraries and service files are found through it
      try {
        return (String) run.invoke(null, request, plugins);
      } catch (InvocationTargetException e) {
        Throwable c = e.getCause();
        if (c instanceof Error err) {
          throw err;
        }
        throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      } finally {
        t.setContextClassLoader(before);
      }
    };
  }

  /** The framework's modules from a distribution folder, in a layer of their own. */
  static ModuleLayer layer(String home) {
    Path dist = Path.of(home == null ? "" : home);
    Path modules = dist.resolve("modules");
    Path classpath = dist.resolve("classpath");
    if (!Files.isDirectory(modules) || !Files.isDirectory(classpath)) {
      throw new IllegalStateException("pinnadapt is not installed at " + dist.toAbsolutePath() + " on "
          + host() + ": every worker machine needs the same build at the same path (modules/, classpath/)");
    }
    ModuleFinder finder = ModuleFinder.of(modules);
    Set<String> roots = finder.findAll().stream().map(ModuleReference::descriptor)
        .map(d -> d.name()).filter(n -> n.startsWith("org.pinnadapt.")).collect(Collectors.toSet());
    Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), roots);
    ClassLoader natives = new URLClassLoader("pinnadapt-classpath", urls(classpath),
        ClassLoader.getPlatformClassLoader());
    return ModuleLayer.boot().defineModulesWithOneLoader(cf, natives);
  }

  private static URL[] urls(Path folder) {
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> s = Files.list(folder)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(p.toUri().toURL());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return urls.toArray(new URL[0]);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "this machine";
    }
  }
}
