package org.pinnadapt.core.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.pinnadapt.core.io.AtomicFiles;
import org.pinnadapt.core.io.Json;

/**
 * A folder of base networks shared between runs (config key {@code base-cache}; a sweep sets it to its
 * {@code bases/} folder): a base is trained once per distinct setting and loaded by every later run that has the
 * same setting, in this process or another. The setting is every configuration key except those that cannot
 * change the base (the tasks, the strategy and its options, where and how often things are written, the
 * evaluation grid); a run with a time limit never shares its base (where training stops depends on the clock).
 */
final class BaseCache {

  /** Keys that do not change the base network. */
  private static final Set<String> NOT_BASE = Set.of("out", "tasks", "task-file", "max-tasks", "strategy",
      "strategy-options", "figures", "checkpoint-every", "threads", "grid", "base", "base-cache", "sweep",
      "provenance", "monitor-every", "monitor-fields", "monitor-metric");

  private static final Map<Path, ReentrantLock> HELD = new ConcurrentHashMap<>();

  private BaseCache() {}

  /**
   * The shared base file of a configuration.
   *
   * @param config the run's configuration
   * @return {@code base-cache/<key>/base.params}, or null when the configuration shares no base
   */
  static Path file(ExperimentConfig config) {
    String dir = config.string("base-cache");
    if (dir == null || dir.isBlank() || config.real("time-limit") > 0
        || (config.string("base") != null && !config.string("base").isBlank())) {
      return null;
    }
    return Path.of(dir).resolve(key(config)).resolve("base.params");
  }

  /** A digest of the keys that shape the base network (epochs only when the base trains as long as the tasks). */
  static String key(ExperimentConfig config) {
    TreeMap<String, Object> m = new TreeMap<>();
    config.toMap().forEach((k, v) -> {
      if (!NOT_BASE.contains(k) && !(k.equals("epochs") && config.integer("base-epochs") >= 0)) {
        m.put(k, v instanceof Map<?, ?> map ? new TreeMap<>(map) : v);
      }
    });
    return digest(m);
  }

  private static String digest(Object value) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(Json.compact(value).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Holds a shared base while it is looked up or trained: other threads and processes that want the same base
   * wait, then load it.
   *
   * @param file the shared base file
   * @return the held lock; close it
   */
  static Held hold(Path file) {
    ReentrantLock mine = HELD.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new ReentrantLock());
    mine.lock();
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file.resolveSibling("base.lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      return new Held(mine, channel, channel.lock());
    } catch (IOException | RuntimeException e) {
      mine.unlock();
      throw new UncheckedIOException("cannot lock the shared base " + file, e instanceof IOException io ? io
          : new IOException(e));
    }
  }

  /**
   * Publishes a freshly trained base: a copy to a temporary file, then a rename.
   *
   * @param trained the run's own base file
   * @param file the shared base file
   */
  static void publish(Path trained, Path file) {
    try {
      AtomicFiles.write(file, Files.readAllBytes(trained));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot share the base network in " + file, e);
    }
  }

  /**
   * Where runs sharing a base share their solutions of a task by a strategy: the per-task L-PINNs a hypernetwork
   * learns from (B2, B3) can come from a sweep of those tasks, run anywhere, instead of being trained inside it.
   *
   * @param sharedBase the shared base file ({@link #file})
   * @param strategy the strategy id
   * @param options its options, all of them (defaults included)
   * @param task the task's file name
   * @return {@code base-cache/<key>/solutions/<strategy>-<digest of the options>/<task>.params}
   */
  static Path solution(Path sharedBase, String strategy, Map<String, ?> options, String task) {
    return sharedBase.resolveSibling("solutions").resolve(strategy + "-" + digest(new TreeMap<>(options)))
        .resolve(task + ".params");
  }

  /** A held shared base. */
  record Held(ReentrantLock mine, FileChannel channel, FileLock lock) implements AutoCloseable {
    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // closing the channel releases the lock in any case
      } finally {
        mine.unlock();
      }
    }
  }
}
