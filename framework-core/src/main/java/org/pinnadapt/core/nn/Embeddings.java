package org.pinnadapt.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.EmbeddingSpec;
import org.pinnadapt.api.nn.InputScaling;

/** Values and jets of the input embeddings of {@link EmbeddingSpec}, with the spec's input scaling. */
final class Embeddings {

  private Embeddings() {}

  static NDArray value(EmbeddingSpec spec, InputScaling scaling, NDArray x, List<NDArray> params) {
    return jets(spec, scaling, x, params, null).get(0);
  }

  /**
   * The embedding and its derivative channels.
   *
   * @return {@code [value, channel 1, ..., channel k + m]}, each {@code [..., N, F]}
   */
  static NDList jets(EmbeddingSpec spec, InputScaling scaling, NDArray x, List<NDArray> params, JetPlan plan) {
    return spec.kind() == EmbeddingSpec.Kind.FOURIER ? fourier(spec, scaling, x, plan)
        : learned(spec, x, params, plan);
  }

  /** Fourier features of the featured inputs; the others pass through, mapped by the scaling if any. */
  private static NDList fourier(EmbeddingSpec spec, InputScaling scaling, NDArray x, JetPlan plan) {
    int d = spec.inputDim();
    double[] center = scaling == null ? null : scaling.center();
    double[] half = scaling == null ? null : scaling.halfWidth();
    double[] periods = spec.periods();
    NDList values = new NDList();
    int channels = plan == null ? 0 : plan.firstCount() + plan.secondCount();
    NDList[] derivs = new NDList[channels];
    for (int c = 0; c < channels; c++) {
      derivs[c] = new NDList();
    }
    int[] sources = plan == null ? new int[0] : plan.secondSources();
    for (int i = 0; i < d; i++) {
      NDArray xi = x.get(new NDIndex("..., {}:{}", i, i + 1));
      if (!spec.periodic(i)) {
        double h = half == null ? 1 : half[i];
        values.add(half == null ? xi : xi.sub(center[i]).div(h));
        for (int c = 0; c < channels; c++) {
          double vi = direction(plan, sources, c)[i] / h;
          boolean second = c >= plan.firstCount();
          derivs[c].add(xi.zerosLike().add(second ? 0 : vi));
        }
        continue;
      }
      double omega = 2 * Math.PI / periods[i];
      int harmonics = spec.harmonics(i);
      double[] k = new double[harmonics];
      for (int h = 0; h < harmonics; h++) {
        k[h] = (h + 1) * omega;
      }
      NDArray freq = typed(x.getManager().create(k), x.getDataType());
      NDArray theta = xi.mul(freq);
      NDArray cos = theta.cos();
      NDArray sin = theta.sin();
      values.add(cos);
      values.add(sin);
      for (int c = 0; c < channels; c++) {
        double vi = direction(plan, sources, c)[i];
        NDArray f = freq.mul(vi);
        if (c < plan.firstCount()) {
          derivs[c].add(sin.mul(f).neg());
          derivs[c].add(cos.mul(f));
        } else {
          NDArray f2 = f.square();
          derivs[c].add(cos.mul(f2).neg());
          derivs[c].add(sin.mul(f2).neg());
        }
      }
    }
    NDArray value = NDArrays.concat(values, -1);
    if (channels == 0) {
      return new NDList(value);
    }
    NDList out = new NDList(value);
    for (NDList dc : derivs) {
      out.add(NDArrays.concat(dc, -1));
    }
    return out;
  }

  /** CoLoRA's periodic layer: o_f = mean_d [a_fd cos(2 pi x_d / L_d + c_fd) + b_fd]. */
  private static NDList learned(EmbeddingSpec spec, NDArray x, List<NDArray> params, JetPlan plan) {
    NDArray a = params.get(0);
    NDArray c = params.get(1);
    NDArray b = params.get(2);
    if (a.getShape().dimension() == 3) { // [T, F, D] -> [T, 1, F, D]
      a = a.expandDims(-3);
      c = c.expandDims(-3);
      b = b.expandDims(-3);
    }
    double[] periods = spec.periods();
    double[] omega = new double[periods.length];
    for (int i = 0; i < omega.length; i++) {
      omega[i] = 2 * Math.PI / periods[i];
    }
    DataType type = x.getDataType();
    NDArray w = typed(x.getManager().create(omega), type);
    NDArray theta = x.mul(w).expandDims(-2).add(c); // [..., N, F, D]
    NDArray cos = theta.cos();
    NDArray value = cos.mul(a).mean(new int[] {-1}).add(b.mean(new int[] {-1}));
    if (plan == null || plan.firstCount() == 0) {
      return new NDList(value);
    }
    NDArray sin = theta.sin();
    int[] sources = plan.secondSources();
    NDList channels = new NDList(value);
    for (int ch = 0; ch < plan.firstCount() + plan.secondCount(); ch++) {
      double[] v = direction(plan, sources, ch);
      double[] wv = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        wv[i] = omega[i] * v[i];
      }
      NDArray f = typed(x.getManager().create(wv), type);
      if (ch < plan.firstCount()) {
        channels.add(sin.mul(a.mul(f)).mean(new int[] {-1}).neg());
      } else {
        channels.add(cos.mul(a.mul(f.square())).mean(new int[] {-1}).neg());
      }
    }
    return channels;
  }

  /** An engine-owned array of the given type (arrays from Java data borrow a Java buffer). */
  static NDArray typed(NDArray a, DataType type) {
    if (a.getDataType() == type) {
      return Scalars.owned(a);
    }
    NDArray t = a.toType(type, false);
    a.close();
    return t;
  }

  /** The direction of derivative channel {@code c} (second-order channels use their source's). */
  private static double[] direction(JetPlan plan, int[] sources, int c) {
    int first = plan.firstCount();
    return plan.directions().get(c < first ? c : sources[c - first]);
  }
}
