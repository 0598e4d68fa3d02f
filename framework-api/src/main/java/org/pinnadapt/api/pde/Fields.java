package org.pinnadapt.api.pde;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.pinnadapt.api.base.Scalars;

/**
 * Read access to the output fields of a network (or of an exact solution) and their partial
 * derivatives at a set of points. A PDE residual is written against this interface with ordinary
 * {@link NDArray} operations, so the same code serves training (network jets) and verification
 * (analytic fields).
 *
 * <p><b>Constants:</b> write {@code x.mul(f.constant(0.5))}, not {@code x.mul(0.5)}. DJL 0.33's
 * {@code Number} overloads of {@code mul}, {@code div} and {@code pow} free the scalar's memory while
 * autograd still needs it (see {@link org.pinnadapt.api.base.Scalars}); the TCK detects it.
 *
 * <p>Shapes: every array is {@code [N]} for one task, or {@code [T, N]} when {@code T} tasks are
 * evaluated at once. {@link #parameter(String)} returns an array that broadcasts against them
 * ({@code []} or {@code [T, 1]}).
 */
public interface Fields {

  /**
   * An input coordinate at the points.
   *
   * @param input the input name, e.g. {@code x}
   * @return the coordinate values
   */
  NDArray input(String input);

  /**
   * An output field at the points.
   *
   * @param field the field name, e.g. {@code u}
   * @return the field values
   */
  NDArray value(String field);

  /**
   * A first partial derivative.
   *
   * @param field the field name
   * @param input the input name
   * @return {@code d field / d input}
   * @throws IllegalArgumentException if the PDE did not declare {@link Partial#d(String)}
   */
  NDArray d(String field, String input);

  /**
   * A pure second partial derivative.
   *
   * @param field the field name
   * @param input the input name
   * @return {@code d2 field / d input2}
   * @throws IllegalArgumentException if the PDE did not declare {@link Partial#d2(String)}
   */
  NDArray d2(String field, String input);

  /**
   * A mixed second partial derivative.
   *
   * @param field the field name
   * @param a the first input
   * @param b the second input
   * @return {@code d2 field / (da db)}
   * @throws IllegalArgumentException if the PDE did not declare {@link Partial#d2(String, String)}
   */
  NDArray d2(String field, String a, String b);

  /**
   * A scalar PDE parameter of the task(s) being evaluated.
   *
   * @param name the parameter name
   * @return the value, shaped to broadcast against the fields
   */
  NDArray parameter(String name);

  /**
   * The manager that owns the arrays; residual code creates its constants here.
   *
   * @return the manager
   */
  NDManager manager();

  /**
   * A scalar constant that is safe under autograd (engine-owned memory).
   *
   * @param value the value
   * @return a 0-dimensional array
   */
  default NDArray constant(double value) {
    return Scalars.of(manager(), value, DataType.FLOAT64);
  }
}
