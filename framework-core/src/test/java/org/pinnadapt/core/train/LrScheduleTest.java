package org.pinnadapt.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.train.LrSchedule;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.ExperimentSetup;

/** Learning-rate schedules relative to the run's length, and the papers' step schedule. */
class LrScheduleTest {

  /** The fraction of a run's epochs spent at the schedule's floor (within 1 % of it). */
  static double fractionAtFloor(LrSchedule s, int epochs) {
    int at = 0;
    for (int e = 0; e < epochs; e++) {
      if (s.at(e, LrSchedule.progress(e, epochs, 0, 0)) <= s.floor() * 1.01) {
        at++;
      }
    }
    return (double) at / epochs;
  }

  @Test
  void relativeSchedulesStartAtTheRateAndReachTheFloorAtTheEnd() {
    for (LrSchedule s : new LrSchedule[] {LrSchedule.exponential(1e-3, 1e-5, 0), LrSchedule.cosine(1e-3, 1e-5, 0)}) {
      assertThat(s.at(0, 0)).isEqualTo(1e-3);
      assertThat(s.at(0, 1)).isCloseTo(1e-5, within(1e-15));
      for (int epochs : new int[] {100, 1254, 3000, 30_000}) {
        assertThat(fractionAtFloor(s, epochs)).as(s.describe() + " over " + epochs).isLessThan(0.2);
      }
    }
    // exponential: half-way is the geometric mean; cosine: the arithmetic one
    assertThat(LrSchedule.exponential(1e-3, 1e-5, 0).at(0, 0.5)).isCloseTo(1e-4, within(1e-15));
    assertThat(LrSchedule.cosine(1e-3, 1e-5, 0).at(0, 0.5)).isCloseTo(5.05e-4, within(1e-15));
  }

  @Test
  void holdKeepsTheInitialRateForItsFraction() {
    LrSchedule s = LrSchedule.exponential(1e-3, 1e-5, 0.5);
    assertThat(s.at(0, 0.49)).isEqualTo(1e-3);
    assertThat(s.at(0, 0.75)).isCloseTo(1e-4, within(1e-15));
    assertThat(s.at(0, 1.0)).isCloseTo(1e-5, within(1e-15));
  }

  @Test
  void progressFollowsTheTimeLimitWhenItComesFirst() {
    assertThat(LrSchedule.progress(10, 100, 0, 0)).isEqualTo(0.1);
    assertThat(LrSchedule.progress(10, 100, 30, 60)).isEqualTo(0.5);
    assertThat(LrSchedule.progress(10, 100, 90, 60)).isEqualTo(1.0);
  }

  @Test
  void theStepScheduleIsThePapers() {
    LrSchedule s = new LrSchedule(1e-3, 10_000, 0.1, 3000, 1e-7);
    assertThat(s.at(9_999)).isEqualTo(1e-3);
    assertThat(s.at(10_000)).isCloseTo(1e-4, within(1e-15));
    assertThat(s.at(13_000)).isCloseTo(1e-5, within(1e-15));
    assertThat(s.at(100_000)).isEqualTo(1e-7);
    assertThat(LrSchedule.constant(0.1).at(123, 0.9)).isEqualTo(0.1);
  }

  @Test
  void badSchedulesAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> schedule(Map.of("lr-schedule", "triangle"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("lr-schedule").hasMessageContaining("triangle");
    assertThatThrownBy(() -> schedule(Map.of("lr", 0))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'lr'");
    assertThatThrownBy(() -> schedule(Map.of("lr", -1e-3))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'lr'");
    assertThatThrownBy(() -> schedule(Map.of("lr-schedule", "cosine", "lr-final", 1.0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("lr-final");
    assertThatThrownBy(() -> schedule(Map.of("lr-schedule", "exponential", "lr-hold", 1.0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("hold");
    assertThatThrownBy(() -> schedule(Map.of("lr-constant-epochs", 500))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("lr-schedule=step");
    assertThat(schedule(Map.of("lr-schedule", "step", "lr-constant-epochs", 500)).at(499)).isEqualTo(1e-3);
    // a constant phase at least as long as the run (1,000 epochs) is a constant rate: accepted as such
    LrSchedule earlier = schedule(Map.of("lr-constant-epochs", 100_000));
    assertThat(earlier.kind()).isEqualTo(LrSchedule.Kind.CONSTANT);
    assertThat(earlier.at(999, 0.999)).isEqualTo(1e-3);
    assertThat(schedule(Map.of()).kind()).isEqualTo(LrSchedule.Kind.CONSTANT); // the default (decision 0014)
    assertThat(schedule(Map.of("lr-schedule", "exponential")).floor()).isCloseTo(1e-5, within(1e-18));
  }

  private static LrSchedule schedule(Map<String, ?> m) {
    return ExperimentSetup.schedule(ExperimentConfig.fromMap(m, "test"), 1000);
  }
}
