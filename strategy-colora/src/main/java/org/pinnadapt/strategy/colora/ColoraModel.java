package org.pinnadapt.strategy.colora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.Compositions;
import org.pinnadapt.api.nn.EmbeddingSpec;
import org.pinnadapt.api.nn.LayerSpec;
import org.pinnadapt.api.nn.LayerWeights;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;

/**
 * A CoLoRA network (Berman and Peherstorfer 2024) over the spatial inputs: an optional learned
 * periodic layer (when every spatial input is periodic), then dense layers
 * {@code y = act((W_i + P_i diag(alpha_i) Q_i) x + b_i)} with swish activations and a linear output
 * layer. {@code Q_i} starts at zero, so alpha = 0 is the offline network {@code W_i}. Time is not an
 * input: it enters through the online parameters alpha(t, mu), predicted by a small hypernetwork
 * (CoLoRA-D) or integrated in time (CoLoRA-EQ).
 *
 * <p>Parameter names: {@code net.*} (the offline network under the standard names),
 * {@code colora<i>.P} ({@code [out, r]}), {@code colora<i>.Q} ({@code [r, in]}), {@code hyper.*},
 * {@code norm.mean}, {@code norm.std} (of the hypernetwork input {@code (t, mu)}).
 */
public final class ColoraModel {

  static final String MEAN = "norm.mean";
  static final String STD = "norm.std";

  private final List<String> inputs;
  private final List<String> outputs;
  private final int width;
  private final int layers;
  private final int rank;
  private final boolean perRank;
  private final NetworkSpec spec;
  private final NetworkSpec hyperSpec;

  /**
   * Lays out a model.
   *
   * @param inputs the spatial input names
   * @param periods the period of each spatial input ({@code NaN} if not periodic)
   * @param outputs the field names
   * @param width hidden width
   * @param layers number of dense (CoLoRA) layers
   * @param rank rank of the updates
   * @param perRank one alpha per rank instead of per layer
   * @param hyperWidth hypernetwork width
   * @param embeddingDim the task embedding's length
   */
  public ColoraModel(List<String> inputs, double[] periods, List<String> outputs, int width, int layers, int rank,
      boolean perRank, int hyperWidth, int embeddingDim) {
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.width = width;
    this.layers = layers;
    this.rank = rank;
    this.perRank = perRank;
    boolean periodic = periods.length > 0;
    for (double p : periods) {
      periodic &= !Double.isNaN(p);
    }
    EmbeddingSpec embedding = periodic ? new EmbeddingSpec(EmbeddingSpec.Kind.LEARNED, periods, width) : null;
    List<LayerSpec> l = new ArrayList<>();
    int in = periodic ? width : inputs.size();
    for (int i = 0; i < layers; i++) {
      boolean last = i == layers - 1;
      int out = last ? outputs.size() : width;
      l.add(new LayerSpec(in, out, last ? Activation.IDENTITY : Activation.SWISH, true));
      in = out;
    }
    this.spec = new NetworkSpec(inputs, outputs, embedding, l);
    List<String> z = new ArrayList<>();
    z.add("t");
    for (int i = 0; i < embeddingDim; i++) {
      z.add("mu" + i);
    }
    List<String> a = new ArrayList<>();
    for (int i = 0; i < onlineCount(); i++) {
      a.add("alpha" + i);
    }
    this.hyperSpec = new NetworkSpec(z, a, null, List.of(
        new LayerSpec(z.size(), hyperWidth, Activation.SWISH, true),
        new LayerSpec(hyperWidth, hyperWidth, Activation.SWISH, true),
        new LayerSpec(hyperWidth, onlineCount(), Activation.IDENTITY, true)));
  }

  /** @return the offline network's layout (spatial inputs) */
  public NetworkSpec spec() {
    return spec;
  }

  /** @return the hypernetwork's layout */
  public NetworkSpec hyperSpec() {
    return hyperSpec;
  }

  /** @return the number of online parameters alpha */
  public int onlineCount() {
    return perRank ? layers * rank : layers;
  }

  /** @return the spatial input names */
  public List<String> inputs() {
    return inputs;
  }

  /** @return the number of offline scalars: network, updates and hypernetwork */
  public long offlineCount() {
    long n = spec.parameterCount() + hyperSpec.parameterCount();
    for (LayerSpec l : spec.layers()) {
      n += (long) rank * (l.in() + l.out());
    }
    return n;
  }

  /**
   * Fresh parameters: Glorot network, Gaussian {@code P}, zero {@code Q}, a hypernetwork with small output.
   *
   * @param net the executor of {@link #spec()}
   * @param hyper the executor of {@link #hyperSpec()}
   * @param m the manager
   * @param seed the seed
   * @param mean means of the hypernetwork input
   * @param std standard deviations of the hypernetwork input
   * @param type the floating-point type
   * @return the parameters
   */
  public Params initialize(Network net, Network hyper, NDManager m, long seed, double[] mean, double[] std,
      DataType type) {
    Params p = new Params();
    p.putAll("net.", net.initialize(m, seed));
    SplittableRandom rng = new SplittableRandom(seed * 17 + 3);
    for (int i = 0; i < layers; i++) {
      LayerSpec l = spec.layers().get(i);
      double[] v = new double[l.out() * rank];
      for (int k = 0; k < v.length; k++) {
        v[k] = gaussian(rng) / Math.sqrt(rank);
      }
      p.put("colora" + i + ".P", create(m, v, new Shape(l.out(), rank), type));
      p.put("colora" + i + ".Q", m.zeros(new Shape(rank, l.in()), type));
    }
    p.putAll("hyper.", hyper.initialize(m, seed + 5));
    p.put(MEAN, create(m, mean, new Shape(mean.length), type));
    p.put(STD, create(m, std, new Shape(std.length), type));
    return p;
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  static NDArray create(NDManager m, double[] v, Shape shape, DataType type) {
    return Scalars.owned(m.create(v, shape)).toType(type, false);
  }

  /**
   * alpha(t, mu) from the hypernetwork.
   *
   * @param hyper the executor of {@link #hyperSpec()}
   * @param p the parameters
   * @param z {@code [..., 1 + e]} rows {@code (t, mu)}
   * @return {@code [..., onlineCount]}
   */
  public NDArray alpha(Network hyper, Params p, NDArray z) {
    NDArray n = z.sub(p.get(MEAN)).div(p.get(STD));
    return hyper.forward(n, NetworkWeights.plain(hyperSpec, p.subset("hyper.")));
  }

  /** The alpha of layer {@code i}: {@code [..., 1]} or {@code [..., r]}. */
  private NDArray layerAlpha(NDArray alpha, int i) {
    return perRank ? alpha.get(new NDIndex("..., " + (i * rank) + ":" + ((i + 1) * rank)))
        : alpha.get(new NDIndex("..., " + i + ":" + (i + 1)));
  }

  /**
   * The network weights for one alpha (or a task axis of alphas), for the framework's network executor
   * (jets).
   *
   * @param p the parameters
   * @param alpha {@code [onlineCount]} or {@code [T, onlineCount]}
   * @return the weights
   */
  public NetworkWeights weights(Params p, NDArray alpha) {
    NetworkWeights plain = NetworkWeights.plain(spec, p.subset("net."));
    List<LayerWeights> out = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      NDArray w = Compositions.scaledUpdate(plain.layers().get(i).weight(), p.get("colora" + i + ".P"),
          layerAlpha(alpha, i), p.get("colora" + i + ".Q"));
      out.add(new LayerWeights(w, plain.layers().get(i).bias()));
    }
    return new NetworkWeights(plain.embedding(), out);
  }

  /**
   * The output with one alpha per point (or per slice), without forming per-point weights:
   * {@code z = W h + P (alpha * (Q h)) + b}.
   *
   * @param p the parameters
   * @param x {@code [..., N, d]} spatial points
   * @param alpha {@code [..., N, onlineCount]} or broadcastable ({@code [..., 1, onlineCount]})
   * @return {@code [..., N, outputs]}
   */
  public NDArray forward(Params p, NDArray x, NDArray alpha) {
    return propagate(p, x, alpha, false).get(0);
  }

  /**
   * The output and its Jacobian with respect to alpha (forward mode: one tangent per alpha).
   *
   * @param p the parameters
   * @param x {@code [N, d]} spatial points
   * @param alpha {@code [onlineCount]}
   * @return {@code [value [N, F], jacobian [onlineCount, N, F]]}
   */
  public NDList withJacobian(Params p, NDArray x, NDArray alpha) {
    return propagate(p, x, alpha.reshape(1, -1), true);
  }

  private NDList propagate(Params p, NDArray x, NDArray alpha, boolean tangents) {
    NDArray h = embed(p, x);
    NDArray dh = null; // [tangents of the layers so far, N, width]
    for (int i = 0; i < layers; i++) {
      NDArray w = p.get("net." + NetworkSpec.weightName(i));
      NDArray b = p.get("net." + NetworkSpec.biasName(i));
      NDArray pm = p.get("colora" + i + ".P");
      NDArray q = p.get("colora" + i + ".Q");
      NDArray a = layerAlpha(alpha, i);
      NDArray qh = h.matMul(q.transpose()); // [..., N, r]
      NDArray z = h.matMul(w.transpose()).add(qh.mul(a).matMul(pm.transpose())).add(b);
      NDArray dz = null;
      if (tangents) {
        // d z / d alpha_k = (W + P diag(a) Q) dh_k + [k belongs to layer i] P e_k (Q h). The tangents of later
        // layers are still zero here, so dh holds only those of layers 0..i-1 (in order) and layer i's are appended
        NDArray d = perRank ? rankColumns(qh, pm) : qh.matMul(pm.transpose()).expandDims(0);
        if (dh == null) {
          dz = d;
        } else {
          NDArray wEff = Compositions.scaledUpdate(w, pm, a.reshape(-1), q);
          dz = dh.matMul(wEff.transpose()).concat(d, 0);
        }
      }
      if (i < layers - 1) {
        NDArray s = ai.djl.nn.Activation.sigmoid(z);
        NDArray act = z.mul(s);
        if (tangents) {
          NDArray deriv = s.mul(z.mul(s.neg().add(1)).add(1)); // swish' = s (1 + z (1 - s))
          dh = dz.mul(deriv);
        }
        h = act;
      } else {
        h = z;
        dh = dz;
      }
    }
    return tangents ? new NDList(h, dh) : new NDList(h);
  }

  /** {@code P e_k (Q h)} for each rank {@code k} of one layer: {@code [rank, ..., N, out]}. */
  private NDArray rankColumns(NDArray qh, NDArray pm) {
    NDList cols = new NDList();
    for (int k = 0; k < rank; k++) {
      cols.add(qh.get(new NDIndex("..., " + k + ":" + (k + 1))).matMul(pm.get(new NDIndex(":, " + k + ":" + (k + 1)))
          .transpose()));
    }
    return NDArrays.stack(cols, 0);
  }

  /** The learned periodic layer (as the framework's network computes it), or the raw inputs. */
  private NDArray embed(Params p, NDArray x) {
    EmbeddingSpec e = spec.embedding();
    if (e == null) {
      return x;
    }
    double[] periods = e.periods();
    double[] omega = new double[periods.length];
    for (int i = 0; i < omega.length; i++) {
      omega[i] = 2 * Math.PI / periods[i];
    }
    NDArray w = create(x.getManager(), omega, new Shape(omega.length), x.getDataType());
    NDArray theta = x.mul(w).expandDims(-2).add(p.get("net.embedding.c")); // [..., N, F, D]
    return theta.cos().mul(p.get("net.embedding.a")).mean(new int[] {-1})
        .add(p.get("net.embedding.b").mean(new int[] {-1}));
  }
}
