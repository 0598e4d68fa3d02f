package org.pinnadapt.api.base;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Validated option values of one plug-in: every value parsed by its {@link OptionSpec}, defaults
 * filled in, unknown names rejected.
 */
public final class Options {

  private static final Options EMPTY = new Options(Map.of());

  private final Map<String, Object> values;

  private Options(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * No options.
   *
   * @return an empty instance
   */
  public static Options empty() {
    return EMPTY;
  }

  /**
   * Parses raw values against specifications.
   *
   * @param specs the option specifications of the plug-in
   * @param raw raw values by name (strings or typed values); may be empty
   * @param owner the plug-in, for messages, e.g. {@code strategy 'lora'}
   * @return the validated options with defaults filled in
   * @throws InvalidInputException for an unknown name, a malformed value, or a missing required one
   */
  public static Options parse(List<OptionSpec> specs, Map<String, ?> raw, String owner) {
    Map<String, OptionSpec> byName = new LinkedHashMap<>();
    for (OptionSpec s : specs) {
      byName.put(s.name(), s);
    }
    for (String key : raw.keySet()) {
      if (!byName.containsKey(key)) {
        throw new InvalidInputException(
            "unknown option '" + key + "' for " + owner + "; known options: "
                + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
      }
    }
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (OptionSpec s : specs) {
      Object value = raw.get(s.name());
      if (value == null) {
        if (s.defaultValue() == null) {
          throw new InvalidInputException("option '" + s.name() + "' of " + owner + " is required");
        }
        value = s.defaultValue();
      }
      parsed.put(s.name(), s.parse(value, owner));
    }
    return new Options(parsed);
  }

  /**
   * The value of an integer option.
   *
   * @param name option name
   * @return the value
   */
  public int getInt(String name) {
    return (Integer) require(name);
  }

  /**
   * The value of a double option.
   *
   * @param name option name
   * @return the value
   */
  public double getDouble(String name) {
    return ((Number) require(name)).doubleValue();
  }

  /**
   * The value of a boolean option.
   *
   * @param name option name
   * @return the value
   */
  public boolean getBoolean(String name) {
    return (Boolean) require(name);
  }

  /**
   * The value of a text or choice option.
   *
   * @param name option name
   * @return the value
   */
  public String getString(String name) {
    return (String) require(name);
  }

  /**
   * The value of an integer-list option.
   *
   * @param name option name
   * @return the value
   */
  @SuppressWarnings("unchecked")
  public List<Integer> getIntList(String name) {
    return (List<Integer>) require(name);
  }

  /**
   * Whether an option is present.
   *
   * @param name option name
   * @return {@code true} if the option exists
   */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /**
   * All values by name, in specification order.
   *
   * @return an unmodifiable map
   */
  public Map<String, Object> asMap() {
    return values;
  }

  private Object require(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no option '" + name + "'; known: " + values.keySet());
    }
    return v;
  }

  @Override
  public String toString() {
    return values.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
