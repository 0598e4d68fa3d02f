package org.pinnadapt.strategy.colora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.PinnAdaptException;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.InitialValues;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.strategy.StrategyContext;
import org.pinnadapt.api.train.StopReason;
import org.pinnadapt.api.train.TrainingResult;

/**
 * CoLoRA-EQ: Neural Galerkin time integration of the online parameters. With the offline network fixed,
 * {@code d alpha / dt} solves, at every stage, the least-squares problem
 * {@code min || J(alpha) d - f(u(alpha)) ||} over the sample points, where {@code J = du/dalpha} comes from
 * forward-mode tangents (one per online parameter) and {@code f} is the PDE's right-hand side
 * {@code u_t = f(u, u_x, ...)}, read from the residual as {@code f = -R(u_t = 0) / (R(u_t = 1) - R(u_t = 0))}.
 * The initial alpha is fitted to the initial condition by Gauss-Newton; classical RK4 steps in time.
 */
final class Galerkin {

  private final Pde pde;
  private final ColoraModel model;
  private final Params params;
  private final Network net;
  private final NDArray x;
  private final Set<Partial> spatialPartials;
  private final Map<String, NDArray> parameters;
  private final String time;
  private final double ridge;
  private final DataType type;
  private final NDManager manager;

  Galerkin(Pde pde, Task task, ColoraModel model, Params params, Network net, double[][] points, double ridge,
      NDManager manager, DataType type) {
    this.pde = pde;
    this.model = model;
    this.params = params;
    this.net = net;
    this.manager = manager;
    this.type = type;
    this.ridge = ridge;
    Domain d = pde.domain();
    this.time = d.time().orElseThrow().name();
    this.x = ColoraStrategy.rows(manager, points, type);
    this.spatialPartials = new LinkedHashSet<>();
    for (Partial p : pde.partials()) {
      if (!p.first().equals(time) && (p.second() == null || !p.second().equals(time))) {
        spatialPartials.add(p);
      }
    }
    this.parameters = new LinkedHashMap<>();
    for (var p : pde.parameters()) {
      if (task.parameters().containsKey(p.name())) {
        parameters.put(p.name(), Scalars.of(manager, task.parameter(p.name()), type));
      }
    }
  }

  /**
   * Integrates a task from its initial condition.
   *
   * @param task the task
   * @param ctx the context
   * @param model the model
   * @param params the offline parameters
   * @param net the executor of the model's network
   * @param hyper the hypernetwork executor (the initial guess of alpha)
   * @param config the configuration
   * @param spacePoints sample points per spatial input
   * @return the solution
   */
  static Solution integrate(Task task, StrategyContext ctx, ColoraModel model, Params params, Network net,
      Network hyper, ColoraConfig config, int spacePoints) {
    Pde pde = ctx.pde();
    Domain d = pde.domain();
    double t0 = d.time().orElseThrow().min();
    double t1 = d.time().orElseThrow().max();
    double[][] grid = ColoraStrategy.spatialGrid(d, spacePoints);
    long start = System.nanoTime();
    NDManager m = ctx.compute().manager().newSubManager();
    try (NDManager work = ctx.compute().manager().newSubManager()) {
      Galerkin g = new Galerkin(pde, task, model, params, net, grid, config.eqRidge(), work, ctx.compute().dataType());
      double[] alpha0 = g.initialAlpha(task, ctx, hyper, config.eqFitIterations(), grid);
      int steps = config.eqSteps();
      int p = alpha0.length;
      double[] times = new double[steps + 1];
      double[][] alpha = new double[steps + 1][];
      double[][] rate = new double[steps + 1][];
      double dt = (t1 - t0) / steps;
      alpha[0] = alpha0;
      for (int k = 0; k <= steps; k++) {
        times[k] = t0 + dt * k;
        double[] k1 = g.rate(alpha[k], times[k]);
        rate[k] = k1;
        if (k == steps) {
          break;
        }
        double[] k2 = g.rate(axpy(alpha[k], dt / 2, k1), times[k] + dt / 2);
        double[] k3 = g.rate(axpy(alpha[k], dt / 2, k2), times[k] + dt / 2);
        double[] k4 = g.rate(axpy(alpha[k], dt, k3), times[k] + dt);
        double[] next = new double[p];
        for (int j = 0; j < p; j++) {
          next[j] = alpha[k][j] + dt / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
          if (!Double.isFinite(next[j])) {
            throw new PinnAdaptException("CoLoRA-EQ diverged at t = " + times[k] + " for " + task.id());
          }
        }
        alpha[k + 1] = next;
      }
      Params state = new Params();
      state.put("times", ColoraModel.create(m, times, new Shape(times.length), DataType.FLOAT64));
      state.put("alpha", ColoraModel.create(m, flat(alpha), new Shape(steps + 1, p), DataType.FLOAT64));
      state.put("rate", ColoraModel.create(m, flat(rate), new Shape(steps + 1, p), DataType.FLOAT64));
      double wall = (System.nanoTime() - start) / 1e9;
      TrainingResult r = new TrainingResult(steps, Double.NaN, Double.NaN, steps, wall / steps, wall,
          StopReason.MAX_EPOCHS, List.of());
      return new ColoraSolution.Integrated(task, model, params, d, state, r, m);
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  private static double[] axpy(double[] a, double s, double[] b) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i] + s * b[i];
    }
    return r;
  }

  private static double[] flat(double[][] a) {
    double[] f = new double[a.length * a[0].length];
    for (int i = 0; i < a.length; i++) {
      System.arraycopy(a[i], 0, f, i * a[0].length, a[0].length);
    }
    return f;
  }

  /** alpha at the start: the hypernetwork's guess refined by Gauss-Newton on the initial condition. */
  private double[] initialAlpha(Task task, StrategyContext ctx, Network hyper, int iterations, double[][] grid) {
    Domain d = pde.domain();
    double t0 = d.time().orElseThrow().min();
    int ti = d.index(time);
    int[] spaceCols = d.space().stream().mapToInt(i -> d.index(i.name())).toArray();
    double[][] pts = new double[grid.length][d.dim()];
    for (int i = 0; i < grid.length; i++) {
      pts[i][ti] = t0;
      for (int c = 0; c < spaceCols.length; c++) {
        pts[i][spaceCols[c]] = grid[i][c];
      }
    }
    InitialValues init = InitialValues.of(pde, task, pts);
    List<String> names = pde.fields().stream().map(f -> f.name()).toList();
    if (!init.fields().equals(names)) {
      throw new InvalidInputException("CoLoRA-EQ needs an initial condition on every field " + names + "; "
          + pde.id() + " prescribes " + init.fields());
    }
    double[] u0 = flat(init.values());
    double[] z = new double[1 + task.embedding().length];
    z[0] = t0;
    System.arraycopy(task.embedding(), 0, z, 1, task.embedding().length);
    double[] alpha = model.alpha(hyper, params, ColoraModel.create(manager, z, new Shape(1, z.length), type))
        .reshape(-1).toType(DataType.FLOAT64, false).toDoubleArray();
    // Levenberg-Marquardt: Gauss-Newton steps, damped until the misfit decreases
    double[][] jac = new double[u0.length][];
    double misfit = misfit(u0, valueAndJacobian(alpha, jac));
    double damping = 1e-6;
    for (int it = 0; it < iterations && misfit > 0; it++) {
      double[] u = valueAndJacobian(alpha, jac);
      double[] r = new double[u.length];
      for (int i = 0; i < u.length; i++) {
        r[i] = u0[i] - u[i];
      }
      boolean improved = false;
      for (int tries = 0; tries < 12 && !improved; tries++) {
        double[] step = leastSquares(jac, r, Math.max(ridge, damping));
        double[] trial = axpy(alpha, 1, step);
        double m = misfit(u0, valueAndJacobian(trial, new double[u0.length][]));
        if (m < misfit) {
          alpha = trial;
          misfit = m;
          damping = Math.max(damping / 10, 1e-12);
          improved = true;
        } else {
          damping *= 10;
        }
      }
      if (!improved) {
        break;
      }
    }
    return alpha;
  }

  private static double misfit(double[] target, double[] u) {
    double s = 0;
    for (int i = 0; i < u.length; i++) {
      s += (target[i] - u[i]) * (target[i] - u[i]);
    }
    return s;
  }

  /**
   * The network output at the sample points and its Jacobian with respect to alpha.
   *
   * @param alpha the online parameters
   * @param jac filled with rows {@code [N * F][onlineCount]}
   * @return the output, point-major {@code [N * F]}
   */
  double[] valueAndJacobian(double[] alpha, double[][] jac) {
    // a scope, not a sub-manager: the operations' results belong to their operands' managers (the sample points',
    // the offline parameters'), so a sub-manager would keep none of them and they would pile up until the task ends
    try (NDScope scope = new NDScope()) {
      NDArray a = ColoraModel.create(manager, alpha, new Shape(alpha.length), type);
      NDList out = model.withJacobian(params, x, a);
      double[] u = out.get(0).toType(DataType.FLOAT64, false).toDoubleArray();
      double[] j = out.get(1).toType(DataType.FLOAT64, false).toDoubleArray(); // [P, N, F]
      int p = alpha.length;
      for (int row = 0; row < u.length; row++) {
        double[] r = new double[p];
        for (int k = 0; k < p; k++) {
          r[k] = j[k * u.length + row];
        }
        jac[row] = r;
      }
      return u;
    }
  }

  /**
   * The right-hand side {@code f(u(alpha))} at the sample points.
   *
   * @param alpha the online parameters
   * @param t the time
   * @return point-major {@code [N * F]}
   */
  double[] rightHandSide(double[] alpha, double t) {
    try (NDScope scope = new NDScope()) {
      NDArray a = ColoraModel.create(manager, alpha, new Shape(alpha.length), type);
      Fields jets = net.jets(x, model.weights(params, a), spatialPartials, parameters);
      List<String> names = pde.fields().stream().map(f -> f.name()).toList();
      NDList r0 = pde.residual(new TimeFields(jets, time, t, -1, names));
      int f = names.size();
      if (r0.size() != f) {
        throw new InvalidInputException("CoLoRA-EQ needs one evolution equation per field; " + pde.id() + " has "
            + r0.size() + " equations for " + f + " fields");
      }
      int n = (int) x.getShape().get(0);
      double[] out = new double[n * f];
      for (int eq = 0; eq < f; eq++) {
        NDList r1 = pde.residual(new TimeFields(jets, time, t, eq, names));
        double[] base = r0.get(eq).toType(DataType.FLOAT64, false).toDoubleArray();
        double[] unit = r1.get(eq).toType(DataType.FLOAT64, false).toDoubleArray();
        for (int i = 0; i < n; i++) {
          double c = unit[i] - base[i];
          // c is the residual's coefficient of u_t; beyond 1e6 it drowns in the rounding of a float32 residual
          if (!(Math.abs(base[i]) < 1e12) || Math.abs(c) < 1e-12 && Math.abs(base[i]) > 1e6) {
            throw new PinnAdaptException(String.format(Locale.ROOT, "CoLoRA-EQ diverged: the residual "
                + "of %s reached %.3g at t = %.4g; use more time steps (eq-steps) or a better offline network",
                pde.id(), base[i], t));
          }
          if (Math.abs(c) < 1e-12) {
            throw new InvalidInputException("CoLoRA-EQ needs equation " + eq + " of " + pde.id() + " to contain the "
                + "time derivative of field " + names.get(eq));
          }
          out[i * f + eq] = -base[i] / c;
        }
      }
      return out;
    }
  }

  /**
   * The Galerkin rate {@code d alpha / dt}.
   *
   * @param alpha the online parameters
   * @param t the time
   * @return the rate
   */
  double[] rate(double[] alpha, double t) {
    double[] f = rightHandSide(alpha, t);
    double[][] jac = new double[f.length][];
    valueAndJacobian(alpha, jac);
    return leastSquares(jac, f, ridge);
  }

  /** Regularized normal equations {@code (J^T J + ridge tr/p I) d = J^T b}, solved by Gaussian elimination. */
  static double[] leastSquares(double[][] jac, double[] b, double ridge) {
    int p = jac[0].length;
    double[][] a = new double[p][p + 1];
    for (int row = 0; row < jac.length; row++) {
      double[] r = jac[row];
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < p; j++) {
          a[i][j] += r[i] * r[j];
        }
        a[i][p] += r[i] * b[row];
      }
    }
    double trace = 0;
    for (int i = 0; i < p; i++) {
      trace += a[i][i];
    }
    for (int i = 0; i < p; i++) {
      a[i][i] += ridge * trace / p + 1e-300;
    }
    for (int col = 0; col < p; col++) {
      int piv = col;
      for (int r = col + 1; r < p; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
          piv = r;
        }
      }
      double[] tmp = a[col];
      a[col] = a[piv];
      a[piv] = tmp;
      for (int r = col + 1; r < p; r++) {
        double fct = a[r][col] / a[col][col];
        for (int c = col; c <= p; c++) {
          a[r][c] -= fct * a[col][c];
        }
      }
    }
    double[] x = new double[p];
    for (int i = p - 1; i >= 0; i--) {
      double s = a[i][p];
      for (int j = i + 1; j < p; j++) {
        s -= a[i][j] * x[j];
      }
      x[i] = s / a[i][i];
    }
    return x;
  }
}
