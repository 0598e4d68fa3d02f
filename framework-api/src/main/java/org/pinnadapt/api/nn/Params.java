package org.pinnadapt.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ordered, named set of arrays: the trainable (or saved) state of a network, a strategy or an
 * optimizer. It does not own the arrays; their manager does.
 */
public final class Params {

  private final LinkedHashMap<String, NDArray> arrays = new LinkedHashMap<>();

  /** Creates an empty set. */
  public Params() {}

  /**
   * Adds or replaces an array.
   *
   * @param name the name, e.g. {@code layer0.weight}
   * @param array the array
   * @return this set
   */
  public Params put(String name, NDArray array) {
    arrays.put(name, array);
    return this;
  }

  /**
   * Adds every array of another set, with a prefix.
   *
   * @param prefix prepended to each name, e.g. {@code hyper.}
   * @param other the arrays to add
   * @return this set
   */
  public Params putAll(String prefix, Params other) {
    for (Map.Entry<String, NDArray> e : other.arrays.entrySet()) {
      arrays.put(prefix + e.getKey(), e.getValue());
    }
    return this;
  }

  /**
   * One array.
   *
   * @param name the name
   * @return the array
   * @throws IllegalArgumentException if absent
   */
  public NDArray get(String name) {
    NDArray a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no parameter '" + name + "'; have " + arrays.keySet());
    }
    return a;
  }

  /**
   * Whether an array is present.
   *
   * @param name the name
   * @return {@code true} if present
   */
  public boolean contains(String name) {
    return arrays.containsKey(name);
  }

  /**
   * The names in insertion order.
   *
   * @return an unmodifiable view
   */
  public Set<String> names() {
    return Collections.unmodifiableSet(arrays.keySet());
  }

  /**
   * The arrays in insertion order.
   *
   * @return a new list
   */
  public List<NDArray> arrays() {
    return new ArrayList<>(arrays.values());
  }

  /**
   * The entries in insertion order.
   *
   * @return an unmodifiable view
   */
  public Map<String, NDArray> asMap() {
    return Collections.unmodifiableMap(arrays);
  }

  /**
   * The number of arrays.
   *
   * @return the count
   */
  public int size() {
    return arrays.size();
  }

  /**
   * The number of scalars over all arrays.
   *
   * @return the element count
   */
  public long elementCount() {
    long n = 0;
    for (NDArray a : arrays.values()) {
      n += a.size();
    }
    return n;
  }

  /**
   * The arrays whose names start with a prefix, with the prefix removed.
   *
   * @param prefix the prefix
   * @return a new set sharing the arrays
   */
  public Params subset(String prefix) {
    Params p = new Params();
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        p.put(e.getKey().substring(prefix.length()), e.getValue());
      }
    }
    return p;
  }

  /**
   * Marks every array as a leaf that collects gradients.
   *
   * @return this set
   */
  public Params requireGradients() {
    for (NDArray a : arrays.values()) {
      a.setRequiresGradient(true);
    }
    return this;
  }

  /**
   * A deep copy. Call it with gradient recording off, so the copies are detached leaves.
   *
   * @param manager the manager that owns the copies
   * @return the copy
   */
  public Params copy(NDManager manager) {
    Params p = new Params();
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      NDArray c = e.getValue().duplicate(); // a real copy of the storage (a detached view would alias it)
      c.attach(manager);
      p.put(e.getKey(), c);
    }
    return p;
  }

  /**
   * Copies the values of another set with the same names and shapes into these arrays, in place.
   *
   * @param source the values to copy
   */
  public void assign(Params source) {
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      NDArray src = source.get(e.getKey());
      if (!src.getShape().equals(e.getValue().getShape())) {
        throw new IllegalArgumentException(
            "shape mismatch for " + e.getKey() + ": " + src.getShape() + " vs " + e.getValue().getShape());
      }
      e.getValue().set(new NDIndex("..."), src);
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Params{");
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      if (sb.length() > 7) {
        sb.append(", ");
      }
      sb.append(e.getKey()).append(e.getValue().getShape());
    }
    return sb.append('}').toString();
  }
}
