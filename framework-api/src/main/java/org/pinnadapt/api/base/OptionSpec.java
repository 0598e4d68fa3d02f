package org.pinnadapt.api.base;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The specification of one configuration option of a plug-in: its name, type, default, range and
 * description. Values arrive as strings (command line, configuration files) or as Java values
 * (programmatic composition) and are parsed and validated by {@link #parse(Object, String)}.
 *
 * @param name the option name, e.g. {@code rank}
 * @param type the value type
 * @param defaultValue the default, as text; {@code null} if the option is required
 * @param description one line for {@code --help} and {@code pinnadapt plugins}
 * @param choices the allowed values of a {@link Type#CHOICE} option; empty otherwise
 * @param min the smallest allowed numeric value (inclusive)
 * @param max the largest allowed numeric value (inclusive)
 */
public record OptionSpec(
    String name,
    Type type,
    String defaultValue,
    String description,
    List<String> choices,
    double min,
    double max) {

  /** Value types of options. */
  public enum Type {
    /** A 32-bit integer. */
    INT,
    /** A double. */
    DOUBLE,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** Free text. */
    STRING,
    /** One of {@link OptionSpec#choices()}. */
    CHOICE,
    /** Comma-separated integers, e.g. {@code 64,64,64}. */
    INT_LIST
  }

  /**
   * Validates the record.
   *
   * @param name the option name, e.g. {@code rank}
   * @param type the value type
   * @param defaultValue the default, as text; {@code null} if the option is required
   * @param description one line for {@code --help} and {@code pinnadapt plugins}
   * @param choices the allowed values of a {@link Type#CHOICE} option; empty otherwise
   * @param min the smallest allowed numeric value (inclusive)
   * @param max the largest allowed numeric value (inclusive)
   */
  public OptionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    choices = List.copyOf(choices);
    if (defaultValue != null) {
      // A broken default is a programming error of the plug-in; fail early and loudly.
      new OptionSpec(name, type, null, description, choices, min, max).parse(defaultValue, "default");
    }
  }

  /**
   * An integer option.
   *
   * @param name option name
   * @param defaultValue the default
   * @param min smallest allowed value
   * @param max largest allowed value
   * @param description one line
   * @return the specification
   */
  public static OptionSpec ofInt(String name, int defaultValue, int min, int max, String description) {
    return new OptionSpec(name, Type.INT, Integer.toString(defaultValue), description, List.of(), min, max);
  }

  /**
   * A double option.
   *
   * @param name option name
   * @param defaultValue the default
   * @param min smallest allowed value
   * @param max largest allowed value
   * @param description one line
   * @return the specification
   */
  public static OptionSpec ofDouble(
      String name, double defaultValue, double min, double max, String description) {
    return new OptionSpec(name, Type.DOUBLE, Double.toString(defaultValue), description, List.of(), min, max);
  }

  /**
   * A boolean option.
   *
   * @param name option name
   * @param defaultValue the default
   * @param description one line
   * @return the specification
   */
  public static OptionSpec ofBoolean(String name, boolean defaultValue, String description) {
    return new OptionSpec(name, Type.BOOLEAN, Boolean.toString(defaultValue), description, List.of(), 0, 0);
  }

  /**
   * A text option.
   *
   * @param name option name
   * @param defaultValue the default, or {@code null} if required
   * @param description one line
   * @return the specification
   */
  public static OptionSpec ofString(String name, String defaultValue, String description) {
    return new OptionSpec(name, Type.STRING, defaultValue, description, List.of(), 0, 0);
  }

  /**
   * An option that takes one of a fixed set of values.
   *
   * @param name option name
   * @param defaultValue the default, one of {@code choices}
   * @param description one line
   * @param choices the allowed values
   * @return the specification
   */
  public static OptionSpec ofChoice(
      String name, String defaultValue, String description, String... choices) {
    return new OptionSpec(name, Type.CHOICE, defaultValue, description, List.of(choices), 0, 0);
  }

  /**
   * A list-of-integers option.
   *
   * @param name option name
   * @param defaultValue the default, comma-separated
   * @param min smallest allowed element
   * @param max largest allowed element
   * @param description one line
   * @return the specification
   */
  public static OptionSpec ofIntList(
      String name, String defaultValue, int min, int max, String description) {
    return new OptionSpec(name, Type.INT_LIST, defaultValue, description, List.of(), min, max);
  }

  /**
   * Parses and validates a value.
   *
   * @param raw a string or an already-typed Java value
   * @param owner who owns the option, for error messages (e.g. {@code strategy 'lora'})
   * @return the typed value: Integer, Double, Boolean, String or {@code List<Integer>}
   * @throws InvalidInputException if the value has the wrong type or lies outside the range
   */
  public Object parse(Object raw, String owner) {
    if (raw == null) {
      throw new InvalidInputException("option '" + name + "' of " + owner + " needs a value");
    }
    String text = raw.toString().trim();
    try {
      switch (type) {
        case INT: {
          int v = raw instanceof Number n && !(raw instanceof Double) ? n.intValue() : Integer.parseInt(text);
          checkRange(v, owner);
          return v;
        }
        case DOUBLE: {
          double v = raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
          if (!Double.isFinite(v)) {
            throw new NumberFormatException("not finite");
          }
          checkRange(v, owner);
          return v;
        }
        case BOOLEAN: {
          String t = text.toLowerCase(Locale.ROOT);
          if (!t.equals("true") && !t.equals("false")) {
            throw new NumberFormatException("not a boolean");
          }
          return Boolean.parseBoolean(t);
        }
        case CHOICE:
          if (!choices.contains(text)) {
            throw new InvalidInputException(
                "option '" + name + "' of " + owner + " is '" + text + "'; expected one of " + choices);
          }
          return text;
        case INT_LIST:
          return intList(raw, text, owner);
        default:
          return text;
      }
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "option '" + name + "' of " + owner + " is '" + text + "'; expected " + expected(), e);
    }
  }

  private List<Integer> intList(Object raw, String text, String owner) {
    List<Integer> values = new ArrayList<>();
    if (raw instanceof List<?> list) {
      for (Object o : list) {
        values.add(Integer.parseInt(o.toString().trim()));
      }
    } else {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          values.add(Integer.parseInt(part.trim()));
        }
      }
    }
    if (values.isEmpty()) {
      throw new NumberFormatException("empty list");
    }
    for (int v : values) {
      checkRange(v, owner);
    }
    return List.copyOf(values);
  }

  private void checkRange(double v, String owner) {
    if (v < min || v > max) {
      throw new InvalidInputException(
          "option '" + name + "' of " + owner + " is " + format(v) + "; allowed range ["
              + format(min) + ", " + format(max) + "]");
    }
  }

  private String expected() {
    switch (type) {
      case INT: return "an integer";
      case DOUBLE: return "a finite number";
      case BOOLEAN: return "true or false";
      case INT_LIST: return "comma-separated integers";
      default: return "text";
    }
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
