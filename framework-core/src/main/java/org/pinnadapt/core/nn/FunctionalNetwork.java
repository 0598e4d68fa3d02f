package org.pinnadapt.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.EmbeddingSpec;
import org.pinnadapt.api.nn.LayerSpec;
import org.pinnadapt.api.nn.LayerWeights;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
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
      double std = Math.sqrt(2.0 / (l.in() + l.out()));
      double[] w = new double[l.in() * l.out()];
      for (int j = 0; j < w.length; j++) {
        w[j] = std * gaussian(rng);
      }
      p.put(NetworkSpec.weightName(i), create(manager, w, new Shape(l.out(), l.in())));
      if (l.bias()) {
        p.put(NetworkSpec.biasName(i), create(manager, new double[l.out()], new Shape(l.out())));
      }
    }
    return p;
  }

  private NDArray create(NDManager manager, double[] values, Shape shape) {
    NDArray a = manager.create(values, shape);
    return dataType == DataType.FLOAT64 ? a : a.toType(dataType, false);
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  @Override
  public NDArray forward(NDArray x, NetworkWeights weights) {
    NDArray h = spec.embedding() == null ? x : Embeddings.value(spec.embedding(), x, weights.embedding());
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
    NDArray value;
    NDArray derivs; // [k + m, ..., N, w], or for constant input channels [k, in]
    boolean constant;
    if (spec.embedding() == null) {
      value = x;
      derivs = k == 0 ? null : directions(x.getManager(), plan, x.getDataType());
      constant = true;
    } else {
      NDList e = Embeddings.jets(spec.embedding(), x, weights.embedding(), plan);
      value = e.get(0);
      derivs = k == 0 ? null : e.get(1);
      constant = false;
    }
    List<LayerSpec> layers = spec.layers();
    for (int i = 0; i < layers.size(); i++) {
      LayerWeights lw = weights.layers().get(i);
      Activation act = layers.get(i).activation();
      NDArray z = affine(value, lw);
      if (k == 0) {
        value = Activations.apply(act, z);
        continue;
      }
      NDArray dz1;
      NDArray dz2 = null;
      if (constant) {
        dz1 = constantChannels(derivs, lw.weight(), z.getShape().dimension());
      } else {
        NDArray dz = linear(derivs, lw.weight());
        dz1 = m == 0 ? dz : dz.get(new NDIndex("0:{}", k));
        dz2 = m == 0 ? null : dz.get(new NDIndex("{}:", k));
      }
      NDArray a = Activations.apply(act, z);
      NDArray s1 = Activations.first(act, z, a);
      NDArray a1 = s1 == null ? dz1 : dz1.mul(s1);
      NDArray a2 = null;
      if (m > 0) {
        NDArray z1sel = select(dz1, sources);
        NDArray a1sel = select(a1, sources);
        NDArray correction = Activations.secondTerm(act, z, a, z1sel, a1sel);
        NDArray linearPart = dz2 == null ? null : (s1 == null ? dz2 : dz2.mul(s1));
        if (linearPart == null && correction == null) {
          a2 = z1sel.zerosLike(); // an affine map of the inputs has no second derivative
        } else if (linearPart == null) {
          a2 = correction;
        } else {
          a2 = correction == null ? linearPart : linearPart.add(correction);
        }
      }
      value = a;
      derivs = fullChannels(a1, a2, value.getShape());
      constant = false;
    }
    return new JetFields(spec, plan, x, value, derivs, parameters);
  }

  /** Stacks first- and second-order channels, broadcasting constant channels to the value shape. */
  private static NDArray fullChannels(NDArray a1, NDArray a2, Shape valueShape) {
    NDArray first = broadcastChannels(a1, valueShape);
    if (a2 == null) {
      return first;
    }
    return NDArrays.concat(new NDList(first, broadcastChannels(a2, valueShape)), 0);
  }

  private static NDArray broadcastChannels(NDArray c, Shape valueShape) {
    Shape full = new Shape(c.getShape().get(0)).addAll(valueShape);
    return c.getShape().equals(full) ? c : c.broadcast(full);
  }

  /** The channels listed in {@code sources}, along axis 0. */
  private static NDArray select(NDArray channels, int[] sources) {
    boolean contiguous = true;
    for (int i = 1; i < sources.length; i++) {
      contiguous &= sources[i] == sources[0] + i;
    }
    if (contiguous) {
      return channels.get(new NDIndex("{}:{}", sources[0], sources[0] + sources.length));
    }
    NDList parts = new NDList();
    for (int s : sources) {
      parts.add(channels.get(new NDIndex("{}:{}", s, s + 1)));
    }
    return NDArrays.concat(parts, 0);
  }

  /** The constant direction vectors {@code [k, d]}. */
  private static NDArray directions(NDManager manager, JetPlan plan, DataType type) {
    List<double[]> dirs = plan.directions();
    int d = dirs.get(0).length;
    double[] flat = new double[dirs.size() * d];
    for (int i = 0; i < dirs.size(); i++) {
      System.arraycopy(dirs.get(i), 0, flat, i * d, d);
    }
    NDArray v = manager.create(flat, new Shape(dirs.size(), d));
    return type == DataType.FLOAT64 ? v : v.toType(type, false);
  }

  /**
   * {@code V W^T} for constant input channels, shaped {@code [k, 1.., 1, out]} (or
   * {@code [k, T, 1, out]} for per-task weights) to broadcast against a value of rank {@code rank}.
   */
  private static NDArray constantChannels(NDArray v, NDArray w, int rank) {
    if (w.getShape().dimension() == 2) {
      NDArray p = Linear.linear(v, w).singletonOrThrow(); // [k, out]
      long[] shape = new long[rank + 1];
      java.util.Arrays.fill(shape, 1);
      shape[0] = p.getShape().get(0);
      shape[rank] = p.getShape().get(1);
      return p.reshape(shape);
    }
    NDArray p = v.matMul(w.swapAxes(-1, -2)); // [T, k, out]
    return p.swapAxes(0, 1).expandDims(2); // [k, T, 1, out]
  }

  /** {@code h W^T + b}, with or without a task axis on the weight. */
  static NDArray affine(NDArray h, LayerWeights lw) {
    NDArray w = lw.weight();
    NDArray b = lw.bias();
    if (w.getShape().dimension() == 2) {
      return (b == null ? Linear.linear(h, w) : Linear.linear(h, w, b)).singletonOrThrow();
    }
    NDArray z = h.matMul(w.swapAxes(-1, -2));
    if (b != null) {
      z = z.add(b.expandDims(-2));
    }
    return z;
  }

  /** {@code h W^T} without bias for any leading axes. */
  private static NDArray linear(NDArray h, NDArray w) {
    if (w.getShape().dimension() == 2) {
      return Linear.linear(h, w).singletonOrThrow();
    }
    return h.matMul(w.swapAxes(-1, -2));
  }
}
