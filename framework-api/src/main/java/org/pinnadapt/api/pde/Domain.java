package org.pinnadapt.api.pde;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A box-shaped domain: the Cartesian product of the {@link Input} intervals. Time, if present, is one
 * of the inputs.
 *
 * @param inputs the input coordinates, in the column order of every point set
 */
public record Domain(List<Input> inputs) {

  /**
   * Validates the record.
   *
   * @param inputs the input coordinates, in the column order of every point set
   */
  public Domain {
    inputs = List.copyOf(inputs);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("a domain needs at least one input");
    }
    long times = inputs.stream().filter(Input::time).count();
    if (times > 1) {
      throw new IllegalArgumentException("at most one input can be time");
    }
    if (inputs.stream().map(Input::name).distinct().count() != inputs.size()) {
      throw new IllegalArgumentException("input names must be distinct: " + inputs);
    }
  }

  /**
   * Creates a domain.
   *
   * @param inputs the inputs
   * @return the domain
   */
  public static Domain of(Input... inputs) {
    return new Domain(List.of(inputs));
  }

  /**
   * The number of inputs.
   *
   * @return the dimension, time included
   */
  public int dim() {
    return inputs.size();
  }

  /**
   * The column of an input.
   *
   * @param name the input name
   * @return its index
   * @throws IllegalArgumentException if there is no such input
   */
  public int index(String name) {
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no input '" + name + "' in " + names());
  }

  /**
   * One input by name.
   *
   * @param name the input name
   * @return the input
   */
  public Input input(String name) {
    return inputs.get(index(name));
  }

  /**
   * The input names in column order.
   *
   * @return the names
   */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (Input in : inputs) {
      names.add(in.name());
    }
    return names;
  }

  /**
   * The time input, if any.
   *
   * @return the time input
   */
  public Optional<Input> time() {
    return inputs.stream().filter(Input::time).findFirst();
  }

  /**
   * Whether the PDE evolves in time.
   *
   * @return {@code true} if one input is time
   */
  public boolean timeDependent() {
    return time().isPresent();
  }

  /**
   * The space inputs (every input but time).
   *
   * @return the space inputs in column order
   */
  public List<Input> space() {
    return inputs.stream().filter(i -> !i.time()).toList();
  }

  /**
   * Lower bounds in column order.
   *
   * @return the lower bounds
   */
  public double[] lower() {
    return inputs.stream().mapToDouble(Input::min).toArray();
  }

  /**
   * Upper bounds in column order.
   *
   * @return the upper bounds
   */
  public double[] upper() {
    return inputs.stream().mapToDouble(Input::max).toArray();
  }
}
