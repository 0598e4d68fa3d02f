package org.pinnadapt.core.experiment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run.
 *
 * @param directory the run folder
 * @param pde the PDE id
 * @param strategy the strategy id
 * @param tasks per-task results
 * @param prepareSeconds wall seconds of the strategy's offline phase (base network, hypernetwork)
 */
public record RunResult(Path directory, String pde, String strategy, List<TaskResult> tasks, double prepareSeconds) {

  /**
   * Means over tasks of the numeric columns.
   *
   * @return mean values by key
   */
  public Map<String, Double> mean() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (tasks.isEmpty()) {
      return m;
    }
    m.put("mse", tasks.stream().mapToDouble(t -> t.errors().mse()).average().orElse(Double.NaN));
    m.put("rel_l2", tasks.stream().mapToDouble(t -> t.errors().relL2()).average().orElse(Double.NaN));
    m.put("max_abs", tasks.stream().mapToDouble(t -> t.errors().maxAbs()).average().orElse(Double.NaN));
    m.put("trainable_params", tasks.stream().mapToDouble(TaskResult::trainable).average().orElse(Double.NaN));
    m.put("epochs", tasks.stream().mapToDouble(t -> t.training().epochs()).average().orElse(Double.NaN));
    m.put("sec_per_epoch", tasks.stream().mapToDouble(t -> t.training().secondsPerEpoch()).average().orElse(Double.NaN));
    m.put("adapt_s", tasks.stream().mapToDouble(TaskResult::adaptSeconds).average().orElse(Double.NaN));
    m.put("predict_ms", tasks.stream().mapToDouble(TaskResult::predictMillis).average().orElse(Double.NaN));
    return m;
  }
}
