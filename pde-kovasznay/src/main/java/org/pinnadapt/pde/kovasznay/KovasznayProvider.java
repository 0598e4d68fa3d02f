package org.pinnadapt.pde.kovasznay;

import java.util.List;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.Pde;

/** Provides {@code kovasznay}. */
public final class KovasznayProvider implements PdeProvider {

  /** Creates the provider (service loader). */
  public KovasznayProvider() {}

  @Override
  public String id() {
    return "kovasznay";
  }

  @Override
  public String description() {
    return "Kovasznay flow: steady incompressible Navier-Stokes (u, v, p), closed-form solution";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(Kovasznay.REYNOLDS);
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.ofChoice(
            "domain", "unit",
            "unit: [0,1]^2 (HyperLoRA); nsfnets: [-0.5,1] x [-0.5,1.5] (NSFnets, DeepXDE)",
            "unit", "nsfnets"),
        OptionSpec.ofChoice(
            "pressure", "outlet",
            "free: p only up to a constant (no pressure condition); outlet: the exact p imposed on the face of "
                + "largest x (condition p-outlet)",
            "free", "outlet"));
  }

  @Override
  public Pde create(Options options) {
    return new Kovasznay(options.getString("domain").equals("nsfnets"), options.getString("pressure").equals("outlet"));
  }
}
