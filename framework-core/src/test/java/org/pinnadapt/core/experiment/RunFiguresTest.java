package org.pinnadapt.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pinnadapt.api.pde.Field;

/** The color bars of a run's heat maps name the unit, and a gauge field's constant. */
class RunFiguresTest {

  @Test
  void colorBarsNameTheUnitAndTheGauge() {
    assertThat(RunFigures.colorLabel(Field.of("u", "velocity"))).isEqualTo("u [dimensionless]");
    assertThat(RunFigures.colorLabel(new Field("p", "pressure", true, "Pa"))).isEqualTo("p [Pa] up to a constant");
  }
}
