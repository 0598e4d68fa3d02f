package org.pinnadapt.core.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Shared Jackson mappers. */
public final class Json {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Json() {}

  /**
   * The JSON mapper (pretty-printing).
   *
   * @return the mapper
   */
  public static ObjectMapper json() {
    return JSON;
  }

  /**
   * The YAML mapper.
   *
   * @return the mapper
   */
  public static ObjectMapper yaml() {
    return YAML;
  }

  /**
   * A value as one line of JSON, for messages.
   *
   * @param value the value
   * @return its JSON text
   */
  public static String compact(Object value) {
    try {
      return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    } catch (IOException e) {
      return String.valueOf(value);
    }
  }

  /**
   * Writes a value as pretty-printed JSON, atomically (a temporary file, then a rename): a reader never sees a
   * half-written file, and a failure leaves the previous one in place.
   *
   * @param file the file
   * @param value the value
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(Path file, Object value) {
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
