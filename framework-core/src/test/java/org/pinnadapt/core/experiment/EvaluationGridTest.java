package org.pinnadapt.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Input;

/** Evaluation grids: whole intervals, sub-ranges (Raissi's t = 0, ..., 0.99), and their limits. */
class EvaluationGridTest {

  static final Domain BURGERS = Domain.of(Input.space("x", -1, 1), Input.time("t", 0, 1));

  @Test
  void aRangeGivesTheClosedSubInterval() {
    EvaluationGrid g = EvaluationGrid.parse(BURGERS, "256x100[0:0.99]");
    assertThat(g.axis(0)[0]).isEqualTo(-1.0);
    assertThat(g.axis(0)[255]).isEqualTo(1.0);
    double[] t = g.axis(1);
    for (int i = 0; i < 100; i++) {
      assertThat(t[i]).isCloseTo(i / 100.0, within(1e-14));
    }
    assertThat(g.points().size()).isEqualTo(25_600);
    assertThat(EvaluationGrid.parse(BURGERS, g.spec()).axis(1)).containsExactly(t); // the spec round-trips
  }

  @Test
  void badGridsAreRefusedNamingTheProblem() {
    assertThatThrownBy(() -> EvaluationGrid.parse(BURGERS, "256x100[0:2]")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("input t");
    assertThatThrownBy(() -> EvaluationGrid.parse(BURGERS, "256x100[0.5]")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("range");
    assertThatThrownBy(() -> EvaluationGrid.parse(BURGERS, "100000x100000")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("more than");
    assertThatThrownBy(() -> EvaluationGrid.parse(BURGERS, "64")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("needs 2 sizes");
  }
}
