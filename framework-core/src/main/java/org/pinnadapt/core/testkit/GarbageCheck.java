package org.pinnadapt.core.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.core.train.Autograd;

/**
 * Detects code that frees memory autograd still needs (see {@link org.pinnadapt.api.base.Scalars}): the same loss is
 * back-propagated twice, once with a forced garbage collection (and fresh allocations that overwrite
 * freed memory) between the forward and the backward pass. Safe code gives identical gradients.
 */
public final class GarbageCheck {

  private GarbageCheck() {}

  /**
   * The largest difference between the gradients with and without a collection in between.
   *
   * @param params leaves that require gradients
   * @param loss builds a scalar loss from them
   * @return max |g_clean - g_collected| over all entries
   */
  public static double gradientDrift(Params params, Supplier<NDArray> loss) {
    List<double[]> clean = gradients(params, loss, false);
    List<double[]> collected = gradients(params, loss, true);
    double max = 0;
    for (int i = 0; i < clean.size(); i++) {
      for (int j = 0; j < clean.get(i).length; j++) {
        double d = Math.abs(clean.get(i)[j] - collected.get(i)[j]);
        max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
      }
    }
    return max;
  }

  private static List<double[]> gradients(Params params, Supplier<NDArray> loss, boolean collect) {
    Autograd.zeroGradients(params);
    NDArray l;
    try (Autograd.Recording r = Autograd.record()) {
      l = loss.get();
    }
    if (collect) {
      for (int round = 0; round < 3; round++) {
        System.gc();
        try {
          Thread.sleep(20); // let the cleaner thread free unreachable direct buffers
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        List<ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 2000; i++) { // reuse freed chunks and fill them with a recognizable value
          ByteBuffer b = ByteBuffer.allocateDirect(8 << (i % 8));
          while (b.remaining() >= 8) {
            b.putDouble(1e30);
          }
          junk.add(b);
        }
        junk.clear();
      }
    }
    Autograd.backward(l);
    List<double[]> out = new ArrayList<>();
    for (NDArray p : params.arrays()) {
      out.add(p.getGradient().toType(DataType.FLOAT64, false).toDoubleArray());
    }
    Autograd.zeroGradients(params);
    return out;
  }
}
