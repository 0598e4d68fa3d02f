package org.pinnadapt.strategy.lora;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.nn.LayerSpec;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.strategy.StrategySpec;

/**
 * The configuration of LoRA adaptation.
 *
 * @param rank the rank r of every update
 * @param layers {@code all}, {@code hidden} (all but the first and last layer) or comma-separated
 *     layer indices
 * @param bias whether the biases of adapted layers are trained too
 * @param batchTasks how many tasks train together along the task axis (1: one at a time)
 * @param init how {@code A} is drawn: {@code kaiming-uniform} (\( U(-1/\sqrt{in}, 1/\sqrt{in}) \), loralib's
 *     {@code kaiming_uniform_(a = sqrt 5)}) or {@code gaussian} (\( N(0, 1/in) \))
 */
public record LoraConfig(int rank, String layers, boolean bias, int batchTasks, String init) implements StrategySpec {

  /** The values of option {@code init}. */
  public static final List<String> INITS = List.of("kaiming-uniform", "gaussian");

  /** Validates the record. */
  public LoraConfig {
    if (!INITS.contains(init)) {
      throw new IllegalArgumentException("LoRA init '" + init + "' is not one of " + INITS);
    }
  }

  /**
   * A configuration with Gaussian {@code A}.
   *
   * @param rank the rank r of every update
   * @param layers adapted layers
   * @param bias whether the biases of adapted layers are trained too
   * @param batchTasks how many tasks train together
   */
  public LoraConfig(int rank, String layers, boolean bias, int batchTasks) {
    this(rank, layers, bias, batchTasks, "gaussian");
  }

  /**
   * LoRA of a rank on every layer, with the other options at their defaults.
   *
   * @param rank the rank r of every update
   * @return the configuration
   */
  public static LoraConfig rank(int rank) {
    return new LoraConfig(rank, "all", false, 1, "kaiming-uniform");
  }

  /** {@return {@code lora}} */
  @Override
  public String id() {
    return "lora";
  }

  /** {@return the options of {@code lora} that give this configuration} */
  @Override
  public Map<String, Object> options() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rank", rank);
    m.put("layers", layers);
    m.put("bias", bias);
    m.put("batch-tasks", batchTasks);
    m.put("init", init);
    return m;
  }

  /** The options of {@code lora}. */
  public static final List<OptionSpec> OPTIONS = List.of(
      OptionSpec.ofInt("rank", 4, 1, 4096, "rank r of the update B A of every adapted layer"),
      OptionSpec.ofString("layers", "all", "adapted layers: all, hidden, or indices such as 0,1,2"),
      OptionSpec.ofBoolean("bias", false, "also train the biases of the adapted layers"),
      OptionSpec.ofInt("batch-tasks", 1, 1, 1024,
          "tasks trained together along the task axis (each keeps its own factors and gradients)"),
      OptionSpec.ofChoice("init", "kaiming-uniform", "initial A (B starts at zero): kaiming-uniform, "
          + "U(-1/sqrt(in), 1/sqrt(in)) as loralib; gaussian, N(0, 1/in)", INITS.toArray(String[]::new)));

  /**
   * Reads validated options.
   *
   * @param o the options
   * @return the configuration
   */
  public static LoraConfig of(Options o) {
    return new LoraConfig(o.getInt("rank"), o.getString("layers"), o.getBoolean("bias"), o.getInt("batch-tasks"),
        o.getString("init"));
  }

  /**
   * The indices of the adapted layers of a network.
   *
   * @param spec the network
   * @return ascending layer indices
   */
  public List<Integer> adaptedLayers(NetworkSpec spec) {
    int n = spec.layers().size();
    List<Integer> out = new ArrayList<>();
    switch (layers.trim().toLowerCase(Locale.ROOT)) {
      case "all":
        for (int i = 0; i < n; i++) {
          out.add(i);
        }
        return out;
      case "hidden":
        for (int i = 1; i < n - 1; i++) {
          out.add(i);
        }
        return out;
      default:
        for (String part : layers.split(",")) {
          try {
            int i = Integer.parseInt(part.trim());
            if (i < 0 || i >= n) {
              throw new NumberFormatException();
            }
            if (!out.contains(i)) {
              out.add(i);
            }
          } catch (NumberFormatException e) {
            throw new InvalidInputException("option 'layers' of strategy 'lora' is '" + layers
                + "'; expected all, hidden, or layer indices between 0 and " + (n - 1));
          }
        }
        out.sort(Integer::compare);
        return out;
    }
  }

  /**
   * The number of trained scalars per task: \( r (in + out) \) per adapted layer, plus its bias if
   * trained.
   *
   * @param spec the network
   * @return the count
   */
  public long trainableParameters(NetworkSpec spec) {
    long n = 0;
    for (int i : adaptedLayers(spec)) {
      LayerSpec l = spec.layers().get(i);
      n += (long) rank * (l.in() + l.out()) + (bias && l.bias() ? l.out() : 0);
    }
    return n;
  }
}
