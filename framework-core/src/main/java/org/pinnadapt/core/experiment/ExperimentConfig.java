package org.pinnadapt.core.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pinnadapt.api.base.InvalidInputException;

/**
 * The resolved configuration of an experiment: every option of {@code pinnadapt run}, with defaults.
 * Keys are the command-line option names ({@code epochs}, {@code lr}, ...). It reads from maps (JSON
 * or YAML files, the command line), rejects unknown keys and malformed values naming the key and the
 * source, merges (later sources override earlier ones), and writes itself back as a map, so that
 * {@code run --config <run>/config.json} reproduces a run.
 */
public final class ExperimentConfig {

  /** Value kinds. */
  enum Kind { STRING, INT, LONG, DOUBLE, BOOLEAN, MAP, LIST }

  /** One configuration key. */
  record Key(String name, Kind kind, Object defaultValue, String description) {}

  static final List<Key> KEYS = List.of(
      new Key("pde", Kind.STRING, null, "PDE id"),
      new Key("pde-options", Kind.MAP, Map.of(), "options of the PDE plug-in"),
      new Key("strategy", Kind.STRING, "pinn", "strategy id"),
      new Key("strategy-options", Kind.MAP, Map.of(), "options of the strategy (e.g. rank)"),
      new Key("architecture", Kind.STRING, "mlp", "architecture id"),
      new Key("architecture-options", Kind.MAP, Map.of(), "options of the architecture (width, depth, ...)"),
      new Key("trainer", Kind.STRING, "adam+lbfgs", "trainer id: adam+lbfgs (Adam for the epochs, then L-BFGS), adam, "
          + "lbfgs"),
      new Key("trainer-options", Kind.MAP, Map.of(), "options of the trainer"),
      new Key("epochs", Kind.INT, 1000, "epochs per task (first-order phase)"),
      new Key("base-epochs", Kind.INT, -1, "epochs of the base network (-1: same as epochs)"),
      new Key("lr", Kind.DOUBLE, 1e-3, "initial learning rate"),
      new Key("lr-schedule", Kind.STRING, "constant", "learning-rate schedule: constant, exponential or cosine (from lr "
          + "to lr-final at the last epoch or the time limit), constant, or step (the papers' decay: lr-constant-epochs, "
          + "lr-decay, lr-decay-every, lr-min)"),
      new Key("lr-final", Kind.DOUBLE, -1.0, "learning rate at the end of an exponential or cosine schedule (-1: lr/100)"),
      new Key("lr-hold", Kind.DOUBLE, 0.0, "fraction of the run at lr before an exponential or cosine decay starts"),
      new Key("lr-constant-epochs", Kind.INT, -1, "step schedule: epochs at the initial rate (-1: all epochs)"),
      new Key("lr-decay", Kind.DOUBLE, 0.1, "step schedule: decay factor"),
      new Key("lr-decay-every", Kind.INT, 3000, "step schedule: epochs between decays"),
      new Key("lr-min", Kind.DOUBLE, 1e-7, "step schedule: smallest learning rate"),
      new Key("patience", Kind.INT, 0, "early-stopping patience in epochs (0: off)"),
      new Key("validate-every", Kind.INT, 10, "epochs between validation evaluations"),
      new Key("restore-best", Kind.BOOLEAN, true, "end with the weights of the best validation loss seen, not the last"),
      new Key("lbfgs-iterations", Kind.INT, 500, "L-BFGS iterations (trainer lbfgs or adam+lbfgs)"),
      new Key("lbfgs-history", Kind.INT, 50, "L-BFGS: correction pairs kept"),
      new Key("lbfgs-tolerance", Kind.DOUBLE, 1e-9, "L-BFGS: stop when the largest gradient component is below"),
      new Key("lbfgs-tolerance-change", Kind.DOUBLE, 1e-12, "L-BFGS: stop when the loss or step changes less"),
      new Key("batch-size", Kind.INT, 0, "collocation points per mini-batch (0: full batch)"),
      new Key("resample-every", Kind.INT, 0, "epochs between resampling collocation points (0: never)"),
      new Key("condition-loss", Kind.STRING, "per-field", "a condition on several fields (u and v on a wall) is "
          + "per-field: one unit term per field, the mean squared errors summed (DeepXDE's convention); or mean: one "
          + "mean over all its fields"),
      new Key("loss-weights", Kind.MAP, Map.of(), "weights of loss terms by name (residual, ic, bc, ...)"),
      new Key("loss-weighting", Kind.STRING, "fixed", "fixed (loss-weights), or annealing: learning-rate annealing of "
          + "the condition terms' weights from gradient statistics (Wang, Teng and Perdikaris 2021)"),
      new Key("annealing-every", Kind.INT, 10, "loss-weighting=annealing: steps between weight updates"),
      new Key("annealing-alpha", Kind.DOUBLE, 0.1, "loss-weighting=annealing: moving-average factor of the weights"),
      new Key("rar-every", Kind.INT, 0, "residual-based adaptive refinement RAR-D (Wu et al. 2023): epochs between "
          + "refinements of the collocation set during Adam (0: off)"),
      new Key("rar-points", Kind.INT, 100, "RAR-D: collocation points added per refinement"),
      new Key("rar-candidates", Kind.INT, 5000, "RAR-D: uniform candidate points whose residual is evaluated"),
      new Key("rar-k", Kind.DOUBLE, 2.0, "RAR-D: exponent k of the sampling density residual^k"),
      new Key("rar-c", Kind.DOUBLE, 0.0, "RAR-D: uniform share c of the sampling density"),
      new Key("causal-epsilon", Kind.DOUBLE, 0.0, "causal training (time-dependent PDEs): residual of each time "
          + "slab weighted by exp(-epsilon * residual of the earlier slabs), Wang et al. 2022 (0: off)"),
      new Key("causal-bins", Kind.INT, 32, "time slabs of causal training"),
      new Key("time-limit", Kind.DOUBLE, 0.0, "wall-clock budget per training in seconds (0: none)"),
      new Key("monitor-every", Kind.INT, 0, "epochs between measurements of the error against the reference during "
          + "training, on the evaluation grid; recorded in history.csv (column error) and excluded from the training "
          + "time (0: off)"),
      new Key("monitor-fields", Kind.STRING, "", "fields the monitor compares, comma-separated (empty: all)"),
      new Key("monitor-metric", Kind.STRING, "rel-l2", "the monitor's error: rel-l2 (relative L2) or mse"),
      new Key("collocation", Kind.INT, -1, "collocation points per task (-1: the PDE's default)"),
      new Key("initial", Kind.INT, -1, "initial-condition points per task (-1: the PDE's default)"),
      new Key("boundary", Kind.INT, -1, "boundary points per task (-1: the PDE's default)"),
      new Key("sampler", Kind.STRING, "uniform", "collocation points: uniform, lhs, sobol or grid"),
      new Key("boundary-sampler", Kind.STRING, "grid", "initial and boundary points: uniform, lhs, sobol or grid "
          + "(grid: evenly spaced, endpoints included)"),
      new Key("tasks", Kind.STRING, "test", "test, train, validation, or K=V[,K=V][;K=V...]"),
      new Key("task-file", Kind.STRING, "", "CSV file of task embeddings, one task per row"),
      new Key("max-tasks", Kind.INT, 0, "use only the first N tasks (0: all)"),
      new Key("seed", Kind.LONG, 42L, "seed of sampling, initialization and task splits"),
      new Key("device", Kind.STRING, "cpu", "auto, cpu, gpu or gpu:N"),
      new Key("precision", Kind.STRING, "float32", "float32 or float64"),
      new Key("threads", Kind.INT, 0, "native threads (0: all processors)"),
      new Key("out", Kind.STRING, "", "run folder (default runs/<pde>-<strategy>-<time>)"),
      new Key("checkpoint-every", Kind.INT, 100, "epochs between checkpoints (0: none)"),
      new Key("base", Kind.STRING, "", "base network file (base.params of an earlier run)"),
      new Key("base-cache", Kind.STRING, "", "folder of shared base networks: a base is trained once per distinct "
          + "setting and loaded by later runs with the same one (a sweep uses its bases/ folder; empty: none)"),
      new Key("grid", Kind.STRING, "", "evaluation grid, e.g. 101x101 or 128x101 (default per PDE)"),
      new Key("figures", Kind.BOOLEAN, true, "write PNG figures"),
      new Key("sweep", Kind.MAP, Map.of(), "for 'pinnadapt sweep': vary {KEY: [values]}, seeds [..], workers N; "
          + "the tasks are the configuration's; 'run' ignores it"),
      new Key("provenance", Kind.MAP, Map.of(), "written by the run (versions, device, tasks); ignored on input"));

  private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();

  private ExperimentConfig() {
    for (Key k : KEYS) {
      values.put(k.name(), k.defaultValue());
    }
  }

  /**
   * The defaults.
   *
   * @return a configuration with every key at its default
   */
  public static ExperimentConfig defaults() {
    return new ExperimentConfig();
  }

  /**
   * Parses a map (from a file or the command line) over the defaults.
   *
   * @param map values by key
   * @param source where they come from, for messages (a file name or "command line")
   * @return the configuration
   */
  public static ExperimentConfig fromMap(Map<String, ?> map, String source) {
    return defaults().merge(map, source);
  }

  /**
   * A copy with values from a map overriding this configuration's.
   *
   * @param map values by key
   * @param source where they come from, for messages
   * @return the merged configuration
   */
  public ExperimentConfig merge(Map<String, ?> map, String source) {
    ExperimentConfig c = new ExperimentConfig();
    c.values.putAll(values);
    for (Map.Entry<String, ?> e : map.entrySet()) {
      Key key = KEYS.stream().filter(k -> k.name().equals(e.getKey())).findFirst().orElseThrow(() ->
          new InvalidInputException("unknown configuration key '" + e.getKey() + "' in " + source
              + "; known keys: " + String.join(", ", KEYS.stream().map(Key::name).toList())));
      if (e.getValue() == null) {
        continue;
      }
      c.values.put(key.name(), parse(key, e.getValue(), source));
    }
    return c;
  }

  private static Object parse(Key key, Object raw, String source) {
    try {
      switch (key.kind()) {
        case INT:
          if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
          }
          return Integer.parseInt(raw.toString().trim());
        case LONG:
          if (raw instanceof Number n) {
            return n.longValue();
          }
          return Long.parseLong(raw.toString().trim());
        case DOUBLE:
          if (raw instanceof Number n) {
            return n.doubleValue();
          }
          return Double.parseDouble(raw.toString().trim());
        case BOOLEAN: {
          String t = raw.toString().trim().toLowerCase(Locale.ROOT);
          if (!t.equals("true") && !t.equals("false")) {
            throw new IllegalArgumentException("not a boolean");
          }
          return Boolean.parseBoolean(t);
        }
        case MAP:
          return map(raw);
        case LIST:
          if (!(raw instanceof List<?> l)) {
            throw new IllegalArgumentException("not a list");
          }
          return new ArrayList<>(l);
        default:
          if (raw instanceof Map || raw instanceof List) {
            throw new IllegalArgumentException("not text");
          }
          return raw.toString();
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("configuration key '" + key.name() + "' in " + source + " has the malformed "
          + "value '" + raw + "' (" + (key.kind() == Kind.MAP ? "k=v[,k=v] or a map"
          : key.kind().name().toLowerCase(Locale.ROOT)) + " expected)", e);
    }
  }

  /** A map value: a map as it is, or {@code k=v[,k=v]} from the command line. */
  private static Map<String, Object> map(Object raw) {
    Map<String, Object> copy = new LinkedHashMap<>();
    if (raw instanceof Map<?, ?> m) {
      m.forEach((k, v) -> copy.put(k.toString(), v));
      return copy;
    }
    for (String part : raw.toString().split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new IllegalArgumentException("not k=v");
      }
      copy.put(kv[0].trim(), kv[1].trim());
    }
    return copy;
  }

  /**
   * A run's {@code config.json} written before the defaults of issue 15 (docs/decisions/0014), completed
   * with the defaults it was run with, so that {@code predict}, {@code report} and {@code run --config}
   * rebuild the same network and training: raw inputs with Glorot-normal weights, free Kovasznay pressure,
   * Gaussian LoRA factors, boundary points drawn like the collocation points, one mean per condition, and
   * the step schedule. A map written by a run carries {@code provenance}; one written since carries
   * {@code lr-schedule}; other maps are returned unchanged. The record of resumes ({@code resumes}) is
   * dropped.
   *
   * @param map a configuration map read from a file
   * @return the map, completed if it is an earlier run's
   */
  public static Map<String, Object> withEarlierDefaults(Map<String, Object> map) {
    if (map.containsKey("resumes")) { // the record of a run's resumes, not configuration
      map = new LinkedHashMap<>(map);
      map.remove("resumes");
    }
    if (!map.containsKey("provenance") || map.containsKey("lr-schedule")) {
      return map;
    }
    Map<String, Object> m = new LinkedHashMap<>(map);
    m.put("lr-schedule", "step");
    m.put("condition-loss", "mean");
    String sampler = String.valueOf(m.getOrDefault("sampler", "uniform"));
    m.put("boundary-sampler", sampler.equals("grid") ? "uniform" : sampler);
    if ("mlp".equals(m.getOrDefault("architecture", "mlp"))) {
      m.put("architecture-options", completed(m.get("architecture-options"), "normalize", false, "init", "glorot-normal"));
    }
    if ("kovasznay".equals(m.get("pde"))) {
      m.put("pde-options", completed(m.get("pde-options"), "pressure", "free"));
    }
    if ("lora".equals(m.get("strategy"))) {
      m.put("strategy-options", completed(m.get("strategy-options"), "init", "gaussian"));
    }
    return m;
  }

  private static Map<String, Object> completed(Object options, Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (options instanceof Map<?, ?> given) {
      given.forEach((k, v) -> m.put(k.toString(), v));
    }
    for (int i = 0; i < kv.length; i += 2) {
      m.putIfAbsent((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /**
   * All values by key, in schema order.
   *
   * @return a copy
   */
  public Map<String, Object> toMap() {
    return new LinkedHashMap<>(values);
  }

  /**
   * A text value.
   *
   * @param key the key
   * @return the value (may be null for a key without default)
   */
  public String string(String key) {
    Object v = values.get(key);
    return v == null ? null : v.toString();
  }

  /**
   * An integer value.
   *
   * @param key the key
   * @return the value
   */
  public int integer(String key) {
    return ((Number) values.get(key)).intValue();
  }

  /**
   * A long value.
   *
   * @param key the key
   * @return the value
   */
  public long longValue(String key) {
    return ((Number) values.get(key)).longValue();
  }

  /**
   * A double value.
   *
   * @param key the key
   * @return the value
   */
  public double real(String key) {
    return ((Number) values.get(key)).doubleValue();
  }

  /**
   * A boolean value.
   *
   * @param key the key
   * @return the value
   */
  public boolean flag(String key) {
    return (Boolean) values.get(key);
  }

  /**
   * A map value.
   *
   * @param key the key
   * @return the value
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) {
    return (Map<String, Object>) values.get(key);
  }

  /**
   * The description of every key (for help texts).
   *
   * @return descriptions by key
   */
  public static Map<String, String> descriptions() {
    Map<String, String> m = new LinkedHashMap<>();
    KEYS.forEach(k -> m.put(k.name(), k.description()));
    return m;
  }
}
