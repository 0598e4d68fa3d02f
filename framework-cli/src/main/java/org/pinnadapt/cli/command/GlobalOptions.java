package org.pinnadapt.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.runtime.RuntimeSettings;
import picocli.CommandLine.Option;

/** Options shared by every command: plug-in folder, device, precision, threads, verbosity. */
public final class GlobalOptions {

  @Option(names = "--plugins", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "plug-in folder (default: $PINNADAPT_PLUGINS, else ./plugins)")
  Path plugins;

  @Option(names = "--device", paramLabel = "DEVICE", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "auto, cpu, gpu or gpu:N (default: cpu for run, auto elsewhere)")
  String device;

  @Option(names = "--precision", paramLabel = "TYPE", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "float32 (default) or float64")
  String precision;

  @Option(names = "--threads", paramLabel = "N", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "native intra-op threads (default: all processors)")
  Integer threads;

  @Option(names = {"-v", "--verbose"}, scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "debug logging")
  boolean verbose;

  /** Creates the options (picocli). */
  public GlobalOptions() {}

  /** @return the device option, {@code auto} if not given */
  public String device() {
    return device == null ? "auto" : device;
  }

  /** @return the precision option, {@code float32} if not given */
  public String precision() {
    return precision == null ? "float32" : precision;
  }

  /** @return the threads option, 0 (all processors) if not given */
  public int threads() {
    return threads == null ? 0 : threads;
  }

  /** @return the device option if given, else {@code null} */
  public String deviceIfSet() {
    return device;
  }

  /** @return the precision option if given, else {@code null} */
  public String precisionIfSet() {
    return precision;
  }

  /** @return the threads option if given, else {@code null} */
  public Integer threadsIfSet() {
    return threads;
  }

  /** @return whether debug logging is on */
  public boolean verbose() {
    return verbose;
  }

  /**
   * The plug-in folder in effect.
   *
   * @return the folder
   */
  public Path pluginDirectory() {
    if (plugins != null && !Files.isDirectory(plugins)) {
      throw new InvalidInputException("--plugins " + plugins + ": " + (Files.exists(plugins) ? "not a folder"
          : "no such folder"));
    }
    return plugins != null ? plugins : PinnAdapt.defaultPluginDirectory();
  }

  /**
   * A framework instance configured by these options (the engine starts lazily).
   *
   * @return the framework
   */
  public PinnAdapt framework() {
    return framework(threads());
  }

  /**
   * A framework instance configured by these options, with another number of native threads.
   *
   * @param nativeThreads the threads (0: all processors)
   * @return the framework
   */
  public PinnAdapt framework(int nativeThreads) {
    return PinnAdapt.builder()
        .optPluginDirectory(pluginDirectory())
        .optDevice(device())
        .optDataType(RuntimeSettings.parseDataType(precision()))
        .optThreads(nativeThreads)
        .build();
  }

  /**
   * The runtime part of a run configuration these options give (device, precision, threads).
   *
   * @return the configuration
   */
  public ExperimentConfig runtimeConfig() {
    return ExperimentConfig.defaults().merge(Map.of("device", device(), "precision", precision(), "threads",
        threads()), "options");
  }
}
