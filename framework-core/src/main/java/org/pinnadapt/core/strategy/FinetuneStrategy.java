package org.pinnadapt.core.strategy;

import ai.djl.ndarray.NDManager;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.BaseModel;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.strategy.StrategyContext;

/**
 * {@code finetune}: every weight of the base network (trained at the PDE's reference task) is trained
 * further on the new task; the "F-PINN" of the HyperLoRA tables.
 */
public final class FinetuneStrategy implements AdaptationStrategy {

  @Override
  public void prepare(StrategyContext ctx) {
    ctx.training().baseModel();
  }

  @Override
  public Solution adapt(Task task, StrategyContext ctx) {
    BaseModel base = ctx.training().baseModel();
    NDManager m = ctx.compute().manager().newSubManager();
    Params params = base.params().copy(m);
    return NetworkTraining.train("finetune", task, params, m, ctx);
  }

  @Override
  public Solution restore(Task task, Params state, StrategyContext ctx) {
    return NetworkTraining.restore(task, state, ctx.compute().manager().newSubManager(), ctx);
  }

  /** Provides {@code finetune}. */
  public static final class Provider implements StrategyProvider {
    /** Creates the provider. */
    public Provider() {}

    @Override
    public String id() {
      return "finetune";
    }

    @Override
    public String description() {
      return "full fine-tuning of the base PINN on every task (F-PINN baseline)";
    }

    @Override
    public AdaptationStrategy create(Options options) {
      return new FinetuneStrategy();
    }
  }
}
