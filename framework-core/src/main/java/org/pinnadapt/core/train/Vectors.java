package org.pinnadapt.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** Flattening of parameter lists into one vector and back, for L-BFGS. */
final class Vectors {

  private Vectors() {}

  static NDArray flatten(List<NDArray> arrays) {
    NDList flat = new NDList();
    for (NDArray a : arrays) {
      flat.add(a.reshape(-1));
    }
    return flat.size() == 1 ? flat.get(0) : NDArrays.concat(flat, 0);
  }

  static NDList unflatten(NDArray flat, List<Shape> shapes) {
    long[] cuts = new long[shapes.size() - 1];
    long at = 0;
    for (int i = 0; i < cuts.length; i++) {
      at += shapes.get(i).size();
      cuts[i] = at;
    }
    NDList parts = cuts.length == 0 ? new NDList(flat) : flat.split(cuts);
    NDList out = new NDList();
    for (int i = 0; i < shapes.size(); i++) {
      out.add(parts.get(i).reshape(shapes.get(i)));
    }
    return out;
  }

  static double dot(NDArray a, NDArray b) {
    return Autograd.value(a.mul(b).sum());
  }
}
