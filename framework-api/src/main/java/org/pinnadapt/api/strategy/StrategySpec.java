package org.pinnadapt.api.strategy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A strategy chosen by id with its options, as a Java program passes it to an experiment. A plug-in's typed
 * configuration (for example {@code LoraConfig}) implements it so that code can write {@code LoraConfig.rank(4)}
 * instead of a string map; the options are checked against the provider's option specs when the experiment is
 * built.
 */
public interface StrategySpec {

  /**
   * The strategy's id.
   *
   * @return the id of its provider
   */
  String id();

  /**
   * The options by name, as the provider declares them.
   *
   * @return the options
   */
  Map<String, Object> options();

  /**
   * A strategy by id with options.
   *
   * @param id the strategy's id
   * @param options its options (copied)
   * @return the specification
   */
  static StrategySpec of(String id, Map<String, ?> options) {
    Objects.requireNonNull(id, "id");
    Map<String, Object> copy = new LinkedHashMap<>(options);
    return new StrategySpec() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Map<String, Object> options() {
        return copy;
      }

      @Override
      public String toString() {
        return id + copy;
      }
    };
  }
}
