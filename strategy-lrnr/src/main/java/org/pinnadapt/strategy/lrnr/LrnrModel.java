package org.pinnadapt.strategy.lrnr;

import ai.djl.ndarray.NDArray;
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
 * A low-rank neural representation (LRNR, Cho et al. 2023) and its coefficient hypernetwork.
 *
 * <p>Network: a dense input layer {@code h_1 = tanh(W_0 x + b_0)}, then {@code L} low-rank layers
 * {@code h_{l+1} = tanh(V_l diag(s_l) U_l^T h_l)} without bias, then a dense linear output layer. The
 * bases {@code U_l, V_l} ({@code [width, r_l]}) are shared by all tasks; the coefficients {@code s_l}
 * ({@code [r_l]}) are per task. Hypernetwork: the normalized task embedding through three tanh layers,
 * then one linear + ReLU head per low-rank layer (concatenated into one layer), so {@code s >= 0} and
 * exact zeros are possible, which truncation exploits.
 *
 * <p>Parameter names: {@code net.layer0.*} and {@code net.layer<L+1>.*} (dense layers, standard names
 * of the plain spec), {@code lr<l>.U}, {@code lr<l>.V}, {@code hyper.layer<i>.*}, {@code norm.mean},
 * {@code norm.std}.
 */
public final class LrnrModel {

  static final String MEAN = "norm.mean";
  static final String STD = "norm.std";

  private final List<String> inputs;
  private final List<String> outputs;
  private final int width;
  private final int[] ranks;
  private final int hyperWidth;
  private final int embeddingDim;
  private final EmbeddingSpec inputEmbedding;
  private final NetworkSpec spec;
  private final NetworkSpec hyperSpec;

  /**
   * Lays out a model.
   *
   * @param inputs the PDE's input names
   * @param outputs the PDE's field names
   * @param width the hidden width
   * @param ranks the rank of each low-rank layer
   * @param hyperWidth the hypernetwork width
   * @param embeddingDim the task embedding's length
   */
  public LrnrModel(List<String> inputs, List<String> outputs, int width, int[] ranks, int hyperWidth,
      int embeddingDim) {
    this(inputs, outputs, width, ranks, hyperWidth, embeddingDim, null);
  }

  /**
   * Lays out a model whose first layer reads fixed Fourier features of the inputs.
   *
   * @param inputs the PDE's input names
   * @param outputs the PDE's field names
   * @param width the hidden width
   * @param ranks the rank of each low-rank layer
   * @param hyperWidth the hypernetwork width
   * @param embeddingDim the task embedding's length
   * @param inputEmbedding fixed Fourier features of the inputs ({@link EmbeddingSpec.Kind#FOURIER}), or
   *     {@code null} for raw inputs
   */
  public LrnrModel(List<String> inputs, List<String> outputs, int width, int[] ranks, int hyperWidth,
      int embeddingDim, EmbeddingSpec inputEmbedding) {
    if (inputEmbedding != null && inputEmbedding.kind() != EmbeddingSpec.Kind.FOURIER) {
      throw new IllegalArgumentException("an LRNR takes fixed Fourier features only, not " + inputEmbedding.kind());
    }
    this.inputEmbedding = inputEmbedding;
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.width = width;
    this.ranks = ranks.clone();
    this.hyperWidth = hyperWidth;
    this.embeddingDim = embeddingDim;
    List<LayerSpec> layers = new ArrayList<>();
    layers.add(new LayerSpec(inputEmbedding == null ? inputs.size() : inputEmbedding.outputDim(), width,
        Activation.TANH, true));
    for (int l = 0; l < ranks.length; l++) {
      layers.add(new LayerSpec(width, width, Activation.TANH, false));
    }
    layers.add(new LayerSpec(width, outputs.size(), Activation.IDENTITY, true));
    this.spec = new NetworkSpec(inputs, outputs, inputEmbedding, layers);
    List<LayerSpec> h = new ArrayList<>();
    h.add(new LayerSpec(embeddingDim, hyperWidth, Activation.TANH, true));
    h.add(new LayerSpec(hyperWidth, hyperWidth, Activation.TANH, true));
    h.add(new LayerSpec(hyperWidth, hyperWidth, Activation.TANH, true));
    h.add(new LayerSpec(hyperWidth, totalRank(), Activation.RELU, true));
    List<String> z = new ArrayList<>();
    for (int i = 0; i < embeddingDim; i++) {
      z.add("z" + i);
    }
    List<String> s = new ArrayList<>();
    for (int i = 0; i < totalRank(); i++) {
      s.add("s" + i);
    }
    this.hyperSpec = new NetworkSpec(z, s, null, h);
  }

  /**
   * The same model with other ranks (after truncation).
   *
   * @param newRanks the rank of each low-rank layer
   * @return the model
   */
  public LrnrModel withRanks(int[] newRanks) {
    return new LrnrModel(inputs, outputs, width, newRanks, hyperWidth, embeddingDim, inputEmbedding);
  }

  /** @return the full network's layout (low-rank layers as dense {@code width x width} layers) */
  public NetworkSpec spec() {
    return spec;
  }

  /** @return the hypernetwork's layout */
  public NetworkSpec hyperSpec() {
    return hyperSpec;
  }

  /** @return the fixed Fourier features of the inputs, or {@code null} for raw inputs */
  public EmbeddingSpec inputEmbedding() {
    return inputEmbedding;
  }

  /**
   * The first layer's input for one point: the point itself or its Fourier features.
   *
   * @param point one point of the PDE's domain
   * @return the first layer's input
   */
  public double[] firstLayerInput(double[] point) {
    return inputEmbedding == null ? point : inputEmbedding.embed(point);
  }

  /** @return the hidden width */
  public int width() {
    return width;
  }

  /** @return the rank of each low-rank layer */
  public int[] ranks() {
    return ranks.clone();
  }

  /** @return the number of low-rank layers */
  public int lowRankLayers() {
    return ranks.length;
  }

  /** @return the sum of the ranks: coefficients per task */
  public int totalRank() {
    int n = 0;
    for (int r : ranks) {
      n += r;
    }
    return n;
  }

  /** @return the index of the output layer in {@link #spec()} */
  public int lastLayer() {
    return ranks.length + 1;
  }

  /** @return the number of scalars of the two dense layers */
  public long denseParameterCount() {
    return spec.layers().get(0).parameterCount() + spec.layers().get(lastLayer()).parameterCount();
  }

  /** @return the input names */
  public List<String> inputs() {
    return inputs;
  }

  /** @return the output names */
  public List<String> outputs() {
    return outputs;
  }

  /** @return the task embedding's length */
  public int embeddingDim() {
    return embeddingDim;
  }

  /**
   * Fresh parameters: Glorot dense layers, bases with orthonormal columns, a hypernetwork whose heads
   * start near {@code s = 1} (small weights, unit bias) so that no rank starts dead.
   *
   * @param net the network executor of {@link #spec()}
   * @param hyperNet the executor of {@link #hyperSpec()}
   * @param m the manager
   * @param seed the seed
   * @param mean embedding means over the training tasks
   * @param std embedding standard deviations
   * @param type the floating-point type
   * @return the parameters
   */
  public Params initialize(Network net, Network hyperNet, NDManager m, long seed, double[] mean, double[] std,
      DataType type) {
    Params p = new Params();
    Params plain = net.initialize(m, seed);
    for (int i : new int[] {0, lastLayer()}) {
      p.put("net." + NetworkSpec.weightName(i), plain.get(NetworkSpec.weightName(i)));
      p.put("net." + NetworkSpec.biasName(i), plain.get(NetworkSpec.biasName(i)));
    }
    for (int l = 1; l <= ranks.length; l++) {
      plain.get(NetworkSpec.weightName(l)).close();
    }
    SplittableRandom rng = new SplittableRandom(seed * 31 + 7);
    for (int l = 0; l < ranks.length; l++) {
      p.put("lr" + l + ".U", create(m, orthonormalColumns(width, ranks[l], rng), new Shape(width, ranks[l]), type));
      p.put("lr" + l + ".V", create(m, orthonormalColumns(width, ranks[l], rng), new Shape(width, ranks[l]), type));
    }
    Params h = hyperNet.initialize(m, seed + 101);
    int last = hyperSpec.layers().size() - 1;
    NDArray w = h.get(NetworkSpec.weightName(last));
    h.put(NetworkSpec.weightName(last), Scalars.mul(w, 0.1));
    w.close();
    NDArray b = h.get(NetworkSpec.biasName(last));
    h.put(NetworkSpec.biasName(last), m.ones(b.getShape(), type));
    b.close();
    p.putAll("hyper.", h);
    p.put(MEAN, create(m, mean, new Shape(mean.length), type));
    p.put(STD, create(m, std, new Shape(std.length), type));
    return p;
  }

  static NDArray create(NDManager m, double[] v, Shape shape, DataType type) {
    return Scalars.owned(m.create(v, shape)).toType(type, false);
  }

  /** Gram-Schmidt on Gaussian columns: an {@code n x r} row-major matrix with orthonormal columns. */
  static double[] orthonormalColumns(int n, int r, SplittableRandom rng) {
    double[][] cols = new double[r][n];
    for (int j = 0; j < r; j++) {
      for (int i = 0; i < n; i++) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        cols[j][i] = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
      }
      for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < j; k++) {
          double dot = 0;
          for (int i = 0; i < n; i++) {
            dot += cols[j][i] * cols[k][i];
          }
          for (int i = 0; i < n; i++) {
            cols[j][i] -= dot * cols[k][i];
          }
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += cols[j][i] * cols[j][i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        cols[j][i] /= norm;
      }
    }
    double[] out = new double[n * r];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < r; j++) {
        out[i * r + j] = cols[j][i];
      }
    }
    return out;
  }

  /**
   * The coefficients predicted for task embeddings.
   *
   * @param hyperNet the executor of {@link #hyperSpec()}
   * @param p the parameters
   * @param embedding {@code [T, e]} or {@code [e]}
   * @return one array per low-rank layer, {@code [T, r_l]} or {@code [r_l]}
   */
  public List<NDArray> coefficients(Network hyperNet, Params p, NDArray embedding) {
    NDArray z = embedding.sub(p.get(MEAN)).div(p.get(STD));
    NDArray s = hyperNet.forward(z, NetworkWeights.plain(hyperSpec, p.subset("hyper.")));
    return split(s);
  }

  /**
   * Splits concatenated coefficients by layer.
   *
   * @param s {@code [..., sum r]}
   * @return one array per layer
   */
  public List<NDArray> split(NDArray s) {
    int axis = s.getShape().dimension() - 1;
    long[] cuts = new long[ranks.length - 1];
    long at = 0;
    for (int l = 0; l < cuts.length; l++) {
      at += ranks[l];
      cuts[l] = at;
    }
    NDList parts = cuts.length == 0 ? new NDList(s) : s.split(cuts, axis);
    return new ArrayList<>(parts);
  }

  /**
   * The network's weights for coefficients.
   *
   * @param p the shared parameters (bases; dense layers unless overridden)
   * @param s coefficients per low-rank layer, {@code [r_l]} or {@code [T, r_l]}
   * @param dense dense-layer overrides under {@code net.*} names, or {@code null}
   * @return the weights
   */
  public NetworkWeights weights(Params p, List<NDArray> s, Params dense) {
    List<LayerWeights> layers = new ArrayList<>();
    layers.add(denseLayer(p, dense, 0));
    for (int l = 0; l < ranks.length; l++) {
      NDArray v = p.get("lr" + l + ".V");
      NDArray u = p.get("lr" + l + ".U");
      layers.add(factoredIsCheaper(width, ranks[l])
          ? LayerWeights.factored(v.mul(s.get(l).expandDims(-2)), u.swapAxes(-1, -2), null)
          : new LayerWeights(Compositions.scaledFactors(v, s.get(l), u), null));
    }
    layers.add(denseLayer(p, dense, lastLayer()));
    return new NetworkWeights(List.of(), layers);
  }

  /** Whether a rank-r layer runs factored: at most 1/4 of the matrix's multiply-adds, and a matrix >= 256 x 256. */
  static boolean factoredIsCheaper(int width, int r) {
    long full = (long) width * width;
    return full >= 256L * 256 && 4L * r * 2 * width <= full;
  }

  private static LayerWeights denseLayer(Params p, Params dense, int i) {
    String w = "net." + NetworkSpec.weightName(i);
    String b = "net." + NetworkSpec.biasName(i);
    Params src = dense != null && dense.contains(w) ? dense : p;
    return new LayerWeights(src.get(w), src.get(b));
  }

  /**
   * The orthogonality regularizer {@code sum_l (||U_l^T U_l - I||_F + ||V_l^T V_l - I||_F) / r_l^2}.
   *
   * @param p the parameters
   * @return a scalar
   */
  public NDArray orthogonality(Params p) {
    NDArray total = null;
    for (int l = 0; l < ranks.length; l++) {
      NDArray eye = p.get("lr" + l + ".U").getManager().eye(ranks[l]).toType(p.get("lr" + l + ".U").getDataType(), false);
      NDArray term = null;
      for (String n : new String[] {".U", ".V"}) {
        NDArray f = p.get("lr" + l + n);
        NDArray d = f.transpose().matMul(f).sub(eye);
        NDArray norm = d.mul(d).sum().add(Scalars.of(d, 1e-30)).sqrt();
        term = term == null ? norm : term.add(norm);
      }
      term = Scalars.mul(term, 1.0 / ((double) ranks[l] * ranks[l]));
      total = total == null ? term : total.add(term);
    }
    return total;
  }

  /**
   * The sparsity-promoting regularizer {@code sum_l mean_T sum_k ReLU(-s_k + gamma s_{k+1})}: zero exactly
   * when every layer's coefficients decay at least geometrically with ratio {@code 1/gamma} along the
   * rank index (FastLRNR; D banded with -1 on the diagonal, gamma above it).
   *
   * @param s coefficients per layer, {@code [r]} or {@code [T, r]}
   * @param gamma the super-diagonal
   * @return a scalar
   */
  public static NDArray sparsity(List<NDArray> s, double gamma) {
    NDArray total = null;
    for (NDArray c : s) {
      long r = c.getShape().get(c.getShape().dimension() - 1);
      if (r < 2) {
        continue;
      }
      NDArray head = c.get(new NDIndex("..., :" + (r - 1)));
      NDArray tail = c.get(new NDIndex("..., 1:"));
      NDArray ds = Scalars.mul(tail, gamma).sub(head);
      NDArray v = ds.maximum(Scalars.of(ds, 0)).sum(new int[] {-1});
      NDArray term = v.getShape().dimension() == 0 ? v : v.mean();
      total = total == null ? term : total.add(term);
    }
    return total;
  }
}
