package org.pinnadapt.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pinnadapt.api.PluginProvider;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.Registry;
import org.pinnadapt.core.experiment.Experiment;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.experiment.Tasks;

/**
 * What a sweep runs: a base configuration and the cross product of its tasks, the values of each varied key
 * and the seeds.
 *
 * @param base the base configuration (any configuration key; {@code tasks} and {@code seed} are the sweep's)
 * @param tasks the tasks: {@code K=V[,K=V][;K=V...]}, or {@code test}, {@code train}, {@code validation}
 * @param vary values of each varied key: a configuration key ({@code epochs}, {@code lr}, ...) or an option of
 *     the strategy, the architecture, the PDE or the trainer ({@code rank}, {@code width}, ...)
 * @param seeds the seeds
 */
public record SweepSpec(Map<String, Object> base, String tasks, Map<String, List<String>> vary, List<Long> seeds) {

  /** Keys a sweep sets itself. */
  private static final Set<String> OWN = Set.of("tasks", "task-file", "seed", "out", "max-tasks", "provenance");

  /** Keys of the framework that runs every cell of a sweep (its native runtime), not of a single run. */
  private static final Set<String> RUNTIME = Set.of("precision", "device", "threads");

  /** Copies and checks. */
  public SweepSpec {
    base = new LinkedHashMap<>(base);
    vary = new LinkedHashMap<>(vary);
    seeds = List.copyOf(seeds);
    if (seeds.isEmpty()) {
      throw new InvalidInputException("--seeds: give at least one seed");
    }
    if (tasks == null || tasks.isBlank()) {
      throw new InvalidInputException("--tasks: give the tasks of the sweep");
    }
    for (Map.Entry<String, List<String>> e : vary.entrySet()) {
      if (OWN.contains(e.getKey())) {
        throw new InvalidInputException("--vary " + e.getKey() + ": set by the sweep itself; use --tasks or --seeds");
      }
      if (RUNTIME.contains(e.getKey())) { // the framework's, not a run's: every cell would run in the same one
        throw new InvalidInputException("--vary " + e.getKey() + ": set once for the framework that runs the cells, "
            + "not per cell; run one sweep per " + e.getKey());
      }
      if (e.getValue().isEmpty()) {
        throw new InvalidInputException("--vary " + e.getKey() + ": no values");
      }
    }
  }

  /**
   * A typed sweep over an experiment built in Java: its configuration is the base, its tasks the sweep's
   * tasks unless {@link Builder#optTasks} says otherwise, its seed the only seed unless {@link Builder#optSeeds}.
   *
   * <pre>{@code
   * SweepSpec spec = SweepSpec.builder(Experiment.builder().setPde("kovasznay").setStrategy(Lora.rank(1))
   *         .optTasks("Re=40;Re=60").build())
   *     .optVary("rank", 1, 2, 4, 8).optSeeds(1, 2).build();
   * SweepSummary s = Sweep.run(framework, spec, Path.of("runs/ranks"), false, new ThreadRunner(framework, 2),
   *     System.out::println);
   * }</pre>
   *
   * @param experiment the base experiment
   * @return the builder
   */
  public static Builder builder(Experiment experiment) {
    return new Builder(experiment.config().toMap());
  }

  /** Builds a {@link SweepSpec} from Java. */
  public static final class Builder {
    private final Map<String, Object> base;
    private String tasks;
    private final Map<String, List<String>> vary = new LinkedHashMap<>();
    private List<Long> seeds;

    private Builder(Map<String, Object> base) {
      this.base = new LinkedHashMap<>(base);
      this.base.remove("out");
      this.tasks = String.valueOf(base.get("tasks"));
    }

    /**
     * The tasks.
     *
     * @param spec {@code K=V[,K=V][;K=V...]}, or {@code test}, {@code train}, {@code validation}
     * @return this builder
     */
    public Builder optTasks(String spec) {
      this.tasks = spec;
      return this;
    }

    /**
     * Varies a key over values (a configuration key or a plug-in option).
     *
     * @param key the key
     * @param values its values
     * @return this builder
     */
    public Builder optVary(String key, Object... values) {
      List<String> v = new ArrayList<>();
      for (Object o : values) {
        v.add(String.valueOf(o));
      }
      vary.put(key, v);
      return this;
    }

    /**
     * The seeds.
     *
     * @param values the seeds
     * @return this builder
     */
    public Builder optSeeds(long... values) {
      seeds = new ArrayList<>();
      for (long v : values) {
        seeds.add(v);
      }
      return this;
    }

    /** @return the specification */
    public SweepSpec build() {
      List<Long> s = seeds != null ? seeds : List.of(((Number) base.getOrDefault("seed", 42L)).longValue());
      return new SweepSpec(base, tasks, vary, s);
    }
  }

  /**
   * Parses {@code --vary KEY=V1,V2,...} options.
   *
   * @param specs the options' values
   * @return values by key, in the given order
   */
  public static Map<String, List<String>> parseVary(List<String> specs) {
    Map<String, List<String>> vary = new LinkedHashMap<>();
    for (String s : specs) {
      int eq = s.indexOf('=');
      if (eq <= 0 || eq == s.length() - 1) {
        throw new InvalidInputException("--vary '" + s + "' is not of the form KEY=V1,V2,...");
      }
      String key = s.substring(0, eq).trim();
      List<String> values = new ArrayList<>();
      for (String v : s.substring(eq + 1).split(",")) {
        if (v.isBlank()) {
          throw new InvalidInputException("--vary '" + s + "' has an empty value");
        }
        if (values.contains(v.trim())) {
          throw new InvalidInputException("--vary '" + s + "' gives " + v.trim() + " twice");
        }
        values.add(v.trim());
      }
      if (vary.put(key, values) != null) {
        throw new InvalidInputException("--vary " + key + " is given twice");
      }
    }
    return vary;
  }

  /**
   * The varied keys of a configuration file's {@code sweep} section ({@code vary: {rank: [1, 2, 4]}}, or
   * {@code vary: {rank: "1,2,4"}}).
   *
   * @param section the section
   * @return values by key
   */
  public static Map<String, List<String>> fromSection(Map<String, Object> section) {
    Object vary = section.getOrDefault("vary", Map.of());
    if (!(vary instanceof Map<?, ?> m)) {
      throw new InvalidInputException("sweep.vary must map keys to lists of values, got " + vary);
    }
    List<String> specs = new ArrayList<>();
    m.forEach((k, v) -> specs.add(k + "=" + joined(v)));
    for (String k : section.keySet()) {
      if (!Set.of("vary", "seeds", "workers").contains(k)) {
        throw new InvalidInputException("unknown key 'sweep." + k + "' (vary, seeds, workers)");
      }
    }
    return parseVary(specs);
  }

  /**
   * A list (from YAML or JSON) or a comma-separated text as comma-separated text.
   *
   * @param value the value
   * @return the text
   */
  public static String joined(Object value) {
    return value instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
        : String.valueOf(value);
  }

  /**
   * Parses {@code --seeds S1,S2,...}.
   *
   * @param spec the option's value
   * @return the seeds
   */
  public static List<Long> parseSeeds(String spec) {
    List<Long> seeds = new ArrayList<>();
    for (String s : spec.split(",")) {
      try {
        long v = Long.parseLong(s.trim());
        if (seeds.contains(v)) {
          throw new InvalidInputException("--seeds '" + spec + "' gives " + v + " twice");
        }
        seeds.add(v);
      } catch (NumberFormatException e) {
        throw new InvalidInputException("--seeds '" + spec + "': '" + s.trim() + "' is not an integer", e);
      }
    }
    return seeds;
  }

  /**
   * The cells, validated: every key is known, every task and value parses, every cell's configuration is valid.
   *
   * @param framework the framework (plug-ins and their options)
   * @return the cells, tasks outermost, seeds innermost
   */
  @SuppressWarnings("unchecked")
  public List<SweepCell> cells(PinnAdapt framework) {
    ExperimentConfig config = ExperimentConfig.fromMap(base, "the sweep's configuration");
    Registry registry = framework.registry();
    Pde pde = registry.pde(config.string("pde"), config.map("pde-options"));
    Map<String, PluginProvider<?>> plugins = plugins(registry, config);
    Map<String, String> sections = sections(plugins, config);
    List<Task> resolved = Tasks.resolve(pde, tasks, "", pde.taskSplit(config.longValue("seed")), 0);
    Map<String, Object> baseValues = config.toMap();
    List<SweepCell> cells = new ArrayList<>();
    List<Map<String, String>> combos = combinations();
    for (Task task : resolved) {
      String taskSpec = task.id();
      if (!pde.task(Tasks.parseAssignments(taskSpec)).id().equals(taskSpec)) {
        throw new InvalidInputException("task " + taskSpec + " cannot be named as K=V for a sweep cell");
      }
      for (Map<String, String> values : combos) {
        for (long seed : seeds) {
          Map<String, Object> m = new LinkedHashMap<>(baseValues); // put() replaces option maps, never edits them
          m.put("tasks", taskSpec);
          m.put("seed", seed);
          m.remove("out");
          StringBuilder id = new StringBuilder(taskSpec);
          for (Map.Entry<String, String> v : values.entrySet()) {
            put(m, sections.get(v.getKey()), v.getKey(), v.getValue());
            id.append('_').append(v.getKey()).append('=').append(v.getValue());
          }
          id.append("_seed=").append(seed);
          ExperimentConfig.fromMap(m, "sweep cell " + id); // a bad value is named before anything runs
          for (Map.Entry<String, PluginProvider<?>> p : plugins.entrySet()) {
            if (p.getValue() != null && values.keySet().stream().anyMatch(k -> p.getKey().equals(sections.get(k)))) {
              Options.parse(p.getValue().options(), (Map<String, ?>) m.get(p.getKey()),
                  "sweep cell " + id + ": " + p.getKey().replace("-options", "") + " '" + p.getValue().id() + "'");
            }
          }
          cells.add(new SweepCell(cells.size(), RunFiles.safe(id.toString()), taskSpec, values, seed, m));
        }
      }
    }
    return cells;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> m, String section, String key, String value) {
    if (section.isEmpty()) {
      m.put(key, value);
      return;
    }
    Map<String, Object> options = new LinkedHashMap<>((Map<String, Object>) m.getOrDefault(section, Map.of()));
    options.put(key, value);
    m.put(section, options);
  }

  private static Map<String, PluginProvider<?>> plugins(Registry registry, ExperimentConfig config) {
    Map<String, PluginProvider<?>> plugins = new LinkedHashMap<>();
    plugins.put("strategy-options", registry.strategyProvider(config.string("strategy")));
    plugins.put("architecture-options", registry.architectures().get(config.string("architecture")));
    plugins.put("pde-options", registry.pdeProvider(config.string("pde")));
    String trainer = config.string("trainer");
    plugins.put("trainer-options", registry.trainers().get(trainer.contains("+") ? trainer.split("\\+")[0] : trainer));
    return plugins;
  }

  /** Where each varied key goes: "" for a configuration key, else the options section of its plug-in. */
  private Map<String, String> sections(Map<String, PluginProvider<?>> plugins, ExperimentConfig config) {
    Set<String> keys = ExperimentConfig.descriptions().keySet();
    String trainer = config.string("trainer");
    Map<String, String> sections = new LinkedHashMap<>();
    for (String key : vary.keySet()) {
      if (keys.contains(key)) {
        sections.put(key, "");
        continue;
      }
      for (Map.Entry<String, PluginProvider<?>> p : plugins.entrySet()) {
        if (p.getValue() != null && p.getValue().options().stream().map(OptionSpec::name).anyMatch(key::equals)) {
          sections.put(key, p.getKey());
          break;
        }
      }
      if (!sections.containsKey(key)) {
        throw new InvalidInputException("--vary " + key + ": not a configuration key nor an option of strategy '"
            + config.string("strategy") + "', architecture '" + config.string("architecture") + "', pde '"
            + config.string("pde") + "' or trainer '" + trainer + "' (see 'pinnadapt plugins')");
      }
    }
    return sections;
  }

  private List<Map<String, String>> combinations() {
    List<Map<String, String>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> e : vary.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : out) {
        for (String v : e.getValue()) {
          Map<String, String> m = new LinkedHashMap<>(partial);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      out = next;
    }
    return out;
  }
}
