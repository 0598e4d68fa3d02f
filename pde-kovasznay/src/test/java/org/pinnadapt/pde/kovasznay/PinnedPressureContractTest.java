package org.pinnadapt.pde.kovasznay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Condition;
import org.pinnadapt.api.pde.DirichletCondition;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.Sampler;
import org.pinnadapt.core.sampling.PointSampler;
import org.pinnadapt.core.sampling.SamplingMethod;
import org.pinnadapt.tck.PdeContract;

/** The default Kovasznay plug-in: the pressure is pinned at the outlet on the NSFnets domain too. */
class PinnedPressureContractTest extends PdeContract {

  @Override
  protected Pde pde() {
    return new KovasznayProvider().create(Options.parse(new KovasznayProvider().options(),
        Map.of("domain", "nsfnets"), "test"));
  }

  @Override
  protected double residualTolerance() {
    return 1e-8;
  }

  @Test
  void theOutletConditionHoldsTheExactPressureOnTheFaceOfLargestX() {
    Pde pde = pde();
    Sampler s = new PointSampler(SamplingMethod.GRID, 1);
    List<Condition> conditions = pde.conditions(pde.referenceTask(), s, new PointCounts(1, 0, 320));
    assertThat(conditions).hasSize(2);
    DirichletCondition p = (DirichletCondition) conditions.get(1);
    assertThat(p.name()).isEqualTo("p-outlet");
    assertThat(p.fields()).containsExactly("p");
    assertThat(p.points().size()).isEqualTo(80);
    double lambda = Kovasznay.lambda(20);
    for (int i = 0; i < p.points().size(); i++) {
      assertThat(p.points().get(i, 0)).isEqualTo(1.0);
      assertThat(p.values().get(i, 0)).isEqualTo(0.5 * (1 - Math.exp(2 * lambda)));
    }
    // evenly spaced with the corners: y = -0.5, ..., 1.5
    assertThat(p.points().get(0, 1)).isEqualTo(-0.5);
    assertThat(p.points().get(79, 1)).isEqualTo(1.5);
  }
}
