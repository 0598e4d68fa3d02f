package org.pinnadapt.pde.burgers;

import java.util.List;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.Pde;

/** Provides {@code burgers1d}. */
public final class Burgers1dProvider implements PdeProvider {

  /** Creates the provider (service loader). */
  public Burgers1dProvider() {}

  @Override
  public String id() {
    return "burgers1d";
  }

  @Override
  public String description() {
    return "periodic 1D viscous Burgers, tasks are GRF initial conditions (embedding: u0 at 128 points), "
        + "ETDRK4 spectral reference";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(Burgers1d.VISCOSITY, Burgers1d.SAMPLE);
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.ofInt("grf-seed", 0, 0, Integer.MAX_VALUE,
            "seed of the Gaussian random field; sample=K draws the K-th initial condition"),
        OptionSpec.ofInt("solver-points", 1024, 64, 8192, "collocation points of the spectral reference"),
        OptionSpec.ofDouble("solver-dt", 1e-4, 1e-6, 1e-2, "time step of the spectral reference"));
  }

  @Override
  public Pde create(Options options) {
    return new Burgers1d(
        options.getInt("grf-seed"), options.getInt("solver-points"), options.getDouble("solver-dt"));
  }
}
