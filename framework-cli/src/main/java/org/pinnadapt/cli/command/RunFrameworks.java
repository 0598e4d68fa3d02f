package org.pinnadapt.cli.command;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.ExperimentConfig;

/**
 * The frameworks that load saved runs for {@code serve} and {@code bench serve}: one per device and precision, made
 * as {@code predict} makes it ({@link RunCommand#framework}) when a run first needs it, all closed together.
 */
public final class RunFrameworks implements Function<ExperimentConfig, PinnAdapt>, AutoCloseable {

  private final GlobalOptions global;
  private final Map<String, PinnAdapt> made = new ConcurrentHashMap<>();

  /**
   * Creates the set.
   *
   * @param global the command line's global options (the plug-in folder)
   */
  public RunFrameworks(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public PinnAdapt apply(ExperimentConfig run) {
    return made.computeIfAbsent(run.string("device") + "/" + run.string("precision"),
        k -> RunCommand.framework(() -> global, run));
  }

  @Override
  public void close() {
    made.values().forEach(PinnAdapt::close);
  }
}
