package org.pinnadapt.api.nn;

import ai.djl.ndarray.NDArray;

/**
 * Per-layer weight compositions used by the adaptation strategies. All accept an optional leading
 * task axis on any argument and broadcast it. Weights follow the {@code [out, in]} convention.
 */
public final class Compositions {

  private Compositions() {}

  /**
   * The LoRA update \( W = W_0 + B A \) (Hu et al. 2021; Majumdar et al. 2023).
   *
   * @param w0 the frozen weight, {@code [out, in]}
   * @param b {@code [out, r]} or {@code [T, out, r]}
   * @param a {@code [r, in]} or {@code [T, r, in]}
   * @return {@code [out, in]} or {@code [T, out, in]}
   */
  public static NDArray lowRank(NDArray w0, NDArray b, NDArray a) {
    return w0.add(b.matMul(a));
  }

  /**
   * A low-rank factorization with coefficients \( W = V \operatorname{diag}(s) U^T \) (LR-PINN / LRNR).
   *
   * @param v {@code [out, r]} (or with task axis)
   * @param s {@code [r]} or {@code [T, r]}
   * @param u {@code [in, r]} (or with task axis)
   * @return {@code [out, in]} or {@code [T, out, in]}
   */
  public static NDArray scaledFactors(NDArray v, NDArray s, NDArray u) {
    NDArray vs = v.mul(s.expandDims(-2));
    return vs.matMul(u.swapAxes(-1, -2));
  }

  /**
   * The CoLoRA update \( W = W_0 + P \operatorname{diag}(\alpha) Q \), where {@code alpha} is one scalar
   * per layer or one per rank.
   *
   * @param w0 the offline weight, {@code [out, in]}
   * @param p {@code [out, r]}
   * @param alpha {@code []}, {@code [1]}, {@code [r]}, {@code [T, 1]} or {@code [T, r]}
   * @param q {@code [r, in]}
   * @return {@code [out, in]} or {@code [T, out, in]}
   */
  public static NDArray scaledUpdate(NDArray w0, NDArray p, NDArray alpha, NDArray q) {
    NDArray pa = alpha.getShape().dimension() <= 1 ? p.mul(alpha) : p.mul(alpha.expandDims(-2));
    return w0.add(pa.matMul(q));
  }
}
