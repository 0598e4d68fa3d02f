package org.pinnadapt.pde.burgers;

import java.util.List;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.Pde;

/** Provides {@code burgers-raissi}. */
public final class RaissiBurgersProvider implements PdeProvider {

  /** Creates the provider (service loader). */
  public RaissiBurgersProvider() {}

  @Override
  public String id() {
    return "burgers-raissi";
  }

  @Override
  public String description() {
    return "Raissi et al.'s Burgers benchmark on [-1,1] x [0,1], u0 = -sin(pi x), u(+-1,t) = 0, nu = 0.01/pi; "
        + "exact Cole-Hopf reference";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(RaissiBurgers.VISCOSITY);
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(OptionSpec.ofInt("quadrature-order", 400, 20, 4000,
        "Gauss-Hermite nodes of the Cole-Hopf reference"));
  }

  @Override
  public Pde create(Options options) {
    return new RaissiBurgers(options.getInt("quadrature-order"));
  }
}
