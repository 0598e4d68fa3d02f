package org.pinnadapt.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on this machine: a master and workers as separate JVMs from the distribution's
 * Spark jars ({@code dist/spark/jars}, the SPARK_HOME the workers launch executors from), bound to 127.0.0.1,
 * each worker with one core; everything (executors included) is killed on close.
 */
final class SparkCluster implements AutoCloseable {

  private static final Pattern ALIVE = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

  private final Path sparkHome;
  private final Path work;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();
  private final int port;
  private final int webPort;

  SparkCluster(Path sparkHome, Path work, int workerCount) {
    this.sparkHome = sparkHome;
    this.work = work;
    this.port = freePort();
    this.webPort = freePort();
    this.master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
        "--port", Integer.toString(port), "--webui-port", Integer.toString(webPort)));
    try {
      for (int i = 0; i < workerCount; i++) {
        workers.add(start("worker" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
            "--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()),
            "--work-dir", work.resolve("worker" + i).toString(), url())));
      }
      awaitWorkers(workerCount);
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** @return the master's URL */
  String url() {
    return "spark://127.0.0.1:" + port;
  }

  /** Kills a worker and the executor it launched, as a machine failing would (SIGKILL). */
  void kill(int worker) throws InterruptedException {
    Process w = workers.get(worker);
    w.descendants().forEach(ProcessHandle::destroyForcibly);
    w.destroyForcibly().waitFor();
  }

  /**
   * The worker whose executor has a process id.
   *
   * @param executorPid the executor's process id
   * @return the worker's index, or -1
   */
  int workerOf(long executorPid) {
    for (int i = 0; i < workers.size(); i++) {
      if (workers.get(i).descendants().anyMatch(h -> h.pid() == executorPid)) {
        return i;
      }
    }
    return -1;
  }

  /** @return the process ids of the executors running now */
  List<Long> executors() {
    return workers.stream().flatMap(Process::descendants).filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid).toList();
  }

  private Process start(String name, List<String> mainAndArgs) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-XX:+UseSerialGC", "-cp", sparkHome.resolve("jars") + File.separator + "*"));
    cmd.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
        .redirectOutput(work.resolve(name + ".log").toFile()).redirectErrorStream(true);
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitWorkers(int n) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long end = System.nanoTime() + 90_000_000_000L;
    String last = "";
    while (System.nanoTime() < end) {
      try {
        last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = ALIVE.matcher(last);
        if (m.find() && Integer.parseInt(m.group(1)) >= n) {
          return;
        }
      } catch (IOException e) {
        last = e.toString(); // not up yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      if (!master.isAlive()) {
        throw new AssertionError("the Spark master exited with " + master.exitValue());
      }
      sleep();
    }
    throw new AssertionError("the Spark cluster did not get " + n + " workers in 90 s: " + last);
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    List<Process> all = new ArrayList<>(workers);
    all.add(master);
    for (Process p : all) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : all) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
