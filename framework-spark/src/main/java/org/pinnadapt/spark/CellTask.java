package org.pinnadapt.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.Function;

/**
 * Runs one cell on an executor: hands its request to the framework's {@code CellWorker} (through
 * {@link FrameworkBridge}) and returns the result.
 */
final class CellTask implements Function<String, String> {

  private static final long serialVersionUID = 1L;

  private final String home;
  private final String pluginFolder;
  private final ArrayList<String> shippedPlugins;

  CellTask(String home, String pluginFolder, List<String> shippedPlugins) {
    this.home = home;
    this.pluginFolder = pluginFolder;
    this.shippedPlugins = new ArrayList<>(shippedPlugins);
  }

  @Override
  public String call(String request) {
    return FrameworkBridge.worker(home).apply(request, localPlugins());
  }

  /** The driver's plug-in folder when this machine has it, else a folder of the jars Spark shipped here. */
  private String localPlugins() {
    if (pluginFolder.isEmpty() || Files.isDirectory(Path.of(pluginFolder)) || shippedPlugins.isEmpty()) {
      return pluginFolder;
    }
    Path folder = Path.of(SparkFiles.getRootDirectory(), "pinnadapt-plugins");
    try {
      Files.createDirectories(folder);
      for (String name : shippedPlugins) {
        Path target = folder.resolve(name);
        if (!Files.exists(target)) {
          Path tmp = folder.resolve(name + ".part");
          Files.copy(Path.of(SparkFiles.get(name)), tmp, StandardCopyOption.REPLACE_EXISTING);
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot gather the shipped plug-ins in " + folder, e);
    }
    return folder.toString();
  }
}
