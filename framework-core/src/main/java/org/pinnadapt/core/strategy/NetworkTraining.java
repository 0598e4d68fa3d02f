package org.pinnadapt.core.strategy;

import ai.djl.ndarray.NDManager;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.PhysicsLoss;
import org.pinnadapt.core.train.PhysicsTrainingProblem;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.strategy.StrategyContext;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingResult;

/** Trains all weights of the configured network on one task's physics loss. */
final class NetworkTraining {

  private NetworkTraining() {}

  static Solution train(String strategy, Task task, Params params, NDManager taskManager, StrategyContext ctx) {
    NetworkSpec spec = ctx.compute().networkSpec();
    Network net = ctx.compute().network(spec);
    TrainingResult result;
    try (PhysicsLoss loss = ctx.losses().physicsLoss(task)) {
      PhysicsTrainingProblem problem = new PhysicsTrainingProblem(params, p -> NetworkWeights.plain(spec, p), loss);
      TrainerConfig cfg = ctx.training().trainerConfig().toBuilder()
          .optCheckpointer(ctx.training().checkpointer(strategy + "-" + task.fileName())).build();
      result = ctx.training().trainer().train(problem, cfg, strategy + " " + task.id(), ctx.training().listener());
    }
    return new NetworkSolution(task, net, params, p -> NetworkWeights.plain(spec, p), params.elementCount(), result,
        taskManager);
  }

  static Solution restore(Task task, Params state, NDManager taskManager, StrategyContext ctx) {
    NetworkSpec spec = ctx.compute().networkSpec();
    Params copy = state.copy(taskManager);
    return new NetworkSolution(task, ctx.compute().network(spec), copy, p -> NetworkWeights.plain(spec, p),
        copy.elementCount(), TrainingResult.none(), taskManager);
  }
}
