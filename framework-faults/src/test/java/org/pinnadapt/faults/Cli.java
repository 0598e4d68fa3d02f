package org.pinnadapt.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged command line in its own process, laid out as {@code ./pinnadapt} runs it: the CLI jar and
 * {@code target/dist/modules} on the module path, {@code target/dist/classpath} on the class path.
 */
final class Cli {

  /** A small, quick run: Kovasznay, a 2x12 network, 200 points, checkpoints every 50 epochs. */
  static final List<String> QUICK = List.of("--pde", "kovasznay", "--strategy", "pinn", "--tasks", "Re=30",
      "--arch-opt", "width=12", "--arch-opt", "depth=2", "--set", "collocation=200", "--set", "boundary=40",
      "--trainer", "adam", "--set", "checkpoint-every=50", "--set", "grid=11x11", "--threads", "1", "-q");

  private static final Path TARGET = Path.of(System.getProperty("pinnadapt.cli.target", "../framework-cli/target"));
  private static final long TIMEOUT_SECONDS = 300;

  private Cli() {}

  /** @return the packaged distribution ({@code modules/}, {@code classpath/}, {@code spark/jars/}) */
  static Path dist() {
    return TARGET.resolve("dist").toAbsolutePath().normalize();
  }

  /** What one invocation did. */
  record Outcome(int exit, String out, String err) {

    /** @return the first non-blank line of standard error */
    String errorLine() {
      return err.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
    }

    /** @return the number of stack-trace lines on standard error */
    long stackLines() {
      return err.lines().filter(l -> l.stripLeading().startsWith("at ") && l.startsWith("\t")).count();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static List<String> command(List<String> jvmOptions, List<String> args) {
    Path jar;
    try (Stream<Path> s = Files.list(TARGET)) {
      jar = s.filter(p -> p.getFileName().toString().matches("framework-cli-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no framework-cli jar in " + TARGET + "; run mvn package"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xms32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-p", jar + File.pathSeparator + TARGET.resolve("dist/modules"),
        "-cp", TARGET.resolve("dist/classpath") + File.separator + "*",
        "-m", "org.pinnadapt.cli/org.pinnadapt.cli.Main"));
    cmd.addAll(args);
    return cmd;
  }

  static ProcessBuilder builder(Path cwd, List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().put("DJL_OFFLINE", "true");
    pb.environment().put("OPT_OUT_TRACKING", "true");
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().remove("PINNADAPT_PLUGINS");
    return pb;
  }

  static Outcome run(Path cwd, String... args) {
    return run(cwd, List.of(), "", List.of(args));
  }

  static Outcome run(Path cwd, List<String> args) {
    return run(cwd, List.of(), "", args);
  }

  /**
   * Runs the CLI and waits for it.
   *
   * @param cwd working folder
   * @param jvmOptions extra JVM options (e.g. a small heap)
   * @param shellPrefix a shell command run before the JVM in the same process (e.g. {@code ulimit -f 40}),
   *     or empty
   * @param args the CLI's arguments
   * @return the outcome
   */
  static Outcome run(Path cwd, List<String> jvmOptions, String shellPrefix, List<String> args) {
    List<String> cmd = command(jvmOptions, args);
    if (!shellPrefix.isEmpty()) {
      List<String> sh = new ArrayList<>(List.of("bash", "-c", shellPrefix + "; exec \"$@\"", "bash"));
      sh.addAll(cmd);
      cmd = sh;
    }
    try {
      Path out = Files.createTempFile("cli", ".out");
      Path err = Files.createTempFile("cli", ".err");
      try {
        Process p = builder(cwd, cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
          throw new AssertionError("timed out: " + String.join(" ", args));
        }
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Starts the CLI without waiting; output goes to files in {@code cwd}.
   *
   * @param cwd working folder
   * @param name prefix of the output files
   * @param args the arguments
   * @return the process
   */
  static Process start(Path cwd, String name, List<String> args) {
    return start(cwd, name, List.of(), args);
  }

  /**
   * Starts the CLI with JVM options without waiting; output goes to files in {@code cwd}.
   *
   * @param cwd working folder
   * @param name prefix of the output files
   * @param jvmOptions extra JVM options
   * @param args the arguments
   * @return the process
   */
  static Process start(Path cwd, String name, List<String> jvmOptions, List<String> args) {
    try {
      return builder(cwd, command(jvmOptions, args)).redirectOutput(cwd.resolve(name + ".out").toFile())
          .redirectError(cwd.resolve(name + ".err").toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> quick(String... more) {
    List<String> a = new ArrayList<>(List.of("run"));
    a.addAll(QUICK);
    a.addAll(Arrays.asList(more));
    return a;
  }

  /** The files of a folder (relative, sorted), hidden lock and figures aside. */
  static List<String> files(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace(File.separatorChar, '/'))
          .filter(f -> !f.startsWith("figures/")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether a process ignores SIGINT: a shell without job control starts its background jobs so, and the JVM then
   * installs no handler for it (Ctrl-C cannot reach such a process; the test that sends it cannot run).
   *
   * @param p the process
   * @return true when its SigIgn mask has SIGINT (Linux); false elsewhere
   */
  static boolean ignoresSigint(Process p) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
        if (line.startsWith("SigIgn:")) {
          return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 2L) != 0; // bit 1: signal 2
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or the process is gone
    }
    return false;
  }

  static void awaitFile(Path file, Process p, double seconds) throws InterruptedException {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (!Files.exists(file) && p.isAlive() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
  }
}
