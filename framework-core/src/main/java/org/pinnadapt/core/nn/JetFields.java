package org.pinnadapt.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.HashMap;
import java.util.Map;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.pde.Fields;

/** {@link Fields} read from the output jets of a {@link FunctionalNetwork}. */
final class JetFields implements Fields {

  private final NetworkSpec spec;
  private final JetPlan plan;
  private final NDArray x;
  private final NDArray value;
  private final NDArray[] first;
  private final NDArray[] second;
  private final Map<String, NDArray> parameters;
  private final Map<String, NDArray> cache = new HashMap<>();

  JetFields(NetworkSpec spec, JetPlan plan, NDArray x, NDArray value, NDArray[] first, NDArray[] second,
      Map<String, NDArray> parameters) {
    this.spec = spec;
    this.plan = plan;
    this.x = x;
    this.value = value;
    this.first = first;
    this.second = second;
    this.parameters = parameters;
  }

  @Override
  public NDArray input(String input) {
    return cache.computeIfAbsent("in:" + input,
        k -> x.get(new NDIndex("..., {}", inputIndex(input))));
  }

  @Override
  public NDArray value(String field) {
    return cache.computeIfAbsent("v:" + field, k -> value.get(new NDIndex("..., {}", fieldIndex(field))));
  }

  @Override
  public NDArray d(String field, String input) {
    int c = plan.firstChannel(inputIndex(input));
    return channel(field, c);
  }

  @Override
  public NDArray d2(String field, String input) {
    int i = inputIndex(input);
    return channel(field, plan.secondChannel(i, -1));
  }

  @Override
  public NDArray d2(String field, String a, String b) {
    if (a.equals(b)) {
      return d2(field, a);
    }
    int i = inputIndex(a);
    int j = inputIndex(b);
    String key = "m:" + field + ":" + Math.min(i, j) + ":" + Math.max(i, j);
    NDArray cached = cache.get(key);
    if (cached == null) {
      NDArray vv = channel(field, plan.secondChannel(Math.min(i, j), Math.max(i, j)));
      cached = Scalars.mul(vv.sub(d2(field, a)).sub(d2(field, b)), 0.5);
      cache.put(key, cached);
    }
    return cached;
  }

  @Override
  public NDArray parameter(String name) {
    NDArray p = parameters.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no parameter '" + name + "'; have " + parameters.keySet());
    }
    return p;
  }

  @Override
  public NDManager manager() {
    return x.getManager();
  }

  private NDArray channel(String field, int c) {
    NDArray channel = c < first.length ? first[c] : second[c - first.length];
    return cache.computeIfAbsent("c:" + field + ":" + c,
        k -> channel.get(new NDIndex("..., {}", fieldIndex(field))));
  }

  private int inputIndex(String input) {
    int i = spec.inputs().indexOf(input);
    if (i < 0) {
      throw new IllegalArgumentException("no input '" + input + "'; inputs " + spec.inputs());
    }
    return i;
  }

  private int fieldIndex(String field) {
    int i = spec.outputs().indexOf(field);
    if (i < 0) {
      throw new IllegalArgumentException("no field '" + field + "'; fields " + spec.outputs());
    }
    return i;
  }
}
