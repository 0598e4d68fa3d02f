package org.pinnadapt.core.plugin;

import java.nio.file.Path;

/**
 * Where a plug-in came from.
 *
 * @param origin {@code boot} (module path or class path), {@code plugins} (the plug-in folder) or
 *     {@code programmatic}
 * @param module the module name ({@code unnamed} on the class path)
 * @param location the jar or folder, or {@code null} if unknown
 */
public record PluginSource(String origin, String module, Path location) {

  /** A programmatic registration. */
  public static final PluginSource PROGRAMMATIC = new PluginSource("programmatic", "-", null);

  /**
   * A one-line description, e.g. {@code module org.acme.heat (plugins/heat.jar)}.
   *
   * @return the description
   */
  public String describe() {
    if (location == null) {
      return origin.equals("programmatic") ? "programmatic registration" : "module " + module;
    }
    return "module " + module + " (" + location + ")";
  }
}
