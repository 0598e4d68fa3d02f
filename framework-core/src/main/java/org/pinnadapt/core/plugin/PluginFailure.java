package org.pinnadapt.core.plugin;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import org.pinnadapt.api.base.PinnAdaptException;

/** A plug-in method that threw: names the plug-in, its jar and the method. */
public final class PluginFailure extends PinnAdaptException {

  private static final long serialVersionUID = 1L;

  private PluginFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Wraps what a plug-in method threw; the framework's own input errors pass through unchanged.
   *
   * @param kind the plug-in kind, e.g. {@code PDE}
   * @param id the plug-in id
   * @param plugin the plug-in instance (its class names the jar)
   * @param method the method that threw, e.g. {@code residual()}
   * @param e what it threw
   * @return the exception to throw
   */
  public static RuntimeException of(String kind, String id, Object plugin, String method, RuntimeException e) {
    if (e instanceof PinnAdaptException) {
      return e;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
    return new PluginFailure(kind + " plug-in '" + id + "'" + origin(plugin) + " failed in " + method + ": " + message,
        e);
  }

  private static String origin(Object plugin) {
    try {
      CodeSource source = plugin.getClass().getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return "";
      }
      return " (" + Path.of(source.getLocation().toURI()).getFileName() + ")";
    } catch (RuntimeException | URISyntaxException e) {
      return "";
    }
  }
}
