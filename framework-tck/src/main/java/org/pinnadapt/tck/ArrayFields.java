package org.pinnadapt.tck;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.Partial;

/**
 * {@link Fields} backed by precomputed arrays, e.g. an exact solution and its derivatives: lets a
 * test evaluate a PDE residual on analytic fields.
 */
public final class ArrayFields implements Fields {

  private final NDManager manager;
  private final Map<String, NDArray> inputs;
  private final Map<String, NDArray> values;
  private final Map<String, Map<Partial, NDArray>> partials;
  private final Map<String, NDArray> parameters;

  /**
   * Creates the fields.
   *
   * @param manager the manager of the arrays
   * @param inputs input coordinates by name
   * @param values field values by name
   * @param partials partial derivatives by field and partial
   * @param parameters PDE parameters by name
   */
  public ArrayFields(
      NDManager manager,
      Map<String, NDArray> inputs,
      Map<String, NDArray> values,
      Map<String, Map<Partial, NDArray>> partials,
      Map<String, NDArray> parameters) {
    this.manager = manager;
    this.inputs = inputs;
    this.values = values;
    this.partials = partials;
    this.parameters = parameters;
  }

  @Override
  public NDArray input(String input) {
    return require(inputs, input, "input");
  }

  @Override
  public NDArray value(String field) {
    return require(values, field, "field");
  }

  @Override
  public NDArray d(String field, String input) {
    return partial(field, Partial.d(input));
  }

  @Override
  public NDArray d2(String field, String input) {
    return partial(field, Partial.d2(input));
  }

  @Override
  public NDArray d2(String field, String a, String b) {
    return partial(field, Partial.d2(a, b));
  }

  @Override
  public NDArray parameter(String name) {
    return require(parameters, name, "parameter");
  }

  @Override
  public NDManager manager() {
    return manager;
  }

  private NDArray partial(String field, Partial p) {
    Map<Partial, NDArray> m = partials.get(field);
    if (m == null || !m.containsKey(p)) {
      throw new IllegalArgumentException("partial " + p + " of " + field + " was not declared");
    }
    return m.get(p);
  }

  private static NDArray require(Map<String, NDArray> map, String key, String what) {
    NDArray a = map.get(key);
    if (a == null) {
      throw new IllegalArgumentException("no " + what + " '" + key + "'; have " + map.keySet());
    }
    return a;
  }
}
