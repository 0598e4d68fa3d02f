package org.pinnadapt.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pinnadapt.api.base.InvalidInputException;

/** Helpers that turn command-line key=value lists into configuration maps. */
final class ConfigOptions {

  private ConfigOptions() {}

  static Map<String, Object> pairs(Map<String, String> raw) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (raw != null) {
      m.putAll(raw);
    }
    return m;
  }

  static void put(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  static void putMap(Map<String, Object> m, String key, Map<String, String> raw, Map<String, Object> base) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> merged = new LinkedHashMap<>(base == null ? Map.of() : base);
    merged.putAll(raw);
    m.put(key, merged);
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new InvalidInputException(message);
    }
  }
}
