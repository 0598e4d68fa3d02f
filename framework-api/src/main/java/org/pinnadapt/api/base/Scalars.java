package org.pinnadapt.api.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Scalar constants that are safe in code recorded for back-propagation.
 *
 * <p>Why: DJL 0.33's {@code NDArray.mul(Number)}, {@code div(Number)} and {@code pow(Number)} create
 * the scalar as a tensor over Java-owned memory, apply the operation, and close the scalar at once,
 * which lets the JVM free that memory. Autograd keeps the scalar for the backward pass (a product
 * needs the other factor), so a garbage collection between forward and backward turns the gradient
 * into garbage, at random. The constants made here live in memory owned by the native engine, so
 * closing them early is harmless. Write {@code x.mul(Scalars.of(x, 0.5))} (or use
 * {@code Fields.constant}) instead of {@code x.mul(0.5)} in residuals and losses.
 */
public final class Scalars {

  private Scalars() {}

  /**
   * A 0-dimensional constant of the same type and device as an array, in engine-owned memory.
   *
   * @param like an array whose manager, type and device the constant takes
   * @param value the value
   * @return the constant
   */
  public static NDArray of(NDArray like, double value) {
    return of(like.getManager(), value, like.getDataType());
  }

  /**
   * A 0-dimensional constant in engine-owned memory.
   *
   * @param manager the manager
   * @param value the value
   * @param type the data type
   * @return the constant
   */
  public static NDArray of(NDManager manager, double value, DataType type) {
    NDArray javaOwned = manager.create(value);
    // duplicate() clones into engine memory; toType to the same type would alias the Java buffer
    NDArray owned = type == DataType.FLOAT64 ? javaOwned.duplicate() : javaOwned.toType(type, false);
    javaOwned.close();
    return owned;
  }

  /**
   * {@code x * value}, safe under autograd.
   *
   * @param x the array
   * @param value the factor
   * @return the product
   */
  public static NDArray mul(NDArray x, double value) {
    return x.mul(of(x, value));
  }

  /**
   * An array in engine-owned memory with the values of {@code a}, which is closed. Use it on arrays
   * created from Java data ({@code manager.create(double[])}), whose memory DJL borrows from a Java
   * buffer that the JVM frees when the array is closed even if the engine still references it.
   *
   * @param a a freshly created array with no other references
   * @return an engine-owned copy
   */
  public static NDArray owned(NDArray a) {
    NDArray c = a.duplicate();
    a.close();
    return c;
  }
}
