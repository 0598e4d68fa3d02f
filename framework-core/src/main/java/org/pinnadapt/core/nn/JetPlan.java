package org.pinnadapt.core.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pinnadapt.api.pde.Partial;

/**
 * Which directional derivatives a set of partials needs. First-order channels carry
 * \( D_v f \) for directions \( v \); second-order channels carry \( D_v^2 f \) for a subset of them.
 * Pure partials use coordinate directions \( e_i \); a mixed partial \( f_{ij} \) adds the direction
 * \( e_i + e_j \) and is recovered as \( (D^2_{e_i+e_j} f - f_{ii} - f_{jj}) / 2 \).
 */
final class JetPlan {

  private final int inputs;
  private final List<double[]> directions = new ArrayList<>();
  private final List<Integer> second = new ArrayList<>();
  private final Map<String, Integer> directionIndex = new LinkedHashMap<>();

  JetPlan(List<String> inputNames, Set<Partial> partials) {
    this.inputs = inputNames.size();
    // First-order needs, then second-order needs, in a deterministic order.
    List<Partial> sorted = new ArrayList<>(partials);
    sorted.sort((a, b) -> a.toString().compareTo(b.toString()));
    for (Partial p : sorted) {
      int i = index(inputNames, p.first());
      if (p.order() == 1) {
        direction(key(i, -1), unit(i));
      } else if (!p.mixed()) {
        int d = direction(key(i, -1), unit(i));
        addSecond(d);
      } else {
        int j = index(inputNames, p.second());
        addSecond(direction(key(i, -1), unit(i)));
        addSecond(direction(key(j, -1), unit(j)));
        double[] v = unit(i);
        v[j] = 1;
        addSecond(direction(key(Math.min(i, j), Math.max(i, j)), v));
      }
    }
  }

  private static String key(int i, int j) {
    return i + ":" + j;
  }

  private double[] unit(int i) {
    double[] v = new double[inputs];
    v[i] = 1;
    return v;
  }

  private int direction(String key, double[] v) {
    Integer existing = directionIndex.get(key);
    if (existing != null) {
      return existing;
    }
    directions.add(v);
    directionIndex.put(key, directions.size() - 1);
    return directions.size() - 1;
  }

  private void addSecond(int direction) {
    if (!second.contains(direction)) {
      second.add(direction);
    }
  }

  private static int index(List<String> names, String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("partial refers to unknown input '" + name + "'; inputs " + names);
    }
    return i;
  }

  /** Number of first-order channels. */
  int firstCount() {
    return directions.size();
  }

  /** Number of second-order channels. */
  int secondCount() {
    return second.size();
  }

  /** The direction vectors of the first-order channels. */
  List<double[]> directions() {
    return directions;
  }

  /** For each second-order channel, the first-order channel of the same direction. */
  int[] secondSources() {
    return second.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The derivative-channel index (first-order channels first) of D_{e_i} f. */
  int firstChannel(int input) {
    Integer d = directionIndex.get(key(input, -1));
    if (d == null) {
      throw new IllegalArgumentException("first derivative in input " + input + " was not planned");
    }
    return d;
  }

  /** The derivative-channel index of D^2_v f for the direction of key (i, j). */
  int secondChannel(int i, int j) {
    Integer d = directionIndex.get(key(i, j));
    int s = d == null ? -1 : second.indexOf(d);
    if (s < 0) {
      throw new IllegalArgumentException("second derivative " + i + "," + j + " was not planned");
    }
    return directions.size() + s;
  }
}
