package org.pinnadapt.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.core.PinnAdapt;

/** The benches as a library: called from Java at the smoke scale, they return typed rows. */
class BenchLibraryTest {

  private static PinnAdapt framework() {
    // kovasznay and lora come from the test class path, found as a user's plug-ins are
    return PinnAdapt.builder().optDevice("cpu").optThreads(2).build();
  }

  @Test
  void loraRanksReturnsOneTypedRowPerMethod(@TempDir Path tmp) {
    List<String> lines = new ArrayList<>();
    LoraRanksBench.Result r;
    try (PinnAdapt pa = framework()) {
      r = LoraRanksBench.run(pa, new LoraRanksBench.Settings("kovasznay", List.of(1, 2), Scale.SMOKE, null,
          tmp.resolve("ranks")), BenchLog.compact(lines::add));
    }
    assertThat(r.rows()).extracting(LoraRanksBench.Row::method).containsExactly("F-PINN", "PINN", "L-PINN", "L-PINN");
    assertThat(r.rows()).extracting(LoraRanksBench.Row::rank).containsExactly(null, null, 1, 2);
    LoraRanksBench.Row rank1 = r.rows().get(2);
    assertThat(rank1.params()).isPositive().isLessThan(r.rows().get(0).params());
    assertThat(rank1.mse()).isFinite().isPositive();
    assertThat(r.rows().get(3).params()).isEqualTo(2 * rank1.params());
    assertThat(r.toMap()).containsEntry("pde", "kovasznay").containsEntry("scale", "smoke").containsEntry("tasks", 1);
    assertThat(lines).anyMatch(l -> l.startsWith("bench lora-ranks: kovasznay"));
    assertThat(LoraRanksBench.figures(r)).allMatch(p -> p.toFile().length() > 0);
  }

  @Test
  void badSettingsAreOneErrorNamingTheCulprit() {
    assertThatThrownBy(() -> new LoraRanksBench.Settings("kovasznay", List.of(0), Scale.QUICK, null, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("--ranks");
    assertThatThrownBy(() -> new AccuracyBench.Settings(List.of("nope"), List.of("float64"), null, List.of(1L),
        Scale.SMOKE, null)).isInstanceOf(InvalidInputException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> new HyperBench.Settings("kovasznay", List.of(4), List.of("B9"), false, Scale.SMOKE, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("B9");
    assertThatThrownBy(() -> new ColoraBench.Settings("cdr", List.of("x"), Scale.SMOKE, null, Map.of(), null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("'x'");
    assertThatThrownBy(() -> Scale.parse("huge")).isInstanceOf(InvalidInputException.class).hasMessageContaining("huge");
    assertThatThrownBy(() -> new DemoBench.Settings(10, 4, 1, 1, 1, 0, 1, 1, 1, 1, "cpu", "float32", 0, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("--re");
  }
}
