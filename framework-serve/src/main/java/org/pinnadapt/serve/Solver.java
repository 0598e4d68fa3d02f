package org.pinnadapt.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.EvaluationGrid;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.SavedRun;
import org.pinnadapt.core.io.Json;
import org.pinnadapt.core.loss.ErrorReport;

/**
 * Evaluates a run's solution for given PDE parameters on a grid, as {@code GET /api/runs/{id}/solve} answers.
 * Opened runs are kept in a small least-recently-used cache (each holds its networks in native memory); a run
 * evaluates one request at a time, different runs at once.
 */
public final class Solver implements AutoCloseable {

  /** The largest grid, in points (101 x 101 is 10,201). */
  public static final int MAX_POINTS = 201 * 201;

  private final RunIndex index;
  private final Function<ExperimentConfig, PinnAdapt> frameworks;
  private final int capacity;
  private final LinkedHashMap<Path, Entry> open = new LinkedHashMap<>(16, 0.75f, true);

  /** An opened run and its lock. */
  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    final SavedRun run;
    final Map<String, Object> metrics;
    boolean closed;

    Entry(SavedRun run, Map<String, Object> metrics) {
      this.run = run;
      this.metrics = metrics;
    }
  }

  /**
   * Creates the solver.
   *
   * @param index the runs
   * @param frameworks the framework for a run's configuration (its device and precision); the solver does not close
   *     it
   * @param capacity runs kept open at most
   */
  public Solver(RunIndex index, Function<ExperimentConfig, PinnAdapt> frameworks, int capacity) {
    this.index = index;
    this.frameworks = frameworks;
    this.capacity = Math.max(1, capacity);
  }

  /**
   * Solves a run for parameters on a grid.
   *
   * @param id the run id
   * @param query the request's parameters: one per PDE parameter (missing ones take their default), {@code grid}
   *     ({@code NXxNY}, one size per spatial input, and for a time-dependent PDE without {@code t} one for time),
   *     {@code t} (a time slice)
   * @return the answer: {@code task}, {@code inputs}, {@code axes}, {@code fields}, {@code prediction},
   *     {@code reference}, {@code abs_error} (per field, values in grid order, the last input fastest),
   *     {@code rel_l2}, {@code rel_l2_fields}, {@code solve_ms}, {@code evaluate_ms}, {@code ms}
   */
  public Map<String, Object> solve(String id, Map<String, String> query) {
    long t0 = System.nanoTime();
    Path folder = index.folder(id);
    Entry e = entry(id, folder);
    e.lock.lock();
    try {
      if (e.closed) { // evicted meanwhile: open it again
        return solve(id, query);
      }
      Pde pde = e.run.pde();
      Task task = task(pde, query);
      checkSolvable(e, task);
      Grid g = grid(pde.domain(), query);
      SavedRun.Prediction p = e.run.predict(task, g.points(), true);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("run", id);
      out.put("task", task.id());
      out.put("parameters", task.parameters());
      out.put("inputs", g.inputs());
      out.put("axes", g.axes());
      out.put("time", g.time());
      List<String> names = pde.fields().stream().map(Field::name).toList();
      List<String> shown = shownFields(names, query.get("fields"));
      out.put("fields", shown);
      out.put("prediction", columns(names, shown, p.values()));
      if (p.reference() != null) {
        out.put("reference", columns(names, shown, p.reference()));
        double[][] err = new double[p.values().length][names.size()];
        for (int i = 0; i < err.length; i++) {
          for (int f = 0; f < names.size(); f++) {
            err[i][f] = Math.abs(p.values()[i][f] - p.reference()[i][f]);
          }
        }
        out.put("abs_error", columns(names, shown, err));
        ErrorReport r = p.errors();
        out.put("rel_l2", RunIndex.finite(r.relL2()));
        Map<String, Object> perField = new LinkedHashMap<>();
        for (ErrorReport.FieldError f : r.fields()) {
          perField.put(f.field(), RunIndex.finite(f.relL2()));
        }
        out.put("rel_l2_fields", perField);
        out.put("reference_method", p.referenceMethod());
      }
      out.put("solve_ms", p.solveMs());
      out.put("evaluate_ms", p.evaluateMs());
      out.put("ms", (System.nanoTime() - t0) / 1e6);
      return out;
    } finally {
      e.lock.unlock();
    }
  }

  /**
   * What a run can be asked: its PDE's parameters with their ranges, whether it predicts new parameters, its
   * trained tasks, its inputs and a default grid.
   *
   * @param id the run id
   * @return the description
   */
  public Map<String, Object> describe(String id) {
    Path folder = index.folder(id);
    Entry e = entry(id, folder);
    e.lock.lock();
    try {
      Pde pde = e.run.pde();
      Map<String, Object> out = new LinkedHashMap<>();
      List<Map<String, Object>> params = new ArrayList<>();
      for (Parameter p : pde.parameters()) {
        params.add(Map.of("name", p.name(), "min", p.min(), "max", p.max(), "default", p.defaultValue(),
            "description", p.description()));
      }
      out.put("parameters", params);
      out.put("predicts_new_tasks", e.run.predictsNewTasks());
      out.put("trained_tasks", trainedTasks(e));
      List<Map<String, Object>> inputs = new ArrayList<>();
      for (Input in : pde.domain().inputs()) {
        inputs.add(Map.of("name", in.name(), "min", in.min(), "max", in.max(), "time",
            pde.domain().time().map(t -> t.name().equals(in.name())).orElse(false)));
      }
      out.put("inputs", inputs);
      out.put("fields", pde.fields().stream().map(Field::name).toList());
      return out;
    } finally {
      e.lock.unlock();
    }
  }

  private static List<Object> trainedTasks(Entry e) {
    Object tasks = e.metrics.get("tasks");
    List<Object> out = new ArrayList<>();
    if (tasks instanceof List<?> l) {
      for (Object t : l) {
        if (t instanceof Map<?, ?> m) {
          out.add(Map.of("task", String.valueOf(m.get("task")), "parameters",
              m.get("parameters") == null ? Map.of() : m.get("parameters")));
        }
      }
    }
    return out;
  }

  private void checkSolvable(Entry e, Task task) {
    if (e.run.predictsNewTasks()) {
      return;
    }
    List<String> trained = trainedTasks(e).stream().map(t -> (String) ((Map<?, ?>) t).get("task")).toList();
    if (!trained.contains(task.id())) {
      throw new HttpError(400, "strategy " + e.run.strategyId() + " solves only the tasks it was trained on ("
          + String.join("; ", trained) + "), not " + task.id());
    }
  }

  /** The task of the request's parameters: each checked against its range; unknown names refused. */
  static Task task(Pde pde, Map<String, String> query) {
    Map<String, Double> values = new LinkedHashMap<>();
    List<String> known = pde.parameters().stream().map(Parameter::name).toList();
    for (Map.Entry<String, String> q : query.entrySet()) {
      String k = q.getKey();
      if (k.equals("grid") || k.equals("t") || k.equals("fields")) {
        continue;
      }
      if (!known.contains(k)) {
        throw new HttpError(400, "unknown parameter '" + k + "'; " + pde.id() + " has " + String.join(", ", known)
            + (known.isEmpty() ? "none" : "") + " (and grid, t, fields)");
      }
      double v = number(k, q.getValue());
      Parameter p = pde.parameters().get(known.indexOf(k));
      if (!p.contains(v)) {
        throw new HttpError(400, "parameter " + k + "=" + q.getValue() + " is outside its range [" + p.min() + ", "
            + p.max() + "]");
      }
      values.put(k, v);
    }
    for (Parameter p : pde.parameters()) {
      values.putIfAbsent(p.name(), p.defaultValue());
    }
    return pde.task(values);
  }

  private static double number(String name, String text) {
    try {
      double v = Double.parseDouble(text.trim());
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new HttpError(400, "parameter " + name + "=" + text + " is not a number");
    }
  }

  /** The grid of a request, and the points it evaluates. */
  record Grid(EvaluationGrid grid, PointSet points, List<String> inputs, List<double[]> axes, Double time) {}

  static Grid grid(Domain domain, Map<String, String> query) {
    String spec = query.getOrDefault("grid", "51x51");
    String tText = query.get("t");
    Input time = domain.time().orElse(null);
    if (tText != null && time == null) {
      throw new HttpError(400, "t=" + tText + ": the PDE is steady (no time input)");
    }
    List<Input> axesInputs = tText == null ? domain.inputs() : domain.space();
    String[] parts = spec.toLowerCase(java.util.Locale.ROOT).split("x", -1);
    if (parts.length != axesInputs.size()) {
      throw new HttpError(400, "grid=" + spec + ": needs " + axesInputs.size() + " sizes ("
          + String.join("x", axesInputs.stream().map(Input::name).toList()) + "), like "
          + String.join("x", axesInputs.stream().map(i -> "51").toList()));
    }
    int[] counts = new int[parts.length];
    long total = 1;
    for (int i = 0; i < parts.length; i++) {
      try {
        counts[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new HttpError(400, "grid=" + spec + ": '" + parts[i] + "' is not a size");
      }
      if (counts[i] < 2) {
        throw new HttpError(400, "grid=" + spec + ": each size must be at least 2");
      }
      total *= counts[i];
      if (total > MAX_POINTS) {
        throw new HttpError(400, "grid=" + spec + ": more than " + MAX_POINTS + " points (the cap)");
      }
    }
    List<String> names = axesInputs.stream().map(Input::name).toList();
    if (tText == null) {
      EvaluationGrid g = new EvaluationGrid(domain, counts);
      List<double[]> axes = new ArrayList<>();
      for (int i = 0; i < counts.length; i++) {
        axes.add(g.axis(i));
      }
      return new Grid(g, g.points(), names, axes, null);
    }
    double t = number("t", tText);
    if (t < time.min() || t > time.max()) {
      throw new HttpError(400, "t=" + tText + " is outside the time range [" + time.min() + ", " + time.max() + "]");
    }
    EvaluationGrid space = new EvaluationGrid(new Domain(domain.space()), counts);
    PointSet sp = space.points();
    int d = domain.dim();
    int ti = domain.index(time.name());
    double[] data = new double[sp.size() * d];
    for (int p = 0; p < sp.size(); p++) {
      for (int c = 0, s = 0; c < d; c++) {
        data[p * d + c] = c == ti ? t : sp.get(p, s++);
      }
    }
    List<double[]> axes = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      axes.add(space.axis(i));
    }
    return new Grid(space, new PointSet(data, d), names, axes, t);
  }

  /** The fields a request asks for ({@code fields=u,v}; all by default). */
  static List<String> shownFields(List<String> names, String asked) {
    if (asked == null || asked.isBlank()) {
      return names;
    }
    List<String> shown = new ArrayList<>();
    for (String f : asked.split(",")) {
      if (!names.contains(f.trim())) {
        throw new HttpError(400, "fields=" + asked + ": no field '" + f.trim() + "'; the PDE has "
            + String.join(", ", names));
      }
      shown.add(f.trim());
    }
    return shown;
  }

  /** Per field, its values in grid order, in single precision (7 digits: what a figure needs, a sixth the text). */
  private static Map<String, float[]> columns(List<String> names, List<String> shown, double[][] values) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (String name : shown) {
      int f = names.indexOf(name);
      float[] col = new float[values.length];
      for (int i = 0; i < values.length; i++) {
        col[i] = (float) values[i][f];
      }
      out.put(name, col);
    }
    return out;
  }

  private Entry entry(String id, Path folder) {
    synchronized (open) {
      Entry e = open.get(folder);
      if (e != null) {
        return e;
      }
      Path configFile = folder.resolve("config.json");
      if (!Files.exists(configFile)) {
        throw new HttpError(404, "run " + id + " has no config.json");
      }
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = Json.json().readValue(configFile.toFile(), Map.class);
        ExperimentConfig c = ExperimentConfig.fromMap(stored, configFile.toString())
            .merge(Map.of("out", folder.toString(), "tasks", "test", "task-file", ""), "serve");
        Path metricsFile = folder.resolve("metrics.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = Files.exists(metricsFile)
            ? Json.json().readValue(metricsFile.toFile(), Map.class) : Map.of();
        e = new Entry(SavedRun.open(frameworks.apply(c), c, folder, m -> { }), metrics);
      } catch (HttpError err) {
        throw err;
      } catch (Exception err) {
        throw new HttpError(409, "run " + id + " cannot be opened: " + firstLine(err));
      }
      open.put(folder, e);
      while (open.size() > capacity) {
        Map.Entry<Path, Entry> eldest = open.entrySet().iterator().next();
        open.remove(eldest.getKey());
        close(eldest.getValue());
      }
      return e;
    }
  }

  static String firstLine(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  private static void close(Entry e) {
    e.lock.lock(); // waits for a request that uses it
    try {
      e.closed = true;
      e.run.close();
    } finally {
      e.lock.unlock();
    }
  }

  /** @return how many runs are open now */
  public int openRuns() {
    synchronized (open) {
      return open.size();
    }
  }

  @Override
  public void close() {
    synchronized (open) {
      open.values().forEach(Solver::close);
      open.clear();
    }
  }
}
