package org.pinnadapt.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader never sees a half-written one: the content goes to a temporary file
 * in the same folder, which is then renamed over the target.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Writes bytes atomically.
   *
   * @param target the file
   * @param content the bytes
   */
  public static void write(Path target, byte[] content) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      // Files.createFile (unlike createTempFile, which forces 0600) gives the mode the umask allows
      Path tmp = Files.createFile(dir.resolve("." + target.getFileName() + "." + Long.toHexString(
          ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp"));
      try {
        Files.write(tmp, content);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes text (UTF-8) atomically.
   *
   * @param target the file
   * @param text the text
   */
  public static void writeString(Path target, String text) {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }
}
