package org.pinnadapt.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.core.TestPdes;
import org.pinnadapt.core.testkit.TestHeat;

class TaskSamplerTest {

  private final TestHeat pde = TestPdes.heat(); // kappa in [0.1, 2]

  @Test
  void drawsWithinTheBoundsAndTheSameSamplesWhateverTheRanges() {
    TaskSampler s = TaskSampler.parse("kappa=uniform(0.2, 0.8):1000", pde);
    assertThat(s.count()).isEqualTo(1000);
    List<Task> all = s.tasks(pde, 7, 0, 1000);
    assertThat(all).allSatisfy(t -> assertThat(t.parameter("kappa")).isBetween(0.2, 0.8));
    List<Task> parts = new java.util.ArrayList<>(s.tasks(pde, 7, 0, 333));
    parts.addAll(s.tasks(pde, 7, 333, 1000));
    assertThat(parts).extracting(t -> t.parameter("kappa")).isEqualTo(all.stream().map(t -> t.parameter("kappa"))
        .toList());
    assertThat(all.get(5).id()).isEqualTo("s5");
    double mean = all.stream().mapToDouble(t -> t.parameter("kappa")).average().orElseThrow();
    assertThat(mean).isBetween(0.48, 0.52); // 1000 uniform draws: standard error 0.0055
    assertThat(s.tasks(pde, 8, 0, 5)).extracting(t -> t.parameter("kappa"))
        .isNotEqualTo(all.subList(0, 5).stream().map(t -> t.parameter("kappa")).toList());
  }

  @Test
  void truncatesANormalToTheRangeAndHoldsFixedValues() {
    List<Task> n = TaskSampler.parse("kappa=normal(0.15,0.5):500", pde).tasks(pde, 1, 0, 500);
    assertThat(n).allSatisfy(t -> assertThat(t.parameter("kappa")).isBetween(0.1, 2.0));
    List<Task> log = TaskSampler.parse("kappa=loguniform(0.1,1):500", pde).tasks(pde, 1, 0, 500);
    long below = log.stream().filter(t -> t.parameter("kappa") < Math.sqrt(0.1)).count();
    assertThat(below).isBetween(200L, 300L); // half the draws below the geometric mean
    assertThat(TaskSampler.parse("kappa=1.5:3", pde).tasks(pde, 1, 0, 3))
        .allSatisfy(t -> assertThat(t.parameter("kappa")).isEqualTo(1.5));
  }

  @Test
  void namesTheFaultOfABadSpec() {
    String[][] bad = {
        {"kappa=uniform(0.05,1):10", "reaches 0.05, outside the parameter's range [0.1, 2]"},
        {"kappa=uniform(0.5,0.2):10", "lower bound must be below"},
        {"kappa=normal(1,0):10", "standard deviation must be > 0"},
        {"kappa=normal(3,1):10", "outside the parameter's range"},
        {"kappa=loguniform(0,1):10", "positive bounds"},
        {"kappa=beta(1,2):10", "unknown distribution 'beta'"},
        {"rho=uniform(0,1):10", "has no parameter 'rho'"},
        {"kappa=0.5,kappa=0.6:10", "given twice"},
        {"kappa=uniform(0.2,0.4)", "no sample count"},
        {"kappa=uniform(0.2,0.4):ten", "'ten' is not a whole number"},
        {"kappa=uniform(0.2,0.4):0", "must lie in 1.."},
        {"kappa=uniform(0.2,x):10", "'x' is not a finite number"},
        {":10", "no parameter to sample"},
    };
    for (String[] b : bad) {
      assertThatThrownBy(() -> TaskSampler.parse(b[0], pde)).as(b[0]).isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("--sample " + b[0] + ": ").hasMessageContaining(b[1]);
    }
  }
}
