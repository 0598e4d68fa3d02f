package org.pinnadapt.strategy.hyper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.nn.Activation;

/**
 * The configuration of a hypernetwork.
 *
 * @param rank the LoRA rank of the predicted factors
 * @param full whether the hypernetwork predicts all weights of the network instead of LoRA factors
 * @param hidden widths of the hypernetwork's hidden layers
 * @param activation the hypernetwork's activation
 * @param losses training losses: {@code physics}, {@code data}, {@code weights}, {@code pinn-data}
 * @param dataPoints points per task of the data losses
 * @param trainTasks how many training tasks to use (0: all of the split)
 * @param batchTasks tasks per step (0: all)
 * @param outputScale standard deviation of the output layer's initial weights
 */
public record HyperConfig(int rank, boolean full, List<Integer> hidden, Activation activation, Set<String> losses,
    int dataPoints, int trainTasks, int batchTasks, double outputScale) {

  /** The known loss names. */
  public static final List<String> LOSSES = List.of("physics", "data", "weights", "pinn-data");

  /** The options of {@code hyper}. */
  public static final List<OptionSpec> OPTIONS = List.of(
      OptionSpec.ofInt("rank", 4, 1, 4096, "LoRA rank of the predicted factors"),
      OptionSpec.ofChoice("predict", "lora", "what the hypernetwork predicts: LoRA factors of the base network "
          + "(lora) or every weight of the network (full, the paper's starred rows)", "lora", "full"),
      OptionSpec.ofIntList("hidden", "512,512,256,256,128,128", 1, 8192, "hidden widths of the hypernetwork"),
      OptionSpec.ofChoice("activation", "relu", "hypernetwork activation", "relu", "tanh", "swish"),
      OptionSpec.ofString("loss", "physics", "training loss: physics (HyperPINN), data (B1, reference solutions), "
          + "weights (B2, regression on per-task L-PINN weights), pinn-data (B3, per-task L-PINN predictions), or "
          + "a sum such as physics+data"),
      OptionSpec.ofInt("data-points", 1000, 1, 1_000_000, "points per task of the data losses"),
      OptionSpec.ofInt("train-tasks", 0, 0, 100_000, "training tasks to use (0: all of the split)"),
      OptionSpec.ofInt("batch-tasks", 0, 0, 100_000, "training tasks per step (0: all in one step)"),
      OptionSpec.ofDouble("output-scale", 1e-3, 0, 1, "initial weight scale of the output layer"));

  /**
   * Reads validated options.
   *
   * @param o the options
   * @return the configuration
   */
  public static HyperConfig of(Options o) {
    Set<String> losses = new LinkedHashSet<>();
    for (String part : o.getString("loss").toLowerCase(Locale.ROOT).split("\\+")) {
      String l = part.trim();
      if (!LOSSES.contains(l)) {
        throw new InvalidInputException("option 'loss' of strategy 'hyper' has the unknown loss '" + l
            + "'; known: " + String.join(", ", LOSSES) + " (combine with +)");
      }
      losses.add(l);
    }
    return new HyperConfig(o.getInt("rank"), o.getString("predict").equals("full"),
        new ArrayList<>(o.getIntList("hidden")), Activation.parse(o.getString("activation")), losses,
        o.getInt("data-points"), o.getInt("train-tasks"), o.getInt("batch-tasks"), o.getDouble("output-scale"));
  }

  /**
   * Whether a loss is used.
   *
   * @param name the loss name
   * @return {@code true} if part of the training loss
   */
  public boolean uses(String name) {
    return losses.contains(name);
  }
}
