package org.pinnadapt.core.strategy;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.strategy.StrategyContext;

/**
 * {@code pinn}: a physics-informed network trained from scratch for every task (Raissi et al. 2019),
 * the baseline "PINN" of the HyperLoRA tables. Initialization is seeded by the experiment seed and the
 * task.
 */
public final class PinnStrategy implements AdaptationStrategy {

  @Override
  public Solution adapt(Task task, StrategyContext ctx) {
    NDManager m = ctx.compute().manager().newSubManager();
    Params params = ctx.compute().network(ctx.compute().networkSpec()).initialize(m, ctx.seed() * 31 + task.id().hashCode());
    return NetworkTraining.train("pinn", task, params, m, ctx);
  }

  @Override
  public Solution restore(Task task, Params state, StrategyContext ctx) {
    return NetworkTraining.restore(task, state, ctx.compute().manager().newSubManager(), ctx);
  }

  /** Provides {@code pinn}. */
  public static final class Provider implements StrategyProvider {
    /** Creates the provider. */
    public Provider() {}

    @Override
    public String id() {
      return "pinn";
    }

    @Override
    public String description() {
      return "PINN trained from scratch for every task (baseline)";
    }

    @Override
    public AdaptationStrategy create(Options options) {
      return new PinnStrategy();
    }

    @Override
    public List<OptionSpec> options() {
      return List.of();
    }
  }
}
