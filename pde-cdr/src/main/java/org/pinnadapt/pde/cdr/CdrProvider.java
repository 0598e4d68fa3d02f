package org.pinnadapt.pde.cdr;

import java.util.List;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.Pde;

/** Provides {@code cdr}. */
public final class CdrProvider implements PdeProvider {

  /** Creates the provider (service loader). */
  public CdrProvider() {}

  @Override
  public String id() {
    return "cdr";
  }

  @Override
  public String description() {
    return "convection-diffusion-reaction u_t + beta u_x - nu u_xx - rho u(1-u) = 0, periodic x in [0, 2pi)";
  }

  @Override
  public List<Parameter> parameters() {
    return Cdr.PARAMETERS;
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.ofChoice("ic", "1+sin", "initial condition: 1+sin(x), sin(x) or gauss "
            + "exp(-(x-pi)^2 / (2 (pi/4)^2))", "1+sin", "sin", "gauss"),
        OptionSpec.ofInt("solver-points", 512, 32, 16384, "Fourier modes of the reference solver"),
        OptionSpec.ofDouble("solver-dt", 1e-3, 1e-6, 0.1, "Strang splitting step of the reference solver"));
  }

  @Override
  public Pde create(Options options) {
    return new Cdr(
        InitialCondition.parse(options.getString("ic")),
        options.getInt("solver-points"),
        options.getDouble("solver-dt"));
  }
}
