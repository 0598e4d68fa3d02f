package org.pinnadapt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.core.PinnAdapt;

/** The cheapest reference resolution as accurate as a prediction (CoLoRA-EQ against the solver it replaces). */
class ReferenceLadderTest {

  private static PointSet grid() {
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      for (int k = 0; k <= 4; k++) {
        rows.add(new double[] {2 * Math.PI * i / 16, 0.25 * k});
      }
    }
    return PointSet.ofRows(rows.toArray(double[][]::new));
  }

  @Test
  void climbsFromTheCoarsestResolutionToTheFirstAsAccurateAsTheTarget() {
    try (PinnAdapt pa = PinnAdapt.builder().optDevice("cpu").optThreads(1).build()) {
      Map<String, Object> options = Map.of("solver-points", 128, "solver-dt", 0.01);
      Pde fine = pa.registry().pde("cdr", options);
      Task task = fine.task(Map.of("beta", 5.0, "nu", 2.0, "rho", 3.0));
      PointSet grid = grid();
      double[][] reference = fine.reference(task).evaluate(grid);
      ReferenceLadder ladder = ReferenceLadder.of(pa, "cdr", options).orElseThrow();

      List<ReferenceLadder.Rung> loose = ladder.climb(task, grid, reference, 1.0);
      assertThat(loose).hasSize(1); // the coarsest resolution the plug-in allows: its options' bounds
      assertThat(loose.get(0).points()).isEqualTo(32);
      assertThat(loose.get(0).dt()).isEqualTo(0.1);
      assertThat(loose.get(0).ms()).isPositive();

      double target = loose.get(0).relL2() / 10;
      List<ReferenceLadder.Rung> tight = ladder.climb(task, grid, reference, target);
      assertThat(tight.get(tight.size() - 1).relL2()).isLessThanOrEqualTo(target);
      assertThat(tight.subList(0, tight.size() - 1)).allMatch(r -> r.relL2() > target);
      for (int i = 1; i < tight.size(); i++) { // in order of cost
        assertThat(tight.get(i).points() / tight.get(i).dt())
            .isGreaterThanOrEqualTo(tight.get(i - 1).points() / tight.get(i - 1).dt());
      }

      List<ReferenceLadder.Rung> exact = ladder.climb(task, grid, reference, 0);
      ReferenceLadder.Rung last = exact.get(exact.size() - 1); // only the defaults themselves are exact
      assertThat(last.points()).isEqualTo(128);
      assertThat(last.dt()).isEqualTo(0.01);
      assertThat(last.relL2()).isZero();
      assertThat(ReferenceLadder.of(pa, "kovasznay", Map.of())).isEmpty(); // a closed form has no resolution
    }
  }
}
