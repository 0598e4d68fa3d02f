package org.example.heat;

import java.util.List;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.Pde;

/** Lists and builds the {@code heat} PDE. Cheap: no work happens before {@link #create}. */
public final class HeatProvider implements PdeProvider {

  /** Public no-argument constructor, required by the service loader. */
  public HeatProvider() {}

  @Override
  public String id() {
    return "heat";
  }

  @Override
  public String description() {
    return "1D heat equation u_t = kappa u_xx on [0,1] x [0,1], u = exp(-kappa pi^2 t) sin(pi x)";
  }

  @Override
  public List<Parameter> parameters() {
    return Heat.PARAMETERS;
  }

  @Override
  public Pde create(Options options) {
    return new Heat();
  }
}
