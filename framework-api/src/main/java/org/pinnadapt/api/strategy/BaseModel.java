package org.pinnadapt.api.strategy;

import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.train.TrainingResult;

/**
 * A network trained on a PDE's reference task, shared by the strategies that adapt it.
 *
 * @param task the task it was trained on
 * @param params its weights under the standard names (read-only by convention)
 * @param training how it was trained ({@link TrainingResult#none()} if loaded)
 */
public record BaseModel(Task task, Params params, TrainingResult training) {}
