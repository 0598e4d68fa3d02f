package org.pinnadapt.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.api.train.TrainingState;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.runtime.RuntimeSettings;

class ArrayFileTest {

  @TempDir Path dir;

  @Test
  void checkpointsRoundTripAndCorruptionIsDetected() throws Exception {
    try (DjlRuntime rt = new DjlRuntime(new RuntimeSettings("cpu", DataType.FLOAT32, 1));
        NDManager m = rt.manager().newSubManager()) {
      Params p = new Params().put("w", m.create(new float[] {1, 2, 3, 4}).reshape(2, 2));
      Params opt = new Params().put("m.w", m.create(new float[] {0.5f, 0, 0, 0}).reshape(2, 2));
      Path file = dir.resolve("c.ckpt");
      FileCheckpointer cp = new FileCheckpointer(file, 10, m, Map.of("seed", 42));
      cp.save(new TrainingState("adam", 20, p, opt, Map.of("step", 20.0, "best_score", Double.POSITIVE_INFINITY),
          new Params(), List.of(new HistoryRow(19, "adam", 0.5, Map.of("residual", 0.25), 1e-3, Double.NaN, 1.5))));
      TrainingState s = cp.load().orElseThrow();
      assertThat(s.epoch()).isEqualTo(20);
      assertThat(s.parameters().get("w").toFloatArray()).containsExactly(1, 2, 3, 4);
      assertThat(s.parameters().get("w").getShape().getShape()).containsExactly(2, 2);
      assertThat(s.optimizer().get("m.w").toFloatArray()[0]).isEqualTo(0.5f);
      assertThat(s.scalars().get("best_score")).isInfinite();
      assertThat(s.history().get(0).terms()).containsEntry("residual", 0.25);
      assertThat(s.history().get(0).validation()).isNaN();
      assertThat(Files.list(dir).filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();

      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length / 2] ^= 0x01;
      Files.write(file, bytes);
      assertThatThrownBy(cp::load).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("corrupt").hasMessageContaining("c.ckpt");
      Files.write(file, new byte[] {1, 2, 3});
      assertThatThrownBy(cp::load).isInstanceOf(InvalidInputException.class).hasMessageContaining("truncated");
    }
  }
}
