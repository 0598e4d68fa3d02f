package org.pinnadapt.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.Compositions;
import org.pinnadapt.api.nn.EmbeddingSpec;
import org.pinnadapt.api.nn.InputScaling;
import org.pinnadapt.api.nn.LayerSpec;
import org.pinnadapt.api.nn.LayerWeights;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.nn.WeightInit;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.runtime.RuntimeSettings;

/**
 * Taylor-mode jets against central finite differences and against DJL's first-order autograd, in
 * float64, for every activation, weight composition, embedding, with and without the task axis.
 */
class JetDerivativeTest {

  static DjlRuntime runtime;
  static final Set<Partial> PARTIALS =
      Set.of(Partial.d("x"), Partial.d("t"), Partial.d2("x"), Partial.d2("y"), Partial.d2("x", "y"));

  @BeforeAll
  static void start() {
    runtime = new DjlRuntime(new RuntimeSettings("cpu", DataType.FLOAT64, 1));
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  enum Composition { PLAIN, LOW_RANK, SCALED_FACTORS, SCALED_UPDATE, FACTORED }

  enum Embedding { NONE, FOURIER, FOURIER_TIME, LEARNED, SCALED, FOURIER_SCALED }

  /** An input scaling that maps x in [0.5, 2.5], y in [-1, 0], t in [0, 10] onto [-1, 1]. */
  static final InputScaling SCALING = new InputScaling(new double[] {1.5, -0.5, 5}, new double[] {1, 0.5, 5});

  static Stream<Arguments> cases() {
    List<Arguments> args = new ArrayList<>();
    for (Activation act : new Activation[] {Activation.TANH, Activation.SIN, Activation.SWISH}) {
      for (Composition c : Composition.values()) {
        for (boolean taskAxis : new boolean[] {false, true}) {
          for (Embedding e : Embedding.values()) {
            args.add(Arguments.of(act, c, taskAxis, e));
          }
        }
      }
    }
    return args.stream();
  }

  static NetworkSpec spec(Activation act, Embedding e) {
    List<String> inputs = List.of("x", "y", "t");
    EmbeddingSpec emb = null;
    int width = 3;
    if (e == Embedding.FOURIER) {
      emb = new EmbeddingSpec(EmbeddingSpec.Kind.FOURIER, new double[] {2.0, Double.NaN, Double.NaN}, 2);
      width = emb.outputDim();
    } else if (e == Embedding.FOURIER_TIME) { // periodic x with 2 harmonics, raw y, time features with 3
      emb = new EmbeddingSpec(EmbeddingSpec.Kind.FOURIER, new double[] {2.0, Double.NaN, 4.0}, 1, new int[] {2, 0, 3});
      width = emb.outputDim();
    } else if (e == Embedding.FOURIER_SCALED) { // periodic x (not scaled), y and t scaled
      emb = new EmbeddingSpec(EmbeddingSpec.Kind.FOURIER, new double[] {2.0, Double.NaN, Double.NaN}, 2);
      width = emb.outputDim();
    } else if (e == Embedding.LEARNED) {
      emb = new EmbeddingSpec(EmbeddingSpec.Kind.LEARNED, new double[] {2.0, 3.0, 4.0}, 5);
      width = 5;
    }
    boolean scaled = e == Embedding.SCALED || e == Embedding.FOURIER_SCALED;
    return new NetworkSpec(inputs, List.of("u", "w"), emb, List.of(
        new LayerSpec(width, 6, act, true),
        new LayerSpec(6, 5, act, true),
        new LayerSpec(5, 2, Activation.IDENTITY, true)), scaled ? SCALING : null, WeightInit.GLOROT_NORMAL);
  }

  /** Random weights built by the composition, with a task axis of length tasks (0 for none). */
  static NetworkWeights weights(NDManager m, NetworkSpec spec, Composition c, int tasks, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Function<long[], NDArray> rnd = shape -> {
      long n = new Shape(shape).size();
      double[] v = new double[(int) n];
      for (int i = 0; i < v.length; i++) {
        v[i] = 0.6 * (rng.nextDouble() * 2 - 1);
      }
      return m.create(v, new Shape(shape));
    };
    List<NDArray> emb = new ArrayList<>();
    if (spec.embedding() != null && spec.embedding().kind() == EmbeddingSpec.Kind.LEARNED) {
      long f = spec.embedding().features();
      for (int i = 0; i < 3; i++) {
        emb.add(tasks > 0 ? rnd.apply(new long[] {tasks, f, 3}) : rnd.apply(new long[] {f, 3}));
      }
    }
    List<LayerWeights> layers = new ArrayList<>();
    int r = 2;
    for (LayerSpec l : spec.layers()) {
      long[] lead = tasks > 0 ? new long[] {tasks} : new long[0];
      NDArray bias = rnd.apply(concat(lead, l.out()));
      if (c == Composition.FACTORED) { // W = L R kept apart (LayerWeights.factored)
        layers.add(LayerWeights.factored(rnd.apply(concat(lead, l.out(), r)), rnd.apply(concat(lead, r, l.in())), bias));
        continue;
      }
      NDArray w;
      switch (c) {
        case LOW_RANK:
          w = Compositions.lowRank(rnd.apply(new long[] {l.out(), l.in()}),
              rnd.apply(concat(lead, l.out(), r)), rnd.apply(concat(lead, r, l.in())));
          break;
        case SCALED_FACTORS:
          w = Compositions.scaledFactors(rnd.apply(new long[] {l.out(), r}), rnd.apply(concat(lead, r)),
              rnd.apply(new long[] {l.in(), r}));
          break;
        case SCALED_UPDATE:
          w = Compositions.scaledUpdate(rnd.apply(new long[] {l.out(), l.in()}), rnd.apply(new long[] {l.out(), r}),
              rnd.apply(concat(lead, r)), rnd.apply(new long[] {r, l.in()}));
          break;
        default:
          w = rnd.apply(concat(lead, l.out(), l.in()));
      }
      layers.add(new LayerWeights(w, bias));
    }
    return new NetworkWeights(emb, layers);
  }

  static long[] concat(long[] lead, long... rest) {
    long[] out = new long[lead.length + rest.length];
    System.arraycopy(lead, 0, out, 0, lead.length);
    System.arraycopy(rest, 0, out, lead.length, rest.length);
    return out;
  }

  static NDArray points(NDManager m, int tasks, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int total = Math.max(tasks, 1) * n * 3;
    double[] v = new double[total];
    for (int i = 0; i < total; i++) {
      v[i] = rng.nextDouble() * 2 - 0.5;
    }
    return tasks > 0 ? m.create(v, new Shape(tasks, n, 3)) : m.create(v, new Shape(n, 3));
  }

  @ParameterizedTest(name = "{0} {1} taskAxis={2} embedding={3}")
  @MethodSource("cases")
  void jetsMatchFiniteDifferencesAndAutograd(Activation act, Composition c, boolean taskAxis, Embedding e) {
    try (NDManager m = runtime.manager().newSubManager()) {
      NetworkSpec spec = spec(act, e);
      FunctionalNetwork net = new FunctionalNetwork(spec, DataType.FLOAT64);
      int tasks = taskAxis ? 3 : 0;
      NetworkWeights w = weights(m, spec, c, tasks, 42);
      NDArray x = points(m, tasks, 7, 7);
      Fields f = net.jets(x, w, PARTIALS, Map.of());

      // values equal the plain forward pass
      NDArray u = net.forward(x, w);
      assertClose(f.value("u"), u.get(new NDIndex("..., 0")), 1e-14);
      assertClose(f.value("w"), u.get(new NDIndex("..., 1")), 1e-14);

      for (String field : List.of("u", "w")) {
        int col = field.equals("u") ? 0 : 1;
        Function<NDArray, NDArray> g = p -> net.forward(p, w).get(new NDIndex("..., {}", col));
        double h = 1e-3; // fourth-order stencils: truncation ~h^4, round-off ~1e-16/h^2
        assertRelative(f.d(field, "x"), central(g, x, 0, h), 1e-6);
        assertRelative(f.d(field, "t"), central(g, x, 2, h), 1e-6);
        assertRelative(f.d2(field, "x"), second(g, x, 0, h), 1e-6);
        assertRelative(f.d2(field, "y"), second(g, x, 1, h), 1e-6);
        assertRelative(f.d2(field, "x", "y"), central(p -> central(g, p, 1, h), x, 0, h), 1e-6);

        // DJL first-order autograd: grad of sum(value) gives the first partials; grad of the jets'
        // first partials gives the second ones.
        NDArray grad = autograd(x, p -> net.forward(p, w).get(new NDIndex("..., {}", col)));
        assertClose(f.d(field, "x"), grad.get(new NDIndex("..., 0")), 1e-10);
        assertClose(f.d(field, "t"), grad.get(new NDIndex("..., 2")), 1e-10);
        NDArray gradX = autograd(x, p -> net.jets(p, w, PARTIALS, Map.of()).d(field, "x"));
        assertClose(f.d2(field, "x"), gradX.get(new NDIndex("..., 0")), 1e-10);
        assertClose(f.d2(field, "x", "y"), gradX.get(new NDIndex("..., 1")), 1e-10);
        NDArray gradY = autograd(x, p -> {
          NDArray dy = net.jets(p, w, Set.of(Partial.d("y")), Map.of()).d(field, "y");
          return dy;
        });
        assertClose(f.d2(field, "y"), gradY.get(new NDIndex("..., 1")), 1e-10);
      }
    }
  }

  /** A factored layer computes what the matrix it stands for computes: values and every derivative channel. */
  @ParameterizedTest(name = "taskAxis={0}")
  @ValueSource(booleans = {false, true})
  void aFactoredLayerEqualsItsComposedMatrix(boolean taskAxis) {
    try (NDManager m = runtime.manager().newSubManager()) {
      for (Embedding e : new Embedding[] {Embedding.NONE, Embedding.FOURIER_TIME}) {
        NetworkSpec spec = spec(Activation.TANH, e);
        FunctionalNetwork net = new FunctionalNetwork(spec, DataType.FLOAT64);
        int tasks = taskAxis ? 3 : 0;
        NetworkWeights factored = weights(m, spec, Composition.FACTORED, tasks, 5);
        List<LayerWeights> composed = new ArrayList<>();
        for (LayerWeights lw : factored.layers()) {
          assertThat(lw.isFactored()).isTrue();
          composed.add(new LayerWeights(lw.matrix(), lw.bias()));
        }
        NetworkWeights dense = new NetworkWeights(factored.embedding(), composed);
        NDArray x = points(m, tasks, 9, 3);
        assertClose(net.forward(x, factored), net.forward(x, dense), 1e-14);
        Fields a = net.jets(x, factored, PARTIALS, Map.of());
        Fields b = net.jets(x, dense, PARTIALS, Map.of());
        for (String field : List.of("u", "w")) {
          assertClose(a.value(field), b.value(field), 1e-14);
          assertClose(a.d(field, "x"), b.d(field, "x"), 1e-13);
          assertClose(a.d(field, "t"), b.d(field, "t"), 1e-13);
          assertClose(a.d2(field, "x"), b.d2(field, "x"), 1e-12);
          assertClose(a.d2(field, "x", "y"), b.d2(field, "x", "y"), 1e-12);
        }
      }
    }
  }

  static NDArray autograd(NDArray x, Function<NDArray, NDArray> f) {
    NDArray leaf = x.duplicate();
    leaf.setRequiresGradient(true);
    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
      gc.backward(f.apply(leaf).sum());
    }
    return leaf.getGradient().duplicate();
  }

  static NDArray shifted(NDArray x, int column, double h) {
    double[] delta = new double[3];
    delta[column] = h;
    return x.add(x.getManager().create(delta));
  }

  /** Fourth-order central first difference. */
  static NDArray central(Function<NDArray, NDArray> g, NDArray x, int col, double h) {
    return g.apply(shifted(x, col, -2 * h)).sub(g.apply(shifted(x, col, 2 * h)))
        .add(g.apply(shifted(x, col, h)).sub(g.apply(shifted(x, col, -h))).mul(8)).div(12 * h);
  }

  /** Fourth-order central second difference. */
  static NDArray second(Function<NDArray, NDArray> g, NDArray x, int col, double h) {
    return g.apply(shifted(x, col, 2 * h)).add(g.apply(shifted(x, col, -2 * h))).neg()
        .add(g.apply(shifted(x, col, h)).add(g.apply(shifted(x, col, -h))).mul(16))
        .sub(g.apply(x).mul(30)).div(12 * h * h);
  }

  static void assertClose(NDArray actual, NDArray expected, double tol) {
    assertThat(actual.getShape()).isEqualTo(expected.getShape());
    double diff = actual.sub(expected).abs().max().getDouble();
    assertThat(diff).isLessThan(tol);
  }

  static void assertRelative(NDArray actual, NDArray expected, double tol) {
    assertThat(actual.getShape()).isEqualTo(expected.getShape());
    double diff = actual.sub(expected).abs().max().getDouble();
    double scale = expected.abs().max().getDouble();
    assertThat(diff / Math.max(scale, 1e-3)).as("relative error (scale %s)", scale).isLessThan(tol);
  }
}
