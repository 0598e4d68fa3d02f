package org.pinnadapt.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.Set;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.Partial;

/**
 * A functional network {@code f(x; W)}: the weights are supplied with every call, so strategies
 * compose them freely and a leading task axis evaluates many tasks in one call. Implemented by the
 * framework for any {@link NetworkSpec}; strategies obtain one from their context.
 *
 * <p>Shapes: {@code x} is {@code [N, d]} or {@code [T, N, d]}. With a task axis, every weight may
 * carry it ({@code [T, out, in]}) or not (shared by all tasks).
 */
public interface Network {

  /**
   * The layout.
   *
   * @return the specification
   */
  NetworkSpec spec();

  /**
   * Fresh weights under the standard names, drawn as {@link NetworkSpec#init()} says (Glorot-normal
   * weights and zero biases by default), and for a
   * learned embedding unit amplitudes with random phases.
   *
   * @param manager the manager that owns the weights
   * @param seed the seed; equal seeds give equal weights
   * @return the parameters
   */
  Params initialize(NDManager manager, long seed);

  /**
   * The network output.
   *
   * @param x the points
   * @param weights the weights
   * @return {@code [N, outputs]} or {@code [T, N, outputs]}
   */
  NDArray forward(NDArray x, NetworkWeights weights);

  /**
   * The outputs and the requested partial derivatives with respect to the inputs, computed by
   * forward-mode (Taylor) propagation, differentiable with respect to the weights.
   *
   * @param x the points
   * @param weights the weights
   * @param partials which partials to compute
   * @param parameters PDE parameter values exposed by {@link Fields#parameter(String)}, shaped to
   *     broadcast against {@code [N]} or {@code [T, N]}
   * @return the fields
   */
  Fields jets(NDArray x, NetworkWeights weights, Set<Partial> partials, Map<String, NDArray> parameters);
}
