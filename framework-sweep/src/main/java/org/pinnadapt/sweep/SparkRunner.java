package org.pinnadapt.sweep;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
  private final CompletableFuture<AutoCloseable> cells;
  private final Method run;
  private final Map<String, Object> workerSettings;
  private final int parallelism;
  private final Consumer<String> info;
  private final Map<String, Object> recorded;
  private final PinnAdapt localFramework;
  private final AtomicInteger onThreads = new AtomicInteger();
  private final AtomicInteger onSpark = new AtomicInteger();
  private final AtomicBoolean told = new AtomicBoolean();

  private SparkRunner(URLClassLoader loader, CompletableFuture<AutoCloseable> cells, Method run,
      Map<String, Object> workerSettings, int parallelism, Consumer<String> info, Map<String, Object> recorded,
      PinnAdapt localFramework) {
    this.info = info;
    this.recorded = recorded;
    this.loader = loader;
    this.cells = cells;
    this.run = run;
    this.workerSettings = workerSettings;
    this.parallelism = parallelism;
    this.localFramework = localFramework;
  }

  /**
   * Starts Spark. The master URL is checked first (a standalone master must answer), so bad input writes nothing.
   * A cluster is joined before this returns; embedded Spark ({@code local[workers]}) starts in the background
   * while the first cells run.
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
    Method run;
    Constructor<?> create;
    try {
      Class<?> bridge = Class.forName("org.pinnadapt.spark.SparkCells", true, loader);
      run = bridge.getMethod("run", List.class, BiConsumer.class, BiConsumer.class, BiConsumer.class);
      create = bridge.getConstructor(Map.class);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new EnvironmentException("Spark's jars in " + jars + " are incomplete: " + e);
    }
    if (m.local()) { // Spark starts (about 3 s) while the first cells run on this JVM's threads (see run)
      CellWorker.useFramework(framework);
      CompletableFuture<AutoCloseable> cells = new CompletableFuture<>();
      Thread starting = new Thread(() -> cells.complete(create(create, loader, m.url(), settings)), "spark-start");
      starting.setDaemon(true);
      starting.setUncaughtExceptionHandler((th, e) -> cells.completeExceptionally(e));
      starting.start();
      return new SparkRunner(loader, cells, run, workerSettings, workers, info, Map.of("workers", workers),
          framework);
    }
    AutoCloseable cells = create(create, loader, m.url(), settings);
    int parallelism;
    try {
      parallelism = (int) cells.getClass().getMethod("parallelism").invoke(cells);
    } catch (ReflectiveOperationException e) {
      throw new EnvironmentException("the Spark bridge in " + jars + " has no parallelism: " + e);
    }
    return new SparkRunner(loader, CompletableFuture.completedFuture(cells), run, workerSettings,
        Math.max(1, parallelism), info, Map.of("workers", workers, "master", m.url()), null);
  }

  /** Creates the Spark context, with Spark's loader as the context loader of the threads it starts. */
  private static AutoCloseable create(Constructor<?> create, ClassLoader loader, String url,
      Map<String, String> settings) {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(loader); // Spark's executors in this JVM load the tasks through it
    try {
      return (AutoCloseable) create.newInstance(settings);
    } catch (InvocationTargetException e) {
      throw new EnvironmentException("Spark did not start (" + url + "): " + Sparks.firstLine(e.getCause()));
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new EnvironmentException("Spark did not start (" + url + "): " + e);
    } finally {
      t.setContextClassLoader(before);
    }
  }

  /**
   * Runs the cells. On a cluster, all are submitted at once. In local mode, {@code workers} lanes take the cells
   * one by one: each runs its cell as a Spark job once Spark has started, and on its own thread (the same
   * framework, the same code an executor of this JVM would run) until then, so that Spark's start costs no
   * time; cells never run more than {@code workers} at once.
   */
  @Override
  public void run(List<SweepCell> todo, Path sweepFolder, Consumer<CellResult> done) {
    Consumer<CellResult> report = Lanes.serialized(done);
    if (localFramework == null) {
      onSpark(todo, sweepFolder, report);
      return;
    }
    Lanes.run(parallelism, todo, cell -> {
      if (sparkStarted()) {
        if (!told.getAndSet(true)) {
          info.accept("Spark (local[" + parallelism + "]) is up; it runs the cells from now on ("
              + onThreads.get() + " started while it started)");
        }
        onSpark(List.of(cell), sweepFolder, report);
      } else {
        onThreads.incrementAndGet();
        report.accept(CellExecution.run(localFramework, cell, sweepFolder));
      }
    });
  }

  /**
   * Waits until Spark has started (a cluster has before {@link #start} returns).
   *
   * @return this runner
   */
  public SparkRunner awaitStarted() {
    try {
      cells.join();
    } catch (CompletionException e) {
      sparkStarted(); // rethrows the start's failure
    }
    return this;
  }

  /** @return cells run so far as Spark jobs, and (local mode) on this JVM's threads while Spark started */
  public Map<String, Integer> cellsRun() {
    return Map.of("spark", onSpark.get(), "threads", onThreads.get());
  }

  /** @return whether Spark is up; throws when it failed to start */
  private boolean sparkStarted() {
    if (!cells.isDone()) {
      return false;
    }
    try {
      cells.join();
      return true;
    } catch (CompletionException e) { // Spark did not start: the sweep stops, the cells done so far are kept
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private void onSpark(List<SweepCell> todo, Path sweepFolder, Consumer<CellResult> done) {
    onSpark.addAndGet(todo.size());
    List<String> requests = todo.stream().map(c -> CellWorker.request(c, sweepFolder, workerSettings)).toList();
    BiConsumer<Integer, String> onResult = (i, text) -> {
      SweepCell cell = todo.get(i);
      CellWorker.unpack(cell, text, sweepFolder);
      done.accept(CellWorker.result(cell, text));
    };
    BiConsumer<Integer, String> onFailure = (i, why) ->
        done.accept(new CellResult(todo.get(i), "failed", Double.NaN, Double.NaN, 0, 0, "spark", why, false));
    BiConsumer<Integer, String> onLost = (i, what) ->
        info.accept("cell " + todo.get(i).id() + ": " + what + "; Spark runs it again");
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      run.invoke(cells.join(), requests, onResult, onFailure, onLost);
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
      cells.join().close(); // a Spark still starting is stopped once started
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
