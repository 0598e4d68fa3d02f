package org.pinnadapt.core.experiment;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.core.io.Json;

/**
 * A run folder as a transaction with an owner: created only after the input is validated, held under
 * an exclusive lock while a command works in it, and either finished, marked with why it stopped, or
 * removed when nothing was trained.
 *
 * <p>The lock is an operating-system lock on {@code .lock} (which also records the holder's PID, host
 * and start time): it dies with its process, so a lock left by a killed run is stale and taken over.
 */
public final class RunFolder implements AutoCloseable {

  /** Configuration keys a resume may change: they do not alter what was already trained. */
  public static final Set<String> RESUME_EXTENSIONS = Set.of("epochs", "time-limit", "threads", "figures",
      "checkpoint-every", "out", "provenance");

  private static final String LOCK = ".lock";
  /**
   * Folders this process holds. Closing any channel on a locked file may drop the process's lock on it
   * (POSIX), so a folder held here is answered from this set and its lock file is never reopened.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final boolean created;
  private final FileChannel channel;
  private final FileLock lock;

  private RunFolder(Path dir, boolean created, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.created = created;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates the folder if needed and takes its lock.
   *
   * @param dir the folder
   * @param info where to say that a stale lock was taken over
   * @return the held folder
   * @throws InvalidInputException if another process holds the folder or it cannot be written
   */
  public static RunFolder lock(Path dir, Consumer<String> info) {
    Path key = dir.toAbsolutePath().normalize();
    if (!HELD.add(key)) {
      throw new InvalidInputException("run folder " + dir + " is in use by this process; wait for that run to end "
          + "or choose another --out");
    }
    try {
      return lockFile(dir, info);
    } catch (RuntimeException | Error e) {
      HELD.remove(key);
      throw e;
    }
  }

  private static RunFolder lockFile(Path dir, Consumer<String> info) {
    boolean created = !Files.exists(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      throw new InvalidInputException("output folder " + dir + " is not writable: " + e.getMessage(), e);
    }
    Path file = dir.resolve(LOCK);
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      removeIfCreated(dir, created);
      throw new InvalidInputException("output folder " + dir + " is not writable: " + e.getMessage(), e);
    }
    try {
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
        ch.close();
        throw new InvalidInputException("run folder " + dir + " is in use by " + (holder.isEmpty() ? "another process"
            : holder) + "; wait for it to end or choose another --out");
      }
      if (ch.size() > 0) {
        info.accept("note: " + dir + " was locked by " + Files.readString(file, StandardCharsets.UTF_8).trim()
            + ", which has ended; taking the folder over");
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(false);
      return new RunFolder(dir, created, ch, l);
    } catch (IOException e) {
      closeQuietly(ch);
      removeIfCreated(dir, created);
      throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  private static String holder() {
    return "pid " + ProcessHandle.current().pid() + " on " + hostName() + " (since " + LocalDateTime.now().withNano(0)
        + ")";
  }

  /**
   * This machine's name, as lock holders and sweep workers are named.
   *
   * @return the host name ({@code $HOSTNAME} or {@code localhost} when it cannot be resolved)
   */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      return Objects.requireNonNullElse(System.getenv("HOSTNAME"), "localhost");
    }
  }

  /** @return the folder */
  public Path path() {
    return dir;
  }

  /** @return whether this command created the folder */
  public boolean created() {
    return created;
  }

  /**
   * Checks that the folder may take a new run ({@code resume == false}) or be resumed, and removes
   * half-written temporary files a killed process left behind.
   *
   * @param resume whether the run continues the folder's run
   * @param info where to report removed files
   */
  public void checkState(boolean resume, Consumer<String> info) {
    Path config = dir.resolve("config.json");
    if (!resume && Files.exists(config)) {
      throw new InvalidInputException("run folder " + dir + " already holds a run; use --resume to continue it or "
          + "--out to choose another folder");
    }
    if (!resume && (Files.exists(dir.resolve("checkpoints")) || Files.exists(dir.resolve("solutions")))) {
      throw new InvalidInputException("run folder " + dir + " holds checkpoints or solutions of an earlier run but no "
          + "config.json; a new run will not continue them: choose another --out or delete the folder");
    }
    if (resume && !Files.exists(config)) {
      throw new InvalidInputException("nothing to resume: " + dir + " has no config.json");
    }
    int removed = removeTemporaryFiles();
    if (removed > 0) {
      info.accept("removed " + removed + " half-written temporary file(s) left in " + dir);
    }
  }

  private int removeTemporaryFiles() {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> tmp = files.filter(p -> p.getFileName().toString().startsWith(".")
          && p.getFileName().toString().endsWith(".tmp") && Files.isRegularFile(p)).toList();
      for (Path p : tmp) {
        Files.deleteIfExists(p);
      }
      return tmp.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The configuration a run folder recorded, for resuming it.
   *
   * @param dir the run folder
   * @return the recorded configuration
   * @throws InvalidInputException if {@code config.json} is missing or unreadable
   */
  public static Map<String, Object> recordedConfig(Path dir) {
    Path file = dir.resolve("config.json");
    try {
      Map<String, Object> m = Json.json().readValue(Files.readAllBytes(file),
          new TypeReference<Map<String, Object>>() {});
      if (m == null || !m.containsKey("pde") || !m.containsKey("strategy")) {
        throw new InvalidInputException(file + " is incomplete (no pde or strategy); the run cannot be resumed");
      }
      return m;
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("nothing to resume: " + dir + " has no config.json");
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new InvalidInputException(file + " is damaged (" + msg + "); the run cannot be resumed", e);
    }
  }

  /**
   * Compares a resume's configuration with the recorded one.
   *
   * @param recorded the folder's {@code config.json}
   * @param resolved the resume's resolved configuration
   * @return the changes that are documented extensions, as {@code key: old -> new}
   * @throws InvalidInputException naming the first change that would alter the result
   */
  public static Map<String, List<Object>> resumeChanges(Map<String, Object> recorded, Map<String, Object> resolved) {
    Map<String, List<Object>> extensions = new LinkedHashMap<>();
    List<String> refused = new ArrayList<>();
    for (Map.Entry<String, Object> e : resolved.entrySet()) {
      String key = e.getKey();
      if (key.equals("provenance") || key.equals("out") || !recorded.containsKey(key)) {
        continue;
      }
      Object was = recorded.get(key);
      if (same(was, e.getValue())) {
        continue;
      }
      if (was instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) { // name the option that differs
        Set<Object> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (Object k : keys) {
          if (!same(a.get(k), b.get(k))) {
            refused.add(key + "." + k + " (recorded " + Json.compact(a.get(k)) + ", now " + Json.compact(b.get(k))
                + ")");
          }
        }
        continue;
      }
      if (RESUME_EXTENSIONS.contains(key) && !(key.equals("epochs") && number(e.getValue()) < number(was))) {
        extensions.put(key, List.of(was, e.getValue()));
      } else {
        refused.add(key + " (recorded " + Json.compact(was) + ", now " + Json.compact(e.getValue()) + ")");
      }
    }
    if (!refused.isEmpty()) {
      throw new InvalidInputException("--resume would change " + String.join(", ", refused) + "; a resumed run keeps "
          + "its recorded configuration (it may only raise epochs or change " + String.join(", ",
          RESUME_EXTENSIONS.stream().filter(k -> !k.equals("epochs") && !k.equals("provenance") && !k.equals("out"))
              .sorted().toList()) + ")");
    }
    return extensions;
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      return x.keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
    }
    return Objects.equals(a == null ? null : a.toString(), b == null ? null : b.toString());
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(o));
  }

  /** @return whether anything trained is in the folder (a checkpoint, a solution, a base network) */
  public boolean holdsTrainedState() {
    for (String sub : List.of("checkpoints", "solutions", "base", "state")) {
      Path p = dir.resolve(sub);
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          if (s.findAny().isPresent()) {
            return true;
          }
        } catch (IOException e) {
          return true;
        }
      }
    }
    return false;
  }

  /** Removes the folder this command created (nothing was trained in it). */
  public void discard() {
    release();
    if (created) {
      deleteTree(dir);
    }
  }

  @Override
  public void close() {
    release();
  }

  private void release() {
    if (!channel.isOpen()) {
      return;
    }
    try {
      Files.deleteIfExists(dir.resolve(LOCK));
      lock.release();
    } catch (IOException e) {
      // the lock dies with the channel anyway
    } finally {
      closeQuietly(channel);
      HELD.remove(dir.toAbsolutePath().normalize());
    }
  }

  /**
   * Whether another process holds a folder's lock now.
   *
   * @param dir the folder
   * @return the holder's description, or null when nobody holds it
   */
  public static String holder(Path dir) {
    if (HELD.contains(dir.toAbsolutePath().normalize())) {
      return "this process";
    }
    Path file = dir.resolve(LOCK);
    if (!Files.exists(file)) {
      return null;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock l = ch.tryLock();
      if (l != null) {
        l.release();
        return null;
      }
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (OverlappingFileLockException e) {
      return "this process";
    } catch (IOException e) {
      return null;
    }
  }

  private static void removeIfCreated(Path dir, boolean created) {
    if (created) {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) {
    try {
      RunFiles.deleteTree(dir);
    } catch (UncheckedIOException e) {
      // best effort: what could not be removed stays
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }

  /**
   * Fails early, before any training, if a folder cannot be created or written.
   *
   * @param dir the folder
   */
  public static void checkWritable(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new InvalidInputException("output folder " + dir + " is not writable: " + e.getMessage(), e);
    }
  }}
