package org.pinnadapt.core.experiment;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.pinnadapt.api.Architecture;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.TaskSplit;
import org.pinnadapt.api.train.Trainer;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.Registry;
import org.pinnadapt.core.loss.LossSettings;

/**
 * What every strategy context of one experiment shares.
 *
 * @param registry the providers
 * @param pde the PDE
 * @param split the task split
 * @param spec the base architecture's layout
 * @param architecture the configured architecture (it may evaluate its layouts itself)
 * @param manager the experiment's manager
 * @param dataType float32 or float64
 * @param seed the experiment seed
 * @param counts points per task
 * @param loss how the physics losses are built (sampling, condition terms, causal weighting, refinement, monitor)
 * @param trainer the configured trainer
 * @param trainerConfig the per-task training configuration
 * @param baseTrainerConfig the base network's training configuration
 * @param checkpointEvery epochs between checkpoints (0: none)
 * @param runDirectory the run folder
 * @param basePath a base network file to load instead of training, or {@code null}
 * @param sharedBase the base network file shared with other runs of the same setting ({@link BaseCache}), or
 *     {@code null}
 * @param listener training progress
 * @param info user messages
 * @param metadata configuration and versions written into checkpoints
 */
public record RunEnvironment(
    Registry registry,
    Pde pde,
    TaskSplit split,
    NetworkSpec spec,
    Architecture architecture,
    NDManager manager,
    DataType dataType,
    long seed,
    PointCounts counts,
    LossSettings loss,
    Trainer trainer,
    TrainerConfig trainerConfig,
    TrainerConfig baseTrainerConfig,
    int checkpointEvery,
    Path runDirectory,
    Path basePath,
    Path sharedBase,
    TrainingListener listener,
    Consumer<String> info,
    Map<String, Object> metadata) {

  /**
   * The same environment with another sink for user messages.
   *
   * @param sink the messages' destination
   * @return the copy
   */
  public RunEnvironment withInfo(Consumer<String> sink) {
    return new RunEnvironment(registry, pde, split, spec, architecture, manager, dataType, seed, counts, loss,
        trainer,
        trainerConfig, baseTrainerConfig, checkpointEvery, runDirectory, basePath, sharedBase, listener, sink,
        metadata);
  }
}
