package org.pinnadapt.api.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pinnadapt.api.base.Scalars;

/**
 * Named scalar loss terms, e.g. {@code residual}, {@code ic}, {@code bc}. The trainer minimizes their
 * weighted sum; every term is reported separately.
 */
public final class LossTerms {

  private final LinkedHashMap<String, NDArray> terms = new LinkedHashMap<>();

  /** Creates an empty set. */
  public LossTerms() {}

  /**
   * Adds a term; a term with the same name is summed with it.
   *
   * @param name the term name
   * @param value a scalar array
   * @return this set
   */
  public LossTerms add(String name, NDArray value) {
    NDArray old = terms.get(name);
    terms.put(name, old == null ? value : old.add(value));
    return this;
  }

  /**
   * The terms in insertion order.
   *
   * @return an unmodifiable view
   */
  public Map<String, NDArray> terms() {
    return Collections.unmodifiableMap(terms);
  }

  /**
   * The weighted sum of the terms.
   *
   * @param weights weight per term name; absent names weigh 1
   * @return a scalar array
   */
  public NDArray total(Map<String, Double> weights) {
    NDArray sum = null;
    for (Map.Entry<String, NDArray> e : terms.entrySet()) {
      double w = weights.getOrDefault(e.getKey(), 1.0);
      if (w == 0.0) {
        continue;
      }
      NDArray t = w == 1.0 ? e.getValue() : Scalars.mul(e.getValue(), w);
      sum = sum == null ? t : sum.add(t);
    }
    if (sum == null) {
      throw new IllegalStateException("no loss terms with non-zero weight in " + terms.keySet());
    }
    return sum;
  }

  /**
   * The terms as plain numbers (copies values from the device).
   *
   * @return values by name
   */
  public Map<String, Double> values() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : terms.entrySet()) {
      out.put(e.getKey(), e.getValue().toType(DataType.FLOAT64, false).getDouble());
    }
    return out;
  }
}
