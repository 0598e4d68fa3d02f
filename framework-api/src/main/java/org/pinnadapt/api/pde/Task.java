package org.pinnadapt.api.pde;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One instance of a parameterized PDE: a point in its parameter space and the embedding a
 * hypernetwork reads.
 *
 * <p>For a parametric PDE the embedding is the parameter vector ({@code [Re]}, {@code [beta, nu,
 * rho]}); for a PDE whose instances are functions (the initial condition of 1D Burgers) it is the
 * function sampled at fixed points. Instances are created and validated by {@code Pde.task(...)}.
 */
public final class Task {

  private final String id;
  private final Map<String, Double> parameters;
  private final double[] embedding;

  /**
   * Creates a task. Prefer {@code Pde.task(...)}, which validates the values.
   *
   * @param id a short identifier, e.g. {@code Re=40}; used in file names and tables
   * @param parameters scalar parameter values by name
   * @param embedding the task embedding
   */
  public Task(String id, Map<String, Double> parameters, double[] embedding) {
    this.id = Objects.requireNonNull(id, "id");
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    this.embedding = embedding.clone();
  }

  /**
   * The identifier.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Scalar parameter values by name.
   *
   * @return an unmodifiable map
   */
  public Map<String, Double> parameters() {
    return parameters;
  }

  /**
   * One parameter value.
   *
   * @param name the parameter name
   * @return its value
   * @throws IllegalArgumentException if the task has no such parameter
   */
  public double parameter(String name) {
    Double v = parameters.get(name);
    if (v == null) {
      throw new IllegalArgumentException("task " + id + " has no parameter '" + name + "'");
    }
    return v;
  }

  /**
   * The embedding read by hypernetworks.
   *
   * @return a copy of the embedding
   */
  public double[] embedding() {
    return embedding.clone();
  }

  /**
   * The embedding dimension.
   *
   * @return the embedding length
   */
  public int embeddingDimension() {
    return embedding.length;
  }

  /**
   * A file-name-safe form of the id.
   *
   * @return the id with characters other than letters, digits, '.', '-', '_' and '=' replaced
   */
  public String fileName() {
    return id.replaceAll("[^A-Za-z0-9._=-]", "_");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Task t
        && id.equals(t.id)
        && parameters.equals(t.parameters)
        && Arrays.equals(embedding, t.embedding);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, parameters, Arrays.hashCode(embedding));
  }

  @Override
  public String toString() {
    return id;
  }
}
