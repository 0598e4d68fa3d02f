package org.pinnadapt.spark;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The driver side of a Spark sweep: one Spark context, one job per cell, results handed back as cells finish.
 *
 * <p>The framework calls this class through reflection with JDK types only (it lives in a class loader of its
 * own, with Spark's jars, beside the framework's module layer). A cell travels as a JSON request string and comes
 * back as a JSON result string; {@link CellTask} runs it on an executor.
 */
public final class SparkCells implements AutoCloseable {

  /**
   * Spark's logging (SLF4J's simple binding, configured by system properties): errors only, and the scheduler's
   * warnings on lost and retried tasks. The same for a cluster's executors.
   */
  static final String QUIET = "-Dorg.slf4j.simpleLogger.log.org.apache.spark=error"
      + " -Dorg.slf4j.simpleLogger.log.org.apache.spark.scheduler.TaskSetManager=warn"
      + " -Dorg.slf4j.simpleLogger.log.org.apache.hadoop=error -Dorg.slf4j.simpleLogger.log.org.sparkproject=error"
      + " -Dorg.slf4j.simpleLogger.log.io.netty=error";

  private final JavaSparkContext context;
  private final CellTask task;
  private final LostAttempts lost = new LostAttempts();

  /**
   * Starts Spark.
   *
   * @param settings {@code master} (a Spark master URL), {@code app} (the application name), {@code home}
   *     (the pinnadapt distribution: {@code modules/}, {@code classpath/}), {@code jar} (this module's jar,
   *     shipped to executors), {@code plugins} (plug-in jars to ship, separated by the path separator; may be
   *     empty), {@code pluginFolder} (the driver's plug-in folder), {@code maxFailures}; every key starting with
   *     {@code spark.} is set as is
   */
  public SparkCells(Map<String, String> settings) {
    for (String p : QUIET.split(" ")) { // unless set otherwise
      int eq = p.indexOf('=');
      if (System.getProperty(p.substring(2, eq)) == null) {
        System.setProperty(p.substring(2, eq), p.substring(eq + 1));
      }
    }
    SparkConf conf = new SparkConf()
        .setMaster(settings.get("master"))
        .setAppName(settings.getOrDefault("app", "pinnadapt sweep"))
        .set("spark.ui.enabled", "false")
        .set("spark.task.maxFailures", settings.getOrDefault("maxFailures", "4"))
        .set("spark.executorEnv.DJL_OFFLINE", "true")
        .set("spark.executorEnv.OPT_OUT_TRACKING", "true")
        .set("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE")
        .setIfMissing("spark.executor.extraJavaOptions", QUIET);
    String jar = settings.get("jar");
    if (jar != null && !jar.isEmpty()) {
      conf.setJars(new String[] {jar});
    }
    settings.forEach((k, v) -> {
      if (k.startsWith("spark.")) {
        conf.set(k, v);
      }
    });
    this.context = new JavaSparkContext(conf);
    context.sc().addSparkListener(lost);
    List<String> shipped = new ArrayList<>();
    String plugins = settings.getOrDefault("plugins", "");
    for (String p : plugins.isEmpty() ? new String[0] : plugins.split(File.pathSeparator)) {
      context.addFile(p);
      shipped.add(new File(p).getName());
    }
    this.task = new CellTask(settings.get("home"), settings.getOrDefault("pluginFolder", ""), shipped);
  }

  /**
   * Runs cells, one Spark job each, all submitted at once (Spark runs as many at a time as it has task slots).
   * Each result is handed over on the calling thread as soon as its job ends, in the order they end. Several
   * threads may call this at once (each with its own cells).
   *
   * @param requests the cells' requests
   * @param onResult called with (index in {@code requests}, result JSON) for each cell that ran
   * @param onFailure called with (index, why) for each cell whose Spark task failed every attempt
   * @param onLostAttempt called with (index, what happened) when an attempt of a cell is lost and Spark runs it
   *     again (from Spark's listener thread)
   * @throws InterruptedException when the calling thread is interrupted (its jobs are cancelled)
   */
  public void run(List<String> requests, BiConsumer<Integer, String> onResult, BiConsumer<Integer, String> onFailure,
      BiConsumer<Integer, String> onLostAttempt) throws InterruptedException {
    long key = lost.open(onLostAttempt);
    List<JavaFutureAction<List<String>>> jobs = new ArrayList<>();
    try {
      for (int i = 0; i < requests.size(); i++) {
        context.setJobDescription("cell " + i);
        context.setLocalProperty(LostAttempts.CELL, key + ":" + i);
        jobs.add(context.parallelize(List.of(requests.get(i)), 1).map(task).collectAsync());
      }
      await(jobs, onResult, onFailure);
    } catch (InterruptedException e) {
      jobs.forEach(j -> j.cancel(true));
      throw e;
    } finally {
      lost.close(key);
    }
  }

  private void await(List<JavaFutureAction<List<String>>> jobs, BiConsumer<Integer, String> onResult,
      BiConsumer<Integer, String> onFailure) throws InterruptedException {
    if (jobs.size() == 1) { // one cell: wait for it, not for the next poll
      try {
        jobs.get(0).get();
      } catch (ExecutionException e) {
        // reported below
      }
    }
    boolean[] reported = new boolean[jobs.size()];
    int left = jobs.size();
    while (left > 0) {
      boolean any = false;
      for (int i = 0; i < jobs.size(); i++) {
        if (!reported[i] && jobs.get(i).isDone()) {
          reported[i] = true;
          left--;
          any = true;
          report(i, jobs.get(i), onResult, onFailure);
        }
      }
      if (!any) {
        Thread.sleep(20);
      }
    }
  }

  private void report(int i, JavaFutureAction<List<String>> job, BiConsumer<Integer, String> onResult,
      BiConsumer<Integer, String> onFailure) throws InterruptedException {
    try {
      onResult.accept(i, job.get(0, TimeUnit.SECONDS).get(0));
    } catch (ExecutionException e) {
      if (context.sc().isStopped()) { // the JVM is going down (Ctrl-C, a kill): not the cell's failure
        throw new IllegalStateException("Spark stopped before cell " + i + " finished: " + firstLine(e.getCause()));
      }
      onFailure.accept(i, "Spark gave up on the cell: " + firstLine(e.getCause()));
    } catch (TimeoutException e) {
      throw new IllegalStateException("a finished Spark job has no result", e);
    }
  }

  private static String firstLine(Throwable t) {
    String m = t == null ? "unknown" : t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    return Arrays.stream(m.split("\n")).filter(s -> !s.isBlank()).findFirst().orElse(m).trim();
  }

  /** @return how many tasks Spark runs at once (its default parallelism) */
  public int parallelism() {
    return context.defaultParallelism();
  }

  @Override
  public void close() {
    context.stop();
  }
}
