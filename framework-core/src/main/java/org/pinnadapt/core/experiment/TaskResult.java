package org.pinnadapt.core.experiment;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.core.loss.ErrorReport;

/**
 * The outcome of one task in a run.
 *
 * @param task the task id
 * @param parameters the task's parameter values
 * @param errors errors against the reference on the evaluation grid
 * @param trainable trained (or predicted) scalars
 * @param training how it was trained
 * @param adaptSeconds wall seconds to obtain the solution (training or prediction)
 * @param predictMillis milliseconds to evaluate it on the grid
 */
public record TaskResult(
    String task,
    Map<String, Double> parameters,
    ErrorReport errors,
    long trainable,
    TrainingResult training,
    double adaptSeconds,
    double predictMillis) {

  /**
   * The row of {@code metrics.json}.
   *
   * @return values by key
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", task);
    m.put("parameters", parameters);
    m.put("mse", errors.mse());
    m.put("rel_l2", errors.relL2());
    m.put("max_abs", errors.maxAbs());
    Map<String, Object> fields = new LinkedHashMap<>();
    for (ErrorReport.FieldError f : errors.fields()) {
      fields.put(f.field(), Map.of("mse", f.mse(), "rel_l2", f.relL2(), "max_abs", f.maxAbs()));
    }
    m.put("fields", fields);
    m.put("trainable_params", trainable);
    m.put("epochs", training.epochs());
    m.put("sec_per_epoch", training.secondsPerEpoch());
    m.put("best_epoch", training.bestEpoch());
    m.put("stop_reason", training.reason().name().toLowerCase(Locale.ROOT));
    m.put("adapt_s", adaptSeconds);
    m.put("train_s", training.wallSeconds());
    m.put("predict_ms", predictMillis);
    return m;
  }
}
