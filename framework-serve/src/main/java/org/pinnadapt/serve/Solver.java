package org.pinnadapt.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.core.PinnAdapt;
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
  private final long maxBytes;
  private final LinkedHashMap<Path, Entry> open = new LinkedHashMap<>(16, 0.75f, true);

  /** An opened run and its lock. */
  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    final SavedRun run;
    final Map<String, Object> metrics;
    final long bytes;
    boolean closed;

    Entry(SavedRun run, Map<String, Object> metrics, long bytes) {
      this.run = run;
      this.metrics = metrics;
      this.bytes = bytes;
    }
  }

  /**
   * Creates the solver.
   *
   * @param index the runs
   * @param frameworks the framework for a run's configuration (its device and precision); the solver does not close
   *     it
   * @param capacity runs kept open at most
   * @param maxBytes the networks' memory kept at most, estimated from the sizes of the runs' saved arrays (the most
   *     recent run stays open even when it alone is larger)
   */
  public Solver(RunIndex index, Function<ExperimentConfig, PinnAdapt> frameworks, int capacity, long maxBytes) {
    this.index = index;
    this.frameworks = frameworks;
    this.capacity = Math.max(1, capacity);
    this.maxBytes = maxBytes;
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
      SolveGrid g = SolveGrid.of(pde.domain(), query);
      SavedRun.Prediction p;
      long tp = System.nanoTime();
      long prepared = tp - t0;
      try {
        p = e.run.predict(task, g.points(), true);
      } catch (HttpError err) {
        throw err;
      } catch (RuntimeException err) {
        throw new HttpError(409, "run " + id + " cannot be solved: " + firstLine(err));
      }
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
      putFields(out, names, shown, p);
      out.put("prepare_ms", prepared / 1e6);
      out.put("solve_ms", p.solveMs());
      out.put("evaluate_ms", p.evaluateMs());
      out.put("reference_ms", (System.nanoTime() - tp) / 1e6 - p.solveMs() - p.evaluateMs());
      out.put("ms", (System.nanoTime() - t0) / 1e6);
      return out;
    } finally {
      e.lock.unlock();
    }
  }

  /** The shown fields' prediction, reference and absolute error, and the errors against the reference. */
  private static void putFields(Map<String, Object> out, List<String> names, List<String> shown,
      SavedRun.Prediction p) {
    out.put("prediction", columns(names, shown, p.values()));
    if (p.reference() == null) {
      return;
    }
    out.put("reference", columns(names, shown, p.reference()));
    double[][] err = new double[p.values().length][names.size()];
    for (String name : shown) {
      int f = names.indexOf(name);
      for (int i = 0; i < err.length; i++) {
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

  static double number(String name, String text) {
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
        ExperimentConfig c = SavedRun.recordedConfig(folder, "serve");
        c = c.merge(Map.of("base", base(c.string("base"), folder)), "serve");
        Path metricsFile = folder.resolve("metrics.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = Files.exists(metricsFile)
            ? Json.json().readValue(metricsFile.toFile(), Map.class) : Map.of();
        e = new Entry(SavedRun.open(frameworks.apply(c), c, folder, m -> { }), metrics, savedBytes(folder));
      } catch (HttpError err) {
        throw err;
      } catch (Exception err) {
        throw new HttpError(409, "run " + id + " cannot be opened: " + firstLine(err));
      }
      open.put(folder, e);
      while (open.size() > 1 && (open.size() > capacity || openBytes() > maxBytes)) {
        Map.Entry<Path, Entry> eldest = open.entrySet().iterator().next();
        open.remove(eldest.getKey());
        close(eldest.getValue());
      }
      return e;
    }
  }

  /**
   * A run's base network file. A relative path was relative to where the run was started (the demo's runs name
   * {@code runs/demo-.../lora/base/base.params}); the explorer runs elsewhere, so it is looked for from the run
   * folder's ancestors; only a file inside the runs folder is taken.
   */
  private String base(String base, Path folder) {
    if (base == null || base.isBlank() || Path.of(base).isAbsolute() || Files.exists(Path.of(base))) {
      return base == null ? "" : base;
    }
    for (Path a = folder; a != null; a = a.getParent()) {
      Path candidate = a.resolve(base).normalize();
      if (Files.exists(candidate) && candidate.startsWith(index.root())) {
        return candidate.toString();
      }
    }
    return base;
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

  /** The saved arrays of a run (and of the base it adapts, when inside it): what loading it costs, about. */
  private static long savedBytes(Path folder) {
    try (java.util.stream.Stream<Path> s = Files.walk(folder, 4)) {
      return s.filter(p -> p.toString().endsWith(".params")).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (java.io.IOException e) {
          return 0;
        }
      }).sum();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  private long openBytes() {
    return open.values().stream().mapToLong(x -> x.bytes).sum();
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
