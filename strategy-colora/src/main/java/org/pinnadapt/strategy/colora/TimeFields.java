package org.pinnadapt.strategy.colora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.pinnadapt.api.pde.Fields;

/** The network's spatial jets, with the time input and time derivatives supplied. */
final class TimeFields implements Fields {
  private final Fields jets;
  private final String time;
  private final double t;
  private final int unitField;
  private final List<String> names;

  TimeFields(Fields jets, String time, double t, int unitField, List<String> names) {
    this.jets = jets;
    this.time = time;
    this.t = t;
    this.unitField = unitField;
    this.names = names;
  }

  @Override
  public NDArray input(String input) {
    return input.equals(time) ? jets.value(names.get(0)).zerosLike().add(t) : jets.input(input);
  }

  @Override
  public NDArray value(String field) {
    return jets.value(field);
  }

  @Override
  public NDArray d(String field, String input) {
    if (input.equals(time)) {
      NDArray v = jets.value(field);
      return names.indexOf(field) == unitField ? v.onesLike() : v.zerosLike();
    }
    return jets.d(field, input);
  }

  @Override
  public NDArray d2(String field, String input) {
    return input.equals(time) ? jets.value(field).zerosLike() : jets.d2(field, input);
  }

  @Override
  public NDArray d2(String field, String a, String b) {
    return a.equals(time) || b.equals(time) ? jets.value(field).zerosLike() : jets.d2(field, a, b);
  }

  @Override
  public NDArray parameter(String name) {
    return jets.parameter(name);
  }

  @Override
  public NDManager manager() {
    return jets.manager();
  }
}
