package org.pinnadapt.cli;

import java.nio.file.Path;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.runtime.RuntimeSettings;
import picocli.CommandLine.Option;

/** Options shared by every command: plug-in folder, device, precision, threads, verbosity. */
public final class GlobalOptions {

  @Option(names = "--plugins", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "plug-in folder (default: $PINNADAPT_PLUGINS, else ./plugins)")
  Path plugins;

  @Option(names = "--device", paramLabel = "DEVICE", scope = picocli.CommandLine.ScopeType.INHERIT,
      defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})")
  String device;

  @Option(names = "--precision", paramLabel = "TYPE", scope = picocli.CommandLine.ScopeType.INHERIT,
      defaultValue = "float32", description = "float32 or float64 (default: ${DEFAULT-VALUE})")
  String precision;

  @Option(names = "--threads", paramLabel = "N", scope = picocli.CommandLine.ScopeType.INHERIT,
      defaultValue = "0", description = "native intra-op threads; 0 for all processors")
  int threads;

  @Option(names = {"-v", "--verbose"}, scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "debug logging")
  boolean verbose;

  /** Creates the options (picocli). */
  public GlobalOptions() {}

  /** @return the device option */
  public String device() {
    return device;
  }

  /** @return the precision option */
  public String precision() {
    return precision;
  }

  /** @return the threads option (0: all processors) */
  public int threads() {
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
    return plugins != null ? plugins : PinnAdapt.defaultPluginDirectory();
  }

  /**
   * A framework instance configured by these options (the engine starts lazily).
   *
   * @return the framework
   */
  public PinnAdapt framework() {
    return PinnAdapt.builder()
        .optPluginDirectory(pluginDirectory())
        .optDevice(device)
        .optDataType(RuntimeSettings.parseDataType(precision))
        .optThreads(threads)
        .build();
  }
}
