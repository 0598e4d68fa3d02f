package org.pinnadapt.pde.burgers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.Condition;
import org.pinnadapt.api.pde.DirichletCondition;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.ParametricPde;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PeriodicCondition;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.ReferenceSolution;
import org.pinnadapt.api.pde.Sampler;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.pde.TaskSplit;

/**
 * The periodic 1D viscous Burgers equation \( u_t + (u^2/2)_x = \nu u_{xx} \), \( x \in [0,1) \),
 * \( t \in [0,1] \), whose tasks are initial conditions drawn from a Gaussian random field
 * ({@link GaussianRandomField}). The task embedding is the initial condition at 128 equispaced points.
 * The reference is the ETDRK4 pseudo-spectral solution ({@link SpectralBurgersSolver}).
 *
 * <p>Tasks: {@code sample=K} draws the K-th field sample of the configured field seed; a
 * {@code --task-file} row gives 128 values of the initial condition directly.
 */
public final class Burgers1d implements Pde {

  /** The viscosity, default 0.01 (the HyperLoRA setting). */
  public static final Parameter VISCOSITY = new Parameter("nu", 1e-3, 0.1, 0.01, "viscosity");

  /** The index of the random-field sample that is the initial condition. */
  public static final Parameter SAMPLE =
      new Parameter("sample", 0, 999_999, 0, "index of the Gaussian-random-field initial condition");

  /** The number of points of the embedding. */
  public static final int EMBEDDING_POINTS = 128;

  private static final Domain DOMAIN = Domain.of(Input.periodic("x", 0, 1), Input.time("t", 0, 1));

  private final long grfSeed;
  private final int solverPoints;
  private final double solverDt;
  private final GaussianRandomField field = new GaussianRandomField(EMBEDDING_POINTS);

  /**
   * Creates the PDE.
   *
   * @param grfSeed the random-field seed
   * @param solverPoints collocation points of the reference solver
   * @param solverDt time step of the reference solver
   */
  public Burgers1d(long grfSeed, int solverPoints, double solverDt) {
    this.grfSeed = grfSeed;
    this.solverPoints = solverPoints;
    this.solverDt = solverDt;
  }

  @Override
  public String id() {
    return "burgers1d";
  }

  @Override
  public Domain domain() {
    return DOMAIN;
  }

  @Override
  public List<Field> fields() {
    return List.of(Field.of("u", "velocity"));
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(VISCOSITY, SAMPLE);
  }

  @Override
  public Set<Partial> partials() {
    return Set.of(Partial.d("x"), Partial.d("t"), Partial.d2("x"));
  }

  @Override
  public List<String> residualNames() {
    return List.of("burgers");
  }

  @Override
  public NDList residual(Fields f) {
    NDArray u = f.value("u");
    return new NDList(
        f.d("u", "t").add(u.mul(f.d("u", "x"))).sub(f.d2("u", "x").mul(f.parameter("nu"))));
  }

  @Override
  public PointCounts defaultPointCounts() {
    return new PointCounts(10_000, 128, 100);
  }

  @Override
  public List<Condition> conditions(Task task, Sampler sampler, PointCounts counts) {
    List<Condition> out = new ArrayList<>();
    if (counts.initial() > 0) {
      PointSet ic = sampler.initial(DOMAIN, counts.initial());
      double[] x = ic.column(0);
      SpectralBurgersSolver s = solver(task);
      double[] u0 = s.evaluate(s.coefficientsOf(task.embedding()), x, 0);
      double[][] rows = new double[u0.length][];
      for (int i = 0; i < u0.length; i++) {
        rows[i] = new double[] {u0[i]};
      }
      out.add(new DirichletCondition("ic", ic, List.of("u"), PointSet.ofRows(rows)));
    }
    if (counts.boundary() > 0) {
      PointSet lower = sampler.face(DOMAIN, "x", false, counts.boundary());
      PointSet upper = lower.withColumn(0, DOMAIN.input("x").max());
      out.add(new PeriodicCondition("periodic", "x", lower, upper, List.of("u"), true));
    }
    return out;
  }

  @Override
  public int embeddingDimension() {
    return EMBEDDING_POINTS;
  }

  @Override
  public Task task(Map<String, Double> values) {
    for (String key : values.keySet()) {
      if (!key.equals(VISCOSITY.name()) && !key.equals(SAMPLE.name())) {
        throw new InvalidInputException(
            "unknown parameter '" + key + "' for pde 'burgers1d'; known parameters: nu, sample");
      }
    }
    double nu = check(VISCOSITY, values.getOrDefault("nu", VISCOSITY.defaultValue()));
    double sample = check(SAMPLE, values.getOrDefault("sample", SAMPLE.defaultValue()));
    if (sample != Math.rint(sample)) {
      throw new InvalidInputException("parameter sample=" + sample + " must be an integer");
    }
    Map<String, Double> params = new LinkedHashMap<>();
    params.put("nu", nu);
    params.put("sample", sample);
    String id = "ic-" + (long) sample + (nu == VISCOSITY.defaultValue() ? "" : ",nu=" + ParametricPde.format(nu));
    return new Task(id, params, field.sample(grfSeed, (long) sample));
  }

  @Override
  public Task taskFromEmbedding(String id, double[] embedding) {
    if (embedding.length != EMBEDDING_POINTS) {
      throw new InvalidInputException(
          "task '" + id + "' has " + embedding.length + " values; pde 'burgers1d' expects "
              + EMBEDDING_POINTS + " (the initial condition at x = j/128)");
    }
    for (int i = 0; i < embedding.length; i++) {
      if (!Double.isFinite(embedding[i])) {
        throw new InvalidInputException("task '" + id + "': value " + (i + 1) + " is " + embedding[i]);
      }
    }
    return new Task(id, Map.of("nu", VISCOSITY.defaultValue()), embedding);
  }

  @Override
  public TaskSplit taskSplit(long seed) {
    SplittableRandom rng = new SplittableRandom(seed ^ 0xB0E6E75L);
    Set<Long> seen = new HashSet<>();
    List<List<Task>> sets = new ArrayList<>();
    for (int count : new int[] {100, 20, 20}) {
      List<Task> tasks = new ArrayList<>();
      while (tasks.size() < count) {
        long k = rng.nextLong((long) SAMPLE.max() + 1);
        if (seen.add(k)) {
          tasks.add(task(Map.of("sample", (double) k)));
        }
      }
      sets.add(tasks);
    }
    return new TaskSplit(sets.get(0), sets.get(1), sets.get(2));
  }

  @Override
  public ReferenceSolution reference(Task task) {
    return new Reference(solver(task), task.embedding());
  }

  private SpectralBurgersSolver solver(Task task) {
    return new SpectralBurgersSolver(task.parameter("nu"), solverPoints, solverDt);
  }

  private static double check(Parameter p, double v) {
    if (!p.contains(v)) {
      throw new InvalidInputException(
          "parameter " + p.name() + "=" + ParametricPde.format(v) + " is outside its range ["
              + ParametricPde.format(p.min()) + ", " + ParametricPde.format(p.max())
              + "] for pde 'burgers1d'");
    }
    return v;
  }

  /** Marches the spectral solution through the requested times. */
  private static final class Reference implements ReferenceSolution {
    private final SpectralBurgersSolver solver;
    private final double[] initial;

    Reference(SpectralBurgersSolver solver, double[] initial) {
      this.solver = solver;
      this.initial = initial.clone();
    }

    @Override
    public double[][] evaluate(PointSet points) {
      double[] d = evaluateDerivative(points, 0);
      double[][] out = new double[d.length][];
      for (int i = 0; i < d.length; i++) {
        out[i] = new double[] {d[i]};
      }
      return out;
    }

    @Override
    public Optional<double[][]> derivative(PointSet points, Partial partial) {
      if (!partial.first().equals("x") || (partial.second() != null && !partial.second().equals("x"))) {
        return Optional.empty();
      }
      double[] d = evaluateDerivative(points, partial.order());
      double[][] out = new double[d.length][];
      for (int i = 0; i < d.length; i++) {
        out[i] = new double[] {d[i]};
      }
      return Optional.of(out);
    }

    private double[] evaluateDerivative(PointSet points, int order) {
      TreeMap<Double, List<Integer>> byTime = new TreeMap<>();
      for (int i = 0; i < points.size(); i++) {
        double t = points.get(i, 1);
        if (t < -1e-12 || t > 1 + 1e-12) {
          throw new IllegalArgumentException("t=" + t + " is outside [0, 1]");
        }
        byTime.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
      }
      double[] out = new double[points.size()];
      double[][] state = solver.coefficientsOf(initial);
      int stepsDone = 0;
      double h = solver.dt();
      for (Map.Entry<Double, List<Integer>> e : byTime.entrySet()) {
        double t = Math.max(0, e.getKey());
        int whole = (int) Math.floor(t / h + 1e-9);
        solver.advance(state, whole - stepsDone);
        stepsDone = whole;
        double[][] at = state;
        double rest = t - whole * h;
        if (rest > 1e-14) {
          at = SpectralBurgersSolver.copy(state);
          solver.advanceBy(at, rest);
        }
        double[] x = new double[e.getValue().size()];
        for (int j = 0; j < x.length; j++) {
          x[j] = points.get(e.getValue().get(j), 0);
        }
        double[] v = solver.evaluate(at, x, order);
        for (int j = 0; j < x.length; j++) {
          out[e.getValue().get(j)] = v[j];
        }
      }
      return out;
    }

    @Override
    public String method() {
      return solver.toString();
    }
  }
}
