package org.pinnadapt.api;

import java.util.List;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;

/**
 * A cheap, listable factory for one kind of plug-in object.
 *
 * <p>Listing a provider ({@link #id()}, {@link #description()}, {@link #options()}) must not allocate
 * native memory, train anything or read large files; {@link #create(Options)} does the real work.
 * Implementations are discovered with {@link java.util.ServiceLoader} and therefore need a public
 * no-argument constructor (or a {@code public static provider()} method).
 *
 * @param <T> the type of object the provider builds
 */
public interface PluginProvider<T> {

  /**
   * The identifier users type on the command line, unique among providers of the same kind.
   *
   * @return a short lower-case id such as {@code kovasznay} or {@code lora}
   */
  String id();

  /**
   * One line that says what the plug-in is.
   *
   * @return a human-readable description
   */
  String description();

  /**
   * The configuration options the created object accepts, with defaults and descriptions.
   *
   * @return the option specifications; empty if the object takes none
   */
  default List<OptionSpec> options() {
    return List.of();
  }

  /**
   * Builds the object.
   *
   * @param options values for {@link #options()}, already validated against them
   * @return a new object
   */
  T create(Options options);
}
