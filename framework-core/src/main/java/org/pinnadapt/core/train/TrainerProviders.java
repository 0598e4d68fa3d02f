package org.pinnadapt.core.train;

import java.util.List;
import java.util.function.Function;
import org.pinnadapt.api.TrainerProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.train.Trainer;

/** The built-in trainer providers: {@code adam}, {@code lbfgs}, {@code adam+lbfgs}. */
public final class TrainerProviders {

  private TrainerProviders() {}

  private static final List<OptionSpec> ADAM_OPTIONS = List.of(
      OptionSpec.ofDouble("beta1", 0.9, 0, 0.999999, "Adam first-moment decay"),
      OptionSpec.ofDouble("beta2", 0.999, 0, 0.99999999, "Adam second-moment decay"),
      OptionSpec.ofDouble("epsilon", 1e-8, 0, 1, "Adam denominator guard"));

  private static AdamTrainer adam(Options o) {
    return new AdamTrainer(o.getDouble("beta1"), o.getDouble("beta2"), o.getDouble("epsilon"));
  }

  /**
   * All built-in trainer providers.
   *
   * @return the providers
   */
  public static List<TrainerProvider> all() {
    return List.of(
        provider("adam", "Adam with step-decay schedule, early stopping and restore-best", ADAM_OPTIONS,
            TrainerProviders::adam),
        provider("lbfgs", "L-BFGS with strong-Wolfe line search (full batch)", List.of(),
            o -> new LbfgsTrainer()),
        provider("adam+lbfgs", "Adam, then L-BFGS from the best Adam weights (the papers' protocol)",
            ADAM_OPTIONS, o -> new ChainTrainer(adam(o), new LbfgsTrainer())));
  }

  private static TrainerProvider provider(String id, String description, List<OptionSpec> options,
      Function<Options, Trainer> factory) {
    return new TrainerProvider() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public List<OptionSpec> options() {
        return options;
      }

      @Override
      public Trainer create(Options o) {
        return factory.apply(o);
      }
    };
  }
}
