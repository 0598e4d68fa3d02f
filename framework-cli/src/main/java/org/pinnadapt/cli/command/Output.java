package org.pinnadapt.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.pinnadapt.core.io.AtomicFiles;
import org.pinnadapt.core.io.Json;

/** Writes command outputs atomically. */
public final class Output {

  private Output() {}

  /**
   * Writes JSON atomically.
   *
   * @param file the file
   * @param value the value
   */
  public static void writeJson(Path file, Object value) {
    try {
      AtomicFiles.write(file, Json.json().writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
