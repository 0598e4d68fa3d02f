package org.pinnadapt.api.pde;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.pinnadapt.api.base.InvalidInputException;

/**
 * A base class for PDEs whose tasks are points of a box-shaped parameter space and whose embedding is
 * the parameter vector. It implements task creation with validation, the reference task and a
 * deterministic random split; subclasses supply the physics.
 */
public abstract class ParametricPde implements Pde {

  private final String id;
  private final List<Parameter> parameters;
  private final int trainTasks;
  private final int validationTasks;
  private final int testTasks;

  /**
   * Creates the base.
   *
   * @param id the PDE id
   * @param parameters the parameter space
   * @param trainTasks the number of training tasks in {@link #taskSplit(long)}
   * @param validationTasks the number of validation tasks
   * @param testTasks the number of test tasks
   */
  protected ParametricPde(
      String id, List<Parameter> parameters, int trainTasks, int validationTasks, int testTasks) {
    this.id = id;
    this.parameters = List.copyOf(parameters);
    this.trainTasks = trainTasks;
    this.validationTasks = validationTasks;
    this.testTasks = testTasks;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public int embeddingDimension() {
    return parameters.size();
  }

  @Override
  public Task task(Map<String, Double> values) {
    Map<String, Double> resolved = new LinkedHashMap<>();
    Set<String> known = new HashSet<>();
    for (Parameter p : parameters) {
      known.add(p.name());
    }
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        throw new InvalidInputException(
            "unknown parameter '" + name + "' for pde '" + id + "'; known parameters: "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
    for (Parameter p : parameters) {
      double v = values.getOrDefault(p.name(), p.defaultValue());
      if (!p.contains(v)) {
        throw new InvalidInputException(
            "parameter " + p.name() + "=" + format(v) + " is outside its range [" + format(p.min())
                + ", " + format(p.max()) + "] for pde '" + id + "'");
      }
      resolved.put(p.name(), v);
    }
    return new Task(taskId(resolved), resolved, embeddingOf(resolved));
  }

  @Override
  public Task taskFromEmbedding(String taskId, double[] embedding) {
    if (embedding.length != parameters.size()) {
      throw new InvalidInputException(
          "task '" + taskId + "' has " + embedding.length + " values; pde '" + id + "' expects "
              + parameters.size() + " (" + String.join(", ", parameters.stream().map(Parameter::name).toList())
              + ")");
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < embedding.length; i++) {
      if (!Double.isFinite(embedding[i])) {
        throw new InvalidInputException(
            "task '" + taskId + "': value " + (i + 1) + " (" + parameters.get(i).name() + ") is "
                + embedding[i]);
      }
      values.put(parameters.get(i).name(), embedding[i]);
    }
    return task(values);
  }

  @Override
  public TaskSplit taskSplit(long seed) {
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    Set<String> seen = new HashSet<>();
    List<List<Task>> sets = new ArrayList<>();
    for (int count : new int[] {trainTasks, validationTasks, testTasks}) {
      List<Task> tasks = new ArrayList<>();
      int guard = 0;
      while (tasks.size() < count) {
        if (++guard > 1000 * (count + 1)) {
          throw new IllegalStateException("cannot draw " + count + " distinct tasks for " + id);
        }
        Map<String, Double> v = new LinkedHashMap<>();
        for (Parameter p : parameters) {
          v.put(p.name(), drawParameter(p, rng));
        }
        Task t = task(v);
        if (seen.add(t.id())) {
          tasks.add(t);
        }
      }
      sets.add(tasks);
    }
    return new TaskSplit(sets.get(0), sets.get(1), sets.get(2));
  }

  /**
   * Draws one parameter value for the random split. The default is uniform over the range, rounded
   * to four significant digits so task ids stay readable.
   *
   * @param p the parameter
   * @param rng the random source
   * @return a value in the range
   */
  protected double drawParameter(Parameter p, SplittableRandom rng) {
    double v = p.min() + (p.max() - p.min()) * rng.nextDouble();
    double r = Double.parseDouble(String.format(Locale.ROOT, "%.4g", v));
    return Math.min(p.max(), Math.max(p.min(), r));
  }

  /**
   * The embedding of a parameter point.
   *
   * @param values resolved parameter values in parameter order
   * @return the embedding; by default the parameter vector
   */
  protected double[] embeddingOf(Map<String, Double> values) {
    return values.values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * A task id of the form {@code Re=40} or {@code beta=30,nu=0,rho=0}.
   *
   * @param values resolved parameter values
   * @return the id
   */
  protected String taskId(Map<String, Double> values) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : values.entrySet()) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(e.getKey()).append('=').append(format(e.getValue()));
    }
    return sb.toString();
  }

  /**
   * Formats a number compactly: integers without a decimal point, others with up to 6 significant
   * digits.
   *
   * @param v the number
   * @return the text
   */
  public static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.6g", v);
    if (s.contains("e")) {
      String[] parts = s.split("e");
      String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "").replaceAll("\\.$", "") : parts[0];
      return mantissa + "e" + Integer.parseInt(parts[1]);
    }
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}
