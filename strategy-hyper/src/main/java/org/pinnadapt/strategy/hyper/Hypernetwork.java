package org.pinnadapt.strategy.hyper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.Compositions;
import org.pinnadapt.api.nn.LayerSpec;
import org.pinnadapt.api.nn.LayerWeights;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;

/**
 * A hypernetwork \( h_\theta(\lambda) \) from a (normalized) task embedding to the weights a target
 * network needs: per layer the LoRA factors \( A \in \mathbb R^{r\times in} \),
 * \( B \in \mathbb R^{out\times r} \) of \( W = W_0 + B A \), or (full prediction) \( W \) and \( b \).
 * The output layer starts with small weights and a bias that makes the initial prediction the base
 * network (\( B = 0 \) and a random \( A \); or the base weights).
 */
public final class Hypernetwork {

  /** Names of the normalization arrays in the saved state. */
  public static final String MEAN = "norm.mean";
  /** Names of the normalization arrays in the saved state. */
  public static final String STD = "norm.std";

  /** Scalars of one layer's activations per chunk of {@link #evaluateAll}. */
  static final long FORWARD_SCALARS = 5_000_000L;

  private final NetworkSpec target;
  private final HyperConfig config;
  private final NetworkSpec spec;
  private final List<long[]> shapes = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  /**
   * Lays out the hypernetwork.
   *
   * @param target the network whose weights are predicted
   * @param config the configuration
   * @param embeddingDim the task embedding's length
   */
  public Hypernetwork(NetworkSpec target, HyperConfig config, int embeddingDim) {
    this.target = target;
    this.config = config;
    for (int i = 0; i < target.layers().size(); i++) {
      LayerSpec l = target.layers().get(i);
      if (config.full()) {
        add("layer" + i + ".weight", l.out(), l.in());
        if (l.bias()) {
          add("layer" + i + ".bias", l.out());
        }
      } else {
        add("layer" + i + ".A", config.rank(), l.in());
        add("layer" + i + ".B", l.out(), config.rank());
      }
    }
    if (config.full() && target.embedding() != null && target.embedding().parameterCount() > 0) {
      throw new IllegalArgumentException("full prediction of a learned input embedding is not supported");
    }
    int out = (int) predictedCount();
    List<LayerSpec> layers = new ArrayList<>();
    int in = embeddingDim;
    for (int w : config.hidden()) {
      layers.add(new LayerSpec(in, w, config.activation(), true));
      in = w;
    }
    layers.add(new LayerSpec(in, out, Activation.IDENTITY, true));
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < embeddingDim; i++) {
      inputs.add("z" + i);
    }
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < out; i++) {
      outputs.add("w" + i);
    }
    this.spec = new NetworkSpec(inputs, outputs, null, layers);
  }

  private void add(String name, long... shape) {
    names.add(name);
    shapes.add(shape);
  }

  /**
   * The hypernetwork's own layout.
   *
   * @return the specification
   */
  public NetworkSpec spec() {
    return spec;
  }

  /**
   * The number of predicted scalars per task.
   *
   * @return the output width
   */
  public long predictedCount() {
    long n = 0;
    for (long[] s : shapes) {
      long p = 1;
      for (long d : s) {
        p *= d;
      }
      n += p;
    }
    return n;
  }

  /**
   * Fresh hypernetwork weights plus the embedding normalization.
   *
   * @param net the hypernetwork executor
   * @param m the manager
   * @param seed the seed
   * @param base the base network weights (the prediction starts there)
   * @param mean embedding means over the training tasks
   * @param std embedding standard deviations over the training tasks
   * @return the parameters, normalization included ({@link #MEAN}, {@link #STD})
   */
  public Params initialize(Network net, NDManager m, long seed, Params base, double[] mean, double[] std) {
    Params p = net.initialize(m, seed);
    DataType type = p.get(NetworkSpec.weightName(0)).getDataType();
    int last = spec.layers().size() - 1;
    NDArray w = p.get(NetworkSpec.weightName(last));
    NDArray scaled = w.mul(Scalars.of(w, config.outputScale() / Math.sqrt(2.0 / (w.getShape().get(0) + w.getShape().get(1)))));
    p.put(NetworkSpec.weightName(last), scaled);
    w.close();
    double[] bias = new double[(int) predictedCount()];
    SplittableRandom rng = new SplittableRandom(seed + 17);
    int at = 0;
    for (int k = 0; k < names.size(); k++) {
      long[] s = shapes.get(k);
      int size = (int) (s.length == 1 ? s[0] : s[0] * s[1]);
      String name = names.get(k);
      if (config.full()) {
        double[] b = base.get(name).toType(DataType.FLOAT64, false).toDoubleArray();
        System.arraycopy(b, 0, bias, at, size);
      } else if (name.endsWith(".A")) {
        double sd = 1 / Math.sqrt(s[1]);
        for (int i = 0; i < size; i++) {
          double u1 = rng.nextDouble();
          double u2 = rng.nextDouble();
          bias[at + i] = sd * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        }
      } // B stays 0
      at += size;
    }
    NDArray oldBias = p.get(NetworkSpec.biasName(last));
    p.put(NetworkSpec.biasName(last), owned(m, bias, new Shape(bias.length), type));
    oldBias.close();
    p.put(MEAN, owned(m, mean, new Shape(mean.length), type));
    p.put(STD, owned(m, std, new Shape(std.length), type));
    return p;
  }

  private static NDArray owned(NDManager m, double[] v, Shape shape, DataType type) {
    return Scalars.owned(m.create(v, shape)).toType(type, false);
  }

  /**
   * The prediction for task embeddings.
   *
   * @param net the hypernetwork executor
   * @param params the hypernetwork's parameters (with normalization)
   * @param embedding {@code [T, e]} (or {@code [e]})
   * @return {@code [T, P]} (or {@code [P]})
   */
  public NDArray predict(Network net, Params params, NDArray embedding) {
    NDArray z = embedding.sub(params.get(MEAN)).div(params.get(STD));
    return net.forward(z, NetworkWeights.plain(spec, params));
  }

  /**
   * Many tasks' target networks evaluated at the same points: the hypernetwork's forward pass for all embeddings at
   * once, then the composed networks along the task axis, in chunks whose activations (about
   * {@link #FORWARD_SCALARS} scalars a layer) stay in the caches, which is faster than one large batch.
   *
   * @param net the hypernetwork executor
   * @param params the hypernetwork's parameters
   * @param base the base weights
   * @param embeddings {@code [T, k]}
   * @param target the target network's executor
   * @param x the points {@code [N, d]}
   * @return {@code [T, N, outputs]}, owned by the arrays' manager
   */
  public NDArray evaluateAll(Network net, Params params, Params base, NDArray embeddings, Network target, NDArray x) {
    NDArray predicted = predict(net, params, embeddings); // [T, P]
    long tasks = predicted.getShape().get(0);
    int widest = this.target.layers().stream().mapToInt(LayerSpec::out).max().orElse(1);
    long chunk = Math.max(1, FORWARD_SCALARS / (x.getShape().get(0) * widest));
    NDList parts = new NDList();
    for (long from = 0; from < tasks; from += chunk) {
      try (NDScope scope = new NDScope()) { // every array of the chunk but its output is closed at once
        NDArray p = predicted.get(new NDIndex("{}:{}", from, Math.min(tasks, from + chunk)));
        NDArray y = target.forward(x, compose(base, unpack(p)));
        NDScope.unregister(y);
        parts.add(y);
      }
    }
    return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
  }

  /**
   * Splits a prediction into named per-layer arrays.
   *
   * @param predicted {@code [T, P]} or {@code [P]}
   * @return arrays named {@code layer<i>.A}/{@code .B} (or {@code .weight}/{@code .bias}), with the task axis
   */
  public Params unpack(NDArray predicted) {
    boolean axis = predicted.getShape().dimension() == 2;
    long t = axis ? predicted.getShape().get(0) : 0;
    long[] cuts = new long[names.size() - 1];
    long at = 0;
    for (int k = 0; k < cuts.length; k++) {
      long[] s = shapes.get(k);
      at += s.length == 1 ? s[0] : s[0] * s[1];
      cuts[k] = at;
    }
    NDList parts = predicted.split(cuts, axis ? 1 : 0);
    Params out = new Params();
    for (int k = 0; k < names.size(); k++) {
      long[] s = shapes.get(k);
      long[] shape = axis ? prepend(t, s) : s;
      out.put(names.get(k), parts.get(k).reshape(shape));
    }
    return out;
  }

  private static long[] prepend(long t, long[] s) {
    long[] r = new long[s.length + 1];
    r[0] = t;
    System.arraycopy(s, 0, r, 1, s.length);
    return r;
  }

  /**
   * The target network's weights from unpacked predictions.
   *
   * @param base the base weights (LoRA mode)
   * @param predicted unpacked predictions
   * @return the weights
   */
  public NetworkWeights compose(Params base, Params predicted) {
    if (config.full()) {
      return NetworkWeights.plain(target, predicted);
    }
    NetworkWeights plain = NetworkWeights.plain(target, base);
    List<LayerWeights> layers = new ArrayList<>();
    for (int i = 0; i < target.layers().size(); i++) {
      NDArray w = Compositions.lowRank(base.get(NetworkSpec.weightName(i)), predicted.get("layer" + i + ".B"),
          predicted.get("layer" + i + ".A"));
      layers.add(new LayerWeights(w, plain.layers().get(i).bias()));
    }
    return new NetworkWeights(plain.embedding(), layers);
  }

  /**
   * The predicted names in output order.
   *
   * @return the names
   */
  public List<String> names() {
    return names;
  }
}
