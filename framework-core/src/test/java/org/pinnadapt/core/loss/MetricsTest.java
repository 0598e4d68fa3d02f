package org.pinnadapt.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.pde.Field;

class MetricsTest {

  @Test
  void mseRelativeL2AndMaxAbs() {
    double[][] ref = {{1, 0}, {-1, 2}};
    double[][] pred = {{1.5, 0}, {-1, 2}};
    ErrorReport r = Metrics.compare(List.of(Field.of("u", "u"), Field.of("v", "v")), pred, ref);
    assertThat(r.mse()).isCloseTo(0.25 / 4, within(1e-15));
    assertThat(r.maxAbs()).isEqualTo(0.5);
    assertThat(r.relL2()).isCloseTo(0.5 / Math.sqrt(6), within(1e-15));
    assertThat(r.fields().get(0).relL2()).isCloseTo(0.5 / Math.sqrt(2), within(1e-15));
  }

  @Test
  void aGaugeFieldIsComparedUpToAConstant() {
    double[][] ref = {{1, 3}, {2, 5}};
    double[][] pred = {{1, 13}, {2, 15}};
    ErrorReport r = Metrics.compare(List.of(Field.of("u", "u"), new Field("p", "pressure", true)), pred, ref);
    assertThat(r.mse()).isZero();
    assertThat(r.fields().get(1).maxAbs()).isZero();
  }
}
