package org.pinnadapt.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.EmbeddingSpec;
import org.pinnadapt.api.nn.InputScaling;
import org.pinnadapt.api.nn.LayerSpec;
import org.pinnadapt.api.nn.LayerWeights;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.nn.WeightInit;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.Partial;

/**
 * The framework's {@link Network}: evaluates any {@link NetworkSpec} with weights supplied per call,
 * and computes input derivatives by Taylor-mode (forward) propagation.
 *
 * <p>Jets: besides the value \( h \) every layer carries first-order channels \( D_v h \) and
 * second-order channels \( D_v^2 h \) for the directions a {@link JetPlan} needs, stacked on a leading
 * axis so that one matrix product per layer serves all of them. For \( h' = \sigma(W h + b) \):
 * \( D_v h' = \sigma'(z)\, W D_v h \) and
 * \( D_v^2 h' = \sigma'(z)\, W D_v^2 h + \sigma''(z)\, (W D_v h)^2 \). At the input layer the
 * derivative channels are the constant directions, so their product with \( W \) is a tiny
 * {@code [k, in] x [in, out]} product broadcast over the points instead of a full matrix product.
 * A single backward pass through this graph gives the gradients of any loss built from the jets with
 * respect to all weights (first-order autograd only; see docs/decisions/0003-taylor-mode-jets.md).
 */
public final class FunctionalNetwork implements Network {

  private final NetworkSpec spec;
  private final DataType dataType;
  private final Map<Set<Partial>, JetPlan> plans = new ConcurrentHashMap<>();

  /**
   * Creates the executor.
   *
   * @param spec the layout
   * @param dataType the floating-point type of weights created by {@link #initialize}
   */
  public FunctionalNetwork(NetworkSpec spec, DataType dataType) {
    this.spec = spec;
    this.dataType = dataType;
  }

  @Override
  public NetworkSpec spec() {
    return spec;
  }

  @Override
  public Params initialize(NDManager manager, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Params p = new Params();
    EmbeddingSpec e = spec.embedding();
    if (e != null && e.kind() == EmbeddingSpec.Kind.LEARNED) {
      int f = e.features();
      int d = e.inputDim();
      double[] a = new double[f * d];
      double[] c = new double[f * d];
      for (int i = 0; i < a.length; i++) {
        a[i] = 1.0 + 0.1 * gaussian(rng);
        c[i] = 2 * Math.PI * rng.nextDouble();
      }
      p.put(NetworkSpec.EMBEDDING_NAMES.get(0), create(manager, a, new Shape(f, d)));
      p.put(NetworkSpec.EMBEDDING_NAMES.get(1), create(manager, c, new Shape(f, d)));
      p.put(NetworkSpec.EMBEDDING_NAMES.get(2), create(manager, new double[f * d], new Shape(f, d)));
    }
    List<LayerSpec> layers = spec.layers();
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec l = layers.get(i);
      double[] w = new double[l.in() * l.out()];
      double[] b = new double[l.out()];
      if (spec.init() == WeightInit.PYTORCH) {
        double bound = 1 / Math.sqrt(l.in());
        uniform(rng, w, bound);
        if (l.bias()) {
          uniform(rng, b, bound);
        }
      } else {
        double std = Math.sqrt(2.0 / (l.in() + l.out()));
        for (int j = 0; j < w.length; j++) {
          w[j] = std * gaussian(rng);
        }
        if (spec.init() == WeightInit.GLOROT_NORMAL_UNIFORM_BIAS && l.bias()) {
          uniform(rng, b, 1 / Math.sqrt(l.in()));
        }
      }
      p.put(NetworkSpec.weightName(i), create(manager, w, new Shape(l.out(), l.in())));
      if (l.bias()) {
        p.put(NetworkSpec.biasName(i), create(manager, b, new Shape(l.out())));
      }
    }
    return p;
  }

  private static void uniform(SplittableRandom rng, double[] into, double bound) {
    for (int j = 0; j < into.length; j++) {
      into[j] = bound * (2 * rng.nextDouble() - 1);
    }
  }

  private NDArray create(NDManager manager, double[] values, Shape shape) {
    NDArray a = manager.create(values, shape); // borrows a Java buffer: copy it into engine memory
    if (dataType == DataType.FLOAT64) {
      return Scalars.owned(a);
    }
    NDArray t = a.toType(dataType, false);
    a.close();
    return t;
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  @Override
  public NDArray forward(NDArray x, NetworkWeights weights) {
    NDArray h = spec.embedding() == null ? scaled(x) : Embeddings.value(spec.embedding(), spec.scaling(), x, weights.embedding());
    List<LayerSpec> layers = spec.layers();
    for (int i = 0; i < layers.size(); i++) {
      h = Activations.apply(layers.get(i).activation(), affine(h, weights.layers().get(i)));
    }
    return h;
  }

  @Override
  public Fields jets(
      NDArray x, NetworkWeights weights, Set<Partial> partials, Map<String, NDArray> parameters) {
    JetPlan plan = plans.computeIfAbsent(Set.copyOf(partials), p -> new JetPlan(spec.inputs(), p));
    int k = plan.firstCount();
    int m = plan.secondCount();
    int[] sources = plan.secondSources();
    // One tensor per derivative channel: slicing channels out of a stacked tensor costs a zero-filled
    // full-size gradient per slice in the backward pass, which dominated the step time.
    NDArray[] first = new NDArray[k];
    NDArray[] second = new NDArray[m];
    // without an embedding the first-order channels are the constant input directions, second-order ones zero
    boolean constant = spec.embedding() == null;
    NDArray value = constant ? scaled(x) : embeddingJets(x, weights, plan, first, second);
    List<LayerSpec> layers = spec.layers();
    for (int i = 0; i < layers.size(); i++) {
      LayerWeights lw = weights.layers().get(i);
      Activation act = layers.get(i).activation();
      NDArray z = affine(value, lw);
      if (k == 0) {
        value = Activations.apply(act, z);
        continue;
      }
      NDArray[] z1 = new NDArray[k];
      NDArray[] z2 = new NDArray[m];
      if (constant) {
        NDArray dirs = constantChannels(directions(x.getManager(), plan, spec.scaling(), x.getDataType()), lw.matrix(),
            z.getShape().dimension());
        for (int c = 0; c < k; c++) {
          z1[c] = dirs.get(c); // [1.., out] (or [T, 1, out]); tiny, broadcast below
        }
      } else {
        linearChannels(first, second, lw, z1, z2);
      }
      NDArray a = Activations.apply(act, z);
      NDArray s1 = Activations.first(act, z, a);
      NDArray[] a1 = new NDArray[k];
      for (int c = 0; c < k; c++) {
        a1[c] = s1 == null ? z1[c] : z1[c].mul(s1);
      }
      NDArray[] a2 = secondDerivatives(act, z, a, s1, z1, z2, a1, sources);
      value = a;
      for (int c = 0; c < k; c++) {
        first[c] = a1[c].getShape().equals(a.getShape()) ? a1[c] : a1[c].broadcast(a.getShape());
      }
      for (int c = 0; c < m; c++) {
        second[c] = a2[c].getShape().equals(a.getShape()) ? a2[c] : a2[c].broadcast(a.getShape());
      }
      constant = false;
    }
    return new JetFields(spec, plan, x, value, first, second, parameters);
  }

  /** The embedding's value, and its derivative channels into {@code first} and {@code second}. */
  private NDArray embeddingJets(NDArray x, NetworkWeights weights, JetPlan plan, NDArray[] first, NDArray[] second) {
    NDList e = Embeddings.jets(spec.embedding(), spec.scaling(), x, weights.embedding(), plan);
    for (int c = 0; c < first.length; c++) {
      first[c] = e.get(1 + c);
    }
    for (int c = 0; c < second.length; c++) {
      second[c] = e.get(1 + first.length + c);
    }
    return e.get(0);
  }

  /** The derivative channels through a layer's weight (no bias): {@code z1 = first W^T}, {@code z2 = second W^T}. */
  private static void linearChannels(NDArray[] first, NDArray[] second, LayerWeights lw, NDArray[] z1, NDArray[] z2) {
    for (int c = 0; c < z1.length; c++) {
      z1[c] = product(first[c], lw);
    }
    for (int c = 0; c < z2.length; c++) {
      z2[c] = product(second[c], lw);
    }
  }

  /**
   * The second-order channels after an activation: {@code s1 z2 + s2 z1_i z1_j} for each channel (its first-order
   * sources), with the activation's own second-derivative term.
   */
  private static NDArray[] secondDerivatives(Activation act, NDArray z, NDArray a, NDArray s1, NDArray[] z1,
      NDArray[] z2, NDArray[] a1, int[] sources) {
    NDArray[] a2 = new NDArray[z2.length];
    for (int c = 0; c < a2.length; c++) {
      NDArray correction = Activations.secondTerm(act, z, a, z1[sources[c]], a1[sources[c]]);
      NDArray linearPart = z2[c] == null ? null : (s1 == null ? z2[c] : z2[c].mul(s1));
      if (linearPart == null && correction == null) {
        a2[c] = z.zerosLike(); // an affine map of the inputs has no second derivative
      } else if (linearPart == null) {
        a2[c] = correction;
      } else {
        a2[c] = correction == null ? linearPart : linearPart.add(correction);
      }
    }
    return a2;
  }

  /** The constant direction vectors {@code [k, d]} in the scaled inputs (each divided by the half-width). */
  private static NDArray directions(NDManager manager, JetPlan plan, InputScaling scaling, DataType type) {
    List<double[]> dirs = plan.directions();
    int d = dirs.get(0).length;
    double[] h = scaling == null ? null : scaling.halfWidth();
    double[] flat = new double[dirs.size() * d];
    for (int i = 0; i < dirs.size(); i++) {
      for (int j = 0; j < d; j++) {
        flat[i * d + j] = h == null ? dirs.get(i)[j] : dirs.get(i)[j] / h[j];
      }
    }
    return Embeddings.typed(manager.create(flat, new Shape(dirs.size(), d)), type);
  }

  /** The inputs mapped by the spec's {@link InputScaling} (unchanged without one). */
  private NDArray scaled(NDArray x) {
    InputScaling s = spec.scaling();
    if (s == null) {
      return x;
    }
    double[] c = s.center();
    double[] h = s.halfWidth();
    double[] inv = new double[h.length];
    double[] shift = new double[h.length];
    for (int i = 0; i < h.length; i++) {
      inv[i] = 1 / h[i];
      shift[i] = -c[i] / h[i];
    }
    NDManager m = x.getManager();
    return x.mul(Embeddings.typed(m.create(inv), x.getDataType())).add(Embeddings.typed(m.create(shift), x.getDataType()));
  }

  /**
   * {@code V W^T} for constant input channels, shaped {@code [k, 1.., 1, out]} (or
   * {@code [k, T, 1, out]} for per-task weights) to broadcast against a value of rank {@code rank}.
   */
  private static NDArray constantChannels(NDArray v, NDArray w, int rank) {
    if (w.getShape().dimension() == 2) {
      NDArray p = Linear.linear(v, w).singletonOrThrow(); // [k, out]
      long[] shape = new long[rank + 1];
      Arrays.fill(shape, 1);
      shape[0] = p.getShape().get(0);
      shape[rank] = p.getShape().get(1);
      return p.reshape(shape);
    }
    NDArray p = v.matMul(w.swapAxes(-1, -2)); // [T, k, out]
    return p.swapAxes(0, 1).expandDims(2); // [k, T, 1, out]
  }

  /** {@code h W^T}, as {@code (h R^T) L^T} for a factored layer, with or without a task axis on the weight. */
  private static NDArray product(NDArray h, LayerWeights lw) {
    return lw.isFactored() ? linear(linear(h, lw.right()), lw.left()) : linear(h, lw.weight());
  }

  /** {@code h W^T + b}, with or without a task axis on the weight. */
  static NDArray affine(NDArray h, LayerWeights lw) {
    NDArray b = lw.bias();
    if (!lw.isFactored() && lw.weight().getShape().dimension() == 2) { // one fused call
      return (b == null ? Linear.linear(h, lw.weight()) : Linear.linear(h, lw.weight(), b)).singletonOrThrow();
    }
    NDArray z = product(h, lw);
    return b == null ? z : z.add(b.getShape().dimension() == 1 ? b : b.expandDims(-2));
  }

  /** {@code h W^T} without bias for any leading axes. */
  private static NDArray linear(NDArray h, NDArray w) {
    if (w.getShape().dimension() == 2) {
      return Linear.linear(h, w).singletonOrThrow();
    }
    return h.matMul(w.swapAxes(-1, -2));
  }
}
