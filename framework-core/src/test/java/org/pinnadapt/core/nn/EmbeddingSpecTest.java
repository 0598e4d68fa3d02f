package org.pinnadapt.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.EmbeddingSpec;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.runtime.RuntimeSettings;

/** Fourier features with per-input harmonics, of periodic inputs and of time. */
class EmbeddingSpecTest {

  static DjlRuntime runtime;
  static final Domain CDR = Domain.of(Input.periodic("x", 0, 2 * Math.PI), Input.time("t", 0, 1));

  @BeforeAll
  static void start() {
    runtime = new DjlRuntime(new RuntimeSettings("cpu", DataType.FLOAT64, 1));
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  @Test
  void aDomainGetsPeriodicFeaturesAndTimeFeaturesOverTwiceItsDuration() {
    EmbeddingSpec e = EmbeddingSpec.fourier(CDR, true, 1, 8);
    assertThat(e.periods()).containsExactly(2 * Math.PI, 2.0);
    assertThat(e.harmonics()).containsExactly(1, 8);
    assertThat(e.outputDim()).isEqualTo(2 + 16);
    EmbeddingSpec timeOnly = EmbeddingSpec.fourier(CDR, false, 1, 3);
    assertThat(timeOnly.periodic(0)).isFalse();
    assertThat(timeOnly.outputDim()).isEqualTo(1 + 6);
    assertThat(EmbeddingSpec.fourier(CDR, false, 1, 0)).isNull();
    assertThat(EmbeddingSpec.fourier(Domain.of(Input.space("x", 0, 1), Input.space("y", 0, 1)), true, 2, 8)).isNull();
    // the plain constructor gives every periodic input the same harmonics, as before
    assertThat(new EmbeddingSpec(EmbeddingSpec.Kind.FOURIER, new double[] {2, Double.NaN}, 3).harmonics())
        .containsExactly(3, 0);
  }

  @Test
  void inconsistentHarmonicsAreRejected() {
    assertThatThrownBy(() -> new EmbeddingSpec(EmbeddingSpec.Kind.FOURIER, new double[] {2, Double.NaN}, 1,
        new int[] {2, 1})).hasMessageContaining("input 1");
    assertThatThrownBy(() -> new EmbeddingSpec(EmbeddingSpec.Kind.FOURIER, new double[] {2, 3}, 1, new int[] {2}))
        .hasMessageContaining("1 entries for 2 inputs");
    assertThatThrownBy(() -> new EmbeddingSpec(EmbeddingSpec.Kind.FOURIER, new double[] {-2}, 1))
        .hasMessageContaining("positive");
  }

  @Test
  void hostFeaturesMatchTheNetworksEmbedding() {
    EmbeddingSpec e = new EmbeddingSpec(EmbeddingSpec.Kind.FOURIER, new double[] {2.0, Double.NaN, 4.0}, 1,
        new int[] {2, 0, 3});
    double[][] pts = {{0.3, -1.2, 0.7}, {1.9, 0.4, 3.1}};
    try (NDManager m = runtime.manager().newSubManager()) {
      NDArray x = m.create(new double[] {0.3, -1.2, 0.7, 1.9, 0.4, 3.1}, new Shape(2, 3));
      double[] net = Embeddings.value(e, null, x, List.of()).toDoubleArray();
      for (int i = 0; i < pts.length; i++) {
        double[] host = e.embed(pts[i]);
        assertThat(host).hasSize(e.outputDim());
        for (int k = 0; k < host.length; k++) {
          assertThat(net[i * host.length + k]).isCloseTo(host[k], Offset.offset(1e-12));
        }
      }
    }
  }

  @Test
  void anMlpCanTakeTimeFeatures() {
    NetworkSpec spec = new MlpArchitecture(8, 2, Activation.TANH, true, 1, 4)
        .build(CDR, List.of(Field.of("u", "solution")));
    assertThat(spec.embedding().harmonics()).containsExactly(1, 4);
    assertThat(spec.layers().get(0).in()).isEqualTo(2 + 8);
  }
}
