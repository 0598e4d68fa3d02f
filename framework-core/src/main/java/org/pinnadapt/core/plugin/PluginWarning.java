package org.pinnadapt.core.plugin;

/**
 * A plug-in that was skipped, and why.
 *
 * @param source the jar, folder or module
 * @param message the cause, one line
 */
public record PluginWarning(String source, String message) {

  @Override
  public String toString() {
    return source + ": " + message;
  }
}
