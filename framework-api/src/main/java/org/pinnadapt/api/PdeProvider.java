package org.pinnadapt.api;

import java.util.List;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.Pde;

/**
 * Provides a {@link Pde}. Its {@link #parameters()} are listed by {@code pinnadapt plugins} without
 * building the PDE.
 */
public interface PdeProvider extends PluginProvider<Pde> {

  /**
   * The PDE parameters that define one instance (a task), with ranges and defaults.
   *
   * @return the parameters, in the order of the task embedding when the embedding is parametric
   */
  List<Parameter> parameters();
}
