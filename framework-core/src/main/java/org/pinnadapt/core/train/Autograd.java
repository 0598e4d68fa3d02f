package org.pinnadapt.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.pinnadapt.api.nn.Params;

/**
 * First-order reverse mode through DJL's PyTorch engine, without the global bookkeeping of
 * {@code GradientCollector} (which zeroes the gradients of every array the engine knows on every
 * step): record a graph, back-propagate a scalar, read and zero the gradients of given leaves.
 */
public final class Autograd {

  private Autograd() {}

  /** A scope in which operations are recorded for back-propagation. */
  public static final class Recording implements AutoCloseable {
    private final boolean previous;

    private Recording() {
      previous = JniUtils.isGradMode();
      JniUtils.setGradMode(true);
    }

    @Override
    public void close() {
      JniUtils.setGradMode(previous);
    }
  }

  /**
   * Starts recording.
   *
   * @return the scope; close it before updating parameters in place
   */
  public static Recording record() {
    return new Recording();
  }

  /**
   * Back-propagates a scalar; gradients accumulate in the leaves.
   *
   * @param loss a scalar array built while recording
   */
  public static void backward(NDArray loss) {
    backward(loss, false);
  }

  /**
   * Back-propagates a scalar, optionally keeping the graph for another backward pass through it.
   *
   * @param loss a scalar array built while recording
   * @param keepGraph whether the graph survives (for the gradients of several terms of one forward pass)
   */
  public static void backward(NDArray loss, boolean keepGraph) {
    JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), keepGraph, false);
  }

  /**
   * Sets the accumulated gradients of parameters to zero.
   *
   * @param params the leaves
   */
  public static void zeroGradients(Params params) {
    for (NDArray a : params.arrays()) {
      JniUtils.zeroGrad((PtNDArray) a);
    }
  }

  /**
   * A scalar array as a double, whatever its type.
   *
   * @param scalar a one-element array
   * @return its value
   */
  public static double value(NDArray scalar) {
    return scalar.getDataType() == DataType.FLOAT64 ? scalar.getDouble() : scalar.toType(DataType.FLOAT64, false).getDouble();
  }

  /**
   * Copies values into an array in place (no graph is recorded).
   *
   * @param target the array to overwrite
   * @param source values of the same shape
   */
  public static void copyInto(NDArray target, NDArray source) {
    target.set(new NDIndex("..."), source);
  }
}
