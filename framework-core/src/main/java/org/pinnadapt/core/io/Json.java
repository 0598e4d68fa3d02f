package org.pinnadapt.core.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

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
}
