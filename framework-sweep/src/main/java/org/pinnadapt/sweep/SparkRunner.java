package org.pinnadapt.sweep;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.runtime.EnvironmentException;

/**
 * Runs cells as Spark jobs, one job per cell: embedded in this JVM ({@code local[N]}, Spark's threads train in
 * this process's framework) or on a cluster by its master URL (each executor JVM loads the framework once, from
 * the same distribution path, in a module layer of its own).
 *
 * <p>Spark is not modular and brings its own versions of libraries the framework uses (Jackson above all): its
 * jars ({@code dist/spark/jars}) are loaded in a class loader of their own whose parent is the platform loader,
 * and only JDK types cross between the two (docs/decisions/0018-spark.md).
 */
public final class SparkRunner implements SweepRunner {

  /**
   * One loader for Spark's jars per JVM, never closed (Hadoop's shutdown hooks load classes from it at exit): a
   * JVM that runs many sweeps (a Java program, a server) loads Spark's classes once.
   */
  private static final Map<Path, URLClassLoader> LOADERS = new ConcurrentHashMap<>();

  /** Attempts per cell: a cell whose executor dies is run again, up to this many times in all. */
  public static final int ATTEMPTS = 4;

  private final URLClassLoader loader;
  private final AutoCloseable cells;
  private final Method run;
  private final Map<String, Object> workerSettings;
  private final int parallelism;
  private final Consumer<String> info;
  private final Map<String, Object> recorded;

  private SparkRunner(URLClassLoader loader, AutoCloseable cells, Map<String, Object> workerSettings,
      int parallelism, Consumer<String> info, Map<String, Object> recorded) {
    this.info = info;
    this.recorded = recorded;
    this.loader = loader;
    this.cells = cells;
    this.workerSettings = workerSettings;
    this.parallelism = parallelism;
    try {
      this.run = cells.getClass().getMethod("run", List.class, BiConsumer.class, BiConsumer.class, BiConsumer.class);
    } catch (NoSuchMethodException e) {
      throw new EnvironmentException("the Spark bridge in " + Sparks.home() + " has no run method: " + e);
    }
  }

  /**
   * Starts Spark. The master URL is checked first (a standalone master must answer), so bad input writes nothing.
   *
   * @param master a Spark master URL, or null for {@code local[workers]}
   * @param workers cells at once in local mode
   * @param sparkConf Spark settings ({@code spark.*}) for this sweep
   * @param framework the driver's framework (local mode trains in it)
   * @param pluginFolder the plug-in folder (its jars are shipped to a cluster's executors), or null
   * @param workerSettings the framework of a cluster's executors: {@code device}, {@code precision}, {@code threads}
   * @param info messages (an attempt of a cell lost, run again)
   * @return the runner; close it
   */
  public static SparkRunner start(String master, int workers, Map<String, String> sparkConf, PinnAdapt framework,
      Path pluginFolder, Map<String, Object> workerSettings, Consumer<String> info) {
    SparkMaster m = SparkMaster.parse(master, workers, ATTEMPTS);
    m.checkReachable();
    Path home = Sparks.home();
    Path jars = Sparks.jars(home);
    Map<String, String> settings = new LinkedHashMap<>(sparkConf);
    settings.put("master", m.url());
    settings.put("app", "pinnadapt sweep");
    settings.put("home", home.toString());
    settings.put("jar", Sparks.bridgeJar(jars).toString());
    settings.put("maxFailures", Integer.toString(ATTEMPTS));
    settings.put("pluginFolder", pluginFolder == null ? "" : pluginFolder.toAbsolutePath().toString());
    settings.put("plugins", pluginJars(pluginFolder));
    if (m.loopback()) {
      settings.putIfAbsent("spark.driver.host", "127.0.0.1");
      settings.putIfAbsent("spark.driver.bindAddress", "127.0.0.1");
    }
    URLClassLoader loader = LOADERS.computeIfAbsent(jars, j -> new SparkLoader(urls(j)));
    if (m.local()) { // the native engine starts while Spark does (about 1 s of the 3 s Spark takes to start)
      Thread warm = new Thread(() -> {
        try {
          framework.runtime();
        } catch (RuntimeException e) {
          // the first cell reports it
        }
      }, "engine-start");
      warm.setDaemon(true);
      warm.start();
    }
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(loader); // Spark's executors in this JVM load the tasks through it
    try {
      AutoCloseable cells = (AutoCloseable) Class.forName("org.pinnadapt.spark.SparkCells", true, loader)
          .getConstructor(Map.class).newInstance(settings);
      CellWorker.useFramework(m.local() ? framework : null);
      int parallelism = m.local() ? workers
          : (int) cells.getClass().getMethod("parallelism").invoke(cells);
      return new SparkRunner(loader, cells, workerSettings, Math.max(1, parallelism), info,
          m.local() ? Map.of("workers", workers) : Map.of("workers", workers, "master", m.url()));
    } catch (InvocationTargetException e) {
      throw new EnvironmentException("Spark did not start (" + m.url() + "): " + Sparks.firstLine(e.getCause()));
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new EnvironmentException("Spark's jars in " + jars + " are incomplete: " + e);
    } finally {
      t.setContextClassLoader(before);
    }
  }

  @Override
  public void run(List<SweepCell> todo, Path sweepFolder, Consumer<CellResult> done) {
    List<String> requests = todo.stream().map(c -> CellWorker.request(c, sweepFolder, workerSettings)).toList();
    BiConsumer<Integer, String> onResult = (i, text) -> {
      SweepCell cell = todo.get(i);
      CellWorker.unpack(cell, text, sweepFolder);
      done.accept(CellWorker.result(cell, text));
    };
    BiConsumer<Integer, String> onFailure = (i, why) ->
        done.accept(new CellResult(todo.get(i), "failed", Double.NaN, Double.NaN, 0, 0, "spark", why));
    BiConsumer<Integer, String> onLost = (i, what) ->
        info.accept("cell " + todo.get(i).id() + ": " + what + "; Spark runs it again");
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      run.invoke(cells, requests, onResult, onFailure, onLost);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("sweep interrupted", e.getCause());
      }
      throw e.getCause() instanceof RuntimeException r ? r
          : new IllegalStateException("Spark failed: " + Sparks.firstLine(e.getCause()), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } finally {
      t.setContextClassLoader(before);
    }
  }

  @Override
  public Map<String, Object> recorded() {
    return recorded;
  }

  @Override
  public int parallelism() {
    return parallelism;
  }

  @Override
  public void close() {
    try {
      cells.close();
    } catch (Exception e) {
      // Spark stopping badly must not hide the sweep's outcome
    } finally {
      CellWorker.useFramework(null);
      // the loader stays open and is shared by later sweeps of this JVM (LOADERS)
    }
  }

  private static String pluginJars(Path folder) {
    if (folder == null || !Files.isDirectory(folder)) {
      return "";
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.toString().endsWith(".jar")).map(p -> p.toAbsolutePath().toString()).sorted()
          .collect(Collectors.joining(File.pathSeparator));
    } catch (IOException e) {
      return "";
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static URL[] urls(Path jars) {
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> s = Files.list(jars)) {
      // the biggest first: a class is looked up jar after jar, and most of Spark's are in a few big jars
      for (Path p : s.filter(p -> p.toString().endsWith(".jar"))
          .sorted(Comparator.comparingLong(SparkRunner::size).reversed().thenComparing(Comparator.naturalOrder()))
          .toList()) {
        urls.add(p.toUri().toURL());
      }
    } catch (IOException e) {
      throw new EnvironmentException("cannot list Spark's jars in " + jars + ": " + e.getMessage());
    }
    return urls.toArray(new URL[0]);
  }
}
