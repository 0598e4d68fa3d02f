package org.pinnadapt.pde.burgers;

import java.util.List;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.Pde;

/** Provides {@code burgers2d}. */
public final class Burgers2dProvider implements PdeProvider {

  /** Creates the provider (service loader). */
  public Burgers2dProvider() {}

  @Override
  public String id() {
    return "burgers2d";
  }

  @Override
  public String description() {
    return "coupled 2D viscous Burgers equations (u, v) on [0,1]^2 x [0,1], closed-form solution";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(Burgers2d.VISCOSITY);
  }

  @Override
  public Pde create(Options options) {
    return new Burgers2d();
  }
}
