package org.pinnadapt.strategy.lrnr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.Compositions;
import org.pinnadapt.api.nn.LayerSpec;
import org.pinnadapt.api.nn.LayerWeights;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;

/**
 * The EIM-reduced LRNR of FastLRNR (SPInProp). For each hidden state {@code h_j} of the full LRNR,
 * snapshots at the sample points over parameter samples give a basis {@code Phi_j} (leading left
 * singular vectors) and DEIM interpolation rows {@code I_j}, so that
 * {@code h_j ~ Phi_j P_j h_j[I_j]} with {@code P_j = (Phi_j[I_j, :])^-1}. The reduced network carries only
 * {@code g_j = h_j[I_j]}:
 *
 * <pre>
 *   g_1     = tanh(W_0[I_1, :] x + b_0[I_1])
 *   g_{l+1} = tanh(V_l[I_{l+1}, :] diag(s_l) (U_l^T Phi_l P_l) g_l)
 *   u       = (W_out Phi_L P_L) g_L + b_out
 * </pre>
 *
 * <p>It is an ordinary small network whose low-rank weights are composed from the coefficients, so its
 * derivatives with respect to the inputs come from the same Taylor jets as the full network's (exact
 * derivatives of the reduced network, where the paper uses finite differences over the shifted points;
 * the shifted points still enter the snapshots so that the bases capture the derivative directions).
 */
public final class Eim implements AutoCloseable {

  private final LrnrModel model;
  private final NDManager manager;
  private final NetworkSpec reducedSpec;
  private final int[] sizes;
  private final List<int[]> indices;
  private final List<double[][]> bases;
  private final NDArray firstWeight;
  private final NDArray firstBias;
  private final List<NDArray> reducedV;
  private final List<NDArray> reducedU;
  private final NDArray lastWeight;
  private final NDArray lastBias;

  private Eim(LrnrModel model, NDManager manager, List<double[][]> bases, List<int[]> indices, Params p,
      DataType type) {
    this.model = model;
    this.manager = manager;
    this.bases = bases;
    this.indices = indices;
    int states = bases.size();
    this.sizes = new int[states];
    for (int j = 0; j < states; j++) {
      sizes[j] = indices.get(j).length;
    }
    List<double[][]> inv = new ArrayList<>();
    for (int j = 0; j < states; j++) {
      double[][] phi = bases.get(j);
      int[] idx = indices.get(j);
      double[][] rows = new double[idx.length][];
      for (int k = 0; k < idx.length; k++) {
        rows[k] = phi[idx[k]].clone();
      }
      inv.add(Linalg.inverse(rows));
    }
    double[][] w0 = matrix(p.get("net." + NetworkSpec.weightName(0)));
    double[] b0 = p.get("net." + NetworkSpec.biasName(0)).toType(DataType.FLOAT64, false).toDoubleArray();
    firstWeight = create(selectRows(w0, indices.get(0)), type);
    firstBias = create1(select(b0, indices.get(0)), type);
    reducedV = new ArrayList<>();
    reducedU = new ArrayList<>();
    for (int l = 0; l < model.lowRankLayers(); l++) {
      double[][] v = matrix(p.get("lr" + l + ".V"));
      double[][] u = matrix(p.get("lr" + l + ".U"));
      reducedV.add(create(selectRows(v, indices.get(l + 1)), type));
      // u_red = P_l^T Phi_l^T U_l : [k_l, r]
      double[][] phiTu = Linalg.multiply(Linalg.transpose(bases.get(l)), u);
      reducedU.add(create(Linalg.multiply(Linalg.transpose(inv.get(l)), phiTu), type));
    }
    int last = model.lastLayer();
    double[][] wl = matrix(p.get("net." + NetworkSpec.weightName(last)));
    double[][] red = Linalg.multiply(Linalg.multiply(wl, bases.get(states - 1)), inv.get(states - 1));
    lastWeight = create(red, type);
    lastBias = create1(p.get("net." + NetworkSpec.biasName(last)).toType(DataType.FLOAT64, false).toDoubleArray(),
        type);
    List<LayerSpec> layers = new ArrayList<>();
    layers.add(new LayerSpec(model.spec().layers().get(0).in(), sizes[0], Activation.TANH, true));
    for (int l = 0; l < model.lowRankLayers(); l++) {
      layers.add(new LayerSpec(sizes[l], sizes[l + 1], Activation.TANH, false));
    }
    layers.add(new LayerSpec(sizes[states - 1], model.outputs().size(), Activation.IDENTITY, true));
    reducedSpec = new NetworkSpec(model.inputs(), model.outputs(), model.inputEmbedding(), layers);
  }

  /**
   * Builds the reduced network, with at most {@code maxRank} basis vectors per hidden state.
   *
   * @param model the (truncated) model
   * @param p its parameters
   * @param snapshots coefficient samples: per low-rank layer {@code [S][r_l]}
   * @param points the sample points (centers and shifts), {@code [M][d]}
   * @param tolerance relative singular-value cut
   * @param maxRank the most basis vectors per hidden state (0: no cap beyond the width and the snapshots)
   * @param manager where the reduced weights live (owned by the result)
   * @param type the floating-point type of the reduced weights
   * @return the reduced network
   */
  public static Eim build(LrnrModel model, Params p, List<double[][]> snapshots, double[][] points, double tolerance,
      int maxRank, NDManager manager, DataType type) {
    int states = model.lowRankLayers() + 1;
    int samples = snapshots.get(0).length;
    int m = points.length;
    int w = model.width();
    List<double[][]> snap = new ArrayList<>();
    for (int j = 0; j < states; j++) {
      snap.add(new double[w][samples * m]);
    }
    for (int s = 0; s < samples; s++) {
      List<double[]> coeff = new ArrayList<>();
      for (double[][] layer : snapshots) {
        coeff.add(layer[s]);
      }
      List<double[][]> h = hiddenStates(model, p, coeff, points);
      for (int j = 0; j < states; j++) {
        double[][] hj = h.get(j); // [M][w]
        for (int i = 0; i < m; i++) {
          for (int k = 0; k < w; k++) {
            snap.get(j)[k][s * m + i] = hj[i][k];
          }
        }
      }
    }
    List<double[][]> bases = new ArrayList<>();
    List<int[]> indices = new ArrayList<>();
    for (int j = 0; j < states; j++) {
      int cap = Math.min(w, samples * m);
      Linalg.Svd svd = Linalg.leftSingular(snap.get(j), tolerance, maxRank > 0 ? Math.min(cap, maxRank) : cap, 17 + j,
          manager);
      bases.add(svd.u());
      indices.add(Linalg.deim(svd.u()));
    }
    return new Eim(model, manager, bases, indices, p, type);
  }

  /**
   * The full LRNR's hidden states in double precision.
   *
   * @param model the model
   * @param p its parameters
   * @param s coefficients per low-rank layer
   * @param points {@code [M][d]}
   * @return {@code h_1 ... h_{L+1}}, each {@code [M][width]}
   */
  public static List<double[][]> hiddenStates(LrnrModel model, Params p, List<double[]> s, double[][] points) {
    double[][] w0 = matrix(p.get("net." + NetworkSpec.weightName(0)));
    double[] b0 = p.get("net." + NetworkSpec.biasName(0)).toType(DataType.FLOAT64, false).toDoubleArray();
    List<double[][]> out = new ArrayList<>();
    double[][] h = new double[points.length][];
    for (int i = 0; i < points.length; i++) {
      double[] z = new double[w0.length];
      double[] in = model.firstLayerInput(points[i]);
      for (int k = 0; k < w0.length; k++) {
        double v = b0[k];
        for (int d = 0; d < in.length; d++) {
          v += w0[k][d] * in[d];
        }
        z[k] = Math.tanh(v);
      }
      h[i] = z;
    }
    out.add(h);
    for (int l = 0; l < model.lowRankLayers(); l++) {
      double[][] u = matrix(p.get("lr" + l + ".U"));
      double[][] v = matrix(p.get("lr" + l + ".V"));
      int r = u[0].length;
      double[][] next = new double[points.length][];
      for (int i = 0; i < points.length; i++) {
        double[] c = new double[r];
        for (int k = 0; k < r; k++) {
          double acc = 0;
          for (int a = 0; a < u.length; a++) {
            acc += u[a][k] * h[i][a];
          }
          c[k] = acc * s.get(l)[k];
        }
        double[] z = new double[v.length];
        for (int a = 0; a < v.length; a++) {
          double acc = 0;
          for (int k = 0; k < r; k++) {
            acc += v[a][k] * c[k];
          }
          z[a] = Math.tanh(acc);
        }
        next[i] = z;
      }
      h = next;
      out.add(h);
    }
    return out;
  }

  /**
   * The reduced network's hidden states {@code g_j} in double precision (for checks).
   *
   * @param s coefficients per low-rank layer
   * @param points {@code [M][d]}
   * @return {@code g_1 ... g_{L+1}}, each {@code [M][k_j]}
   */
  public List<double[][]> reducedStates(List<double[]> s, double[][] points) {
    double[][] w0 = matrix(firstWeight);
    double[] b0 = firstBias.toType(DataType.FLOAT64, false).toDoubleArray();
    List<double[][]> out = new ArrayList<>();
    double[][] g = new double[points.length][w0.length];
    for (int i = 0; i < points.length; i++) {
      double[] in = model.firstLayerInput(points[i]);
      for (int k = 0; k < w0.length; k++) {
        double v = b0[k];
        for (int d = 0; d < in.length; d++) {
          v += w0[k][d] * in[d];
        }
        g[i][k] = Math.tanh(v);
      }
    }
    out.add(g);
    for (int l = 0; l < model.lowRankLayers(); l++) {
      double[][] v = matrix(reducedV.get(l));
      double[][] u = matrix(reducedU.get(l));
      double[][] next = new double[points.length][v.length];
      for (int i = 0; i < points.length; i++) {
        double[] c = new double[u[0].length];
        for (int k = 0; k < c.length; k++) {
          double acc = 0;
          for (int a = 0; a < u.length; a++) {
            acc += u[a][k] * g[i][a];
          }
          c[k] = acc * s.get(l)[k];
        }
        for (int a = 0; a < v.length; a++) {
          double acc = 0;
          for (int k = 0; k < c.length; k++) {
            acc += v[a][k] * c[k];
          }
          next[i][a] = Math.tanh(acc);
        }
      }
      g = next;
      out.add(g);
    }
    return out;
  }

  /** @return the reduced network's layout */
  public NetworkSpec reducedSpec() {
    return reducedSpec;
  }

  /** @return the reduced size {@code k_j} of each hidden state */
  public int[] sizes() {
    return sizes.clone();
  }

  /**
   * The interpolation rows of a hidden state.
   *
   * @param state the hidden state index (0-based)
   * @return the DEIM rows
   */
  public int[] indices(int state) {
    return indices.get(state).clone();
  }

  /**
   * The reduced network's weights for coefficients.
   *
   * @param s coefficients per low-rank layer, {@code [r_l]}
   * @return the weights
   */
  public NetworkWeights weights(List<NDArray> s) {
    List<LayerWeights> layers = new ArrayList<>();
    layers.add(new LayerWeights(firstWeight, firstBias));
    for (int l = 0; l < model.lowRankLayers(); l++) {
      layers.add(new LayerWeights(Compositions.scaledFactors(reducedV.get(l), s.get(l), reducedU.get(l)), null));
    }
    layers.add(new LayerWeights(lastWeight, lastBias));
    return new NetworkWeights(List.of(), layers);
  }

  @Override
  public void close() {
    manager.close();
  }

  private NDArray create(double[][] a, DataType type) {
    return Scalars.owned(manager.create(Linalg.flat(a), new Shape(a.length, a[0].length))).toType(type, false);
  }

  private NDArray create1(double[] a, DataType type) {
    return Scalars.owned(manager.create(a, new Shape(a.length))).toType(type, false);
  }

  static double[][] matrix(NDArray a) {
    double[] flat = a.toType(DataType.FLOAT64, false).toDoubleArray();
    int rows = (int) a.getShape().get(0);
    int cols = (int) a.getShape().get(1);
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(flat, i * cols, m[i], 0, cols);
    }
    return m;
  }

  private static double[][] selectRows(double[][] a, int[] rows) {
    double[][] out = new double[rows.length][];
    for (int k = 0; k < rows.length; k++) {
      out[k] = a[rows[k]].clone();
    }
    return out;
  }

  private static double[] select(double[] a, int[] idx) {
    double[] out = new double[idx.length];
    for (int k = 0; k < idx.length; k++) {
      out[k] = a[idx[k]];
    }
    return out;
  }
}
