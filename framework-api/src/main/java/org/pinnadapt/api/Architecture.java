package org.pinnadapt.api;

import java.util.List;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Field;

/**
 * A network layout for a PDE. It returns a description ({@link NetworkSpec}), not code: the framework
 * evaluates every layout with the same forward pass and derivative engine.
 */
public interface Architecture {

  /**
   * The layout for a PDE's inputs and outputs.
   *
   * @param domain the PDE domain (periodic inputs may get an embedding)
   * @param fields the output fields
   * @return the layout
   */
  NetworkSpec build(Domain domain, List<Field> fields);
}
