package org.pinnadapt.strategy.lrnr;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.nn.EmbeddingSpec;

/**
 * The configuration of {@code lrnr}.
 *
 * @param width hidden width of the LRNR
 * @param rank initial rank of every low-rank layer (at most the width)
 * @param lowRankLayers number of hidden low-rank layers {@code h <- tanh(V diag(s) U^T h)}
 * @param hyperWidth width of the hypernetwork's three hidden layers
 * @param orthoWeight weight of the orthogonality regularizer
 * @param sparsityWeight weight lambda of the sparsity-promoting regularizer (0: off)
 * @param gamma super-diagonal of the banded sparsity operator D
 * @param metaEpochs epochs of the meta-learning phase (0: the experiment's epochs)
 * @param metaLr constant learning rate of the meta-learning phase (0: the experiment's schedule)
 * @param metaLbfgsIterations L-BFGS iterations of each meta-learning stage when the experiment's trainer
 *     has an L-BFGS phase (-1: the experiment's {@code lbfgs-iterations})
 * @param trainTasks training tasks of the meta-learning phase (0: all of the split)
 * @param metaTasks explicit meta-learning tasks, {@code K=V[,K=V][;K=V...]}, or empty for the split's
 * @param curriculum the PDE parameter that orders the meta-learning tasks from easy to hard (empty: no
 *     curriculum): stage {@code k} of {@code curriculumStages} trains on the tasks whose value is at most
 *     {@code min + (max - min) k / stages}, warm-started from the previous stage
 * @param curriculumStages stages of the curriculum
 * @param phase what a new task gets: {@code hyper} (the hypernetwork's coefficients), {@code finetune}
 *     (coefficients and optionally the dense layers trained on the task), {@code fast} (FastLRNR: the
 *     coefficients trained through the EIM-reduced network at the sample points)
 * @param finetuneDense whether fine-tuning also trains the first and last (dense) layers
 * @param truncate whether ranks whose coefficient is zero over the parameter grid are dropped
 * @param truncationGrid points per parameter of the truncation grid
 * @param fastEpochs Adam epochs of the fast phase
 * @param fastLr learning rate of the fast phase
 * @param locality weight of the locality regularizer {@code ||s - s_hyper||_1} of the fast phase
 * @param fastCheckEvery epochs between checks of the fast phase's coefficients on the full network at held-out
 *     points (0: no check, the paper's fast phase); the best checked coefficients, the hypernetwork's included, are
 *     kept
 * @param fastCheckPoints held-out interior points of the check (and a quarter as many initial points)
 * @param eimSpacePoints sample points per spatial input of the EIM
 * @param eimTimePoints sample times of the EIM
 * @param eimDelta shift of the EIM sample points
 * @param eimSamples parameter samples of the EIM snapshots
 * @param eimTolerance relative singular-value cut of the EIM bases
 * @param eimMaxRank the most EIM basis vectors per hidden state (0: no cap)
 * @param periodic whether the periodic inputs enter as Fourier features (exact periodicity)
 * @param harmonics harmonics per periodic input
 * @param timeHarmonics Fourier features {@code cos, sin(k pi t / T)}, {@code k = 1..timeHarmonics}, of time
 *     instead of raw time (0: raw time)
 */
public record LrnrConfig(int width, int rank, int lowRankLayers, int hyperWidth, double orthoWeight,
    double sparsityWeight, double gamma, int metaEpochs, double metaLr, int metaLbfgsIterations, int trainTasks,
    String metaTasks, String curriculum,
    int curriculumStages, String phase,
    boolean finetuneDense, boolean truncate, int truncationGrid, int fastEpochs, double fastLr, double locality,
    int fastCheckEvery, int fastCheckPoints, int eimSpacePoints, int eimTimePoints, double eimDelta, int eimSamples,
    double eimTolerance, int eimMaxRank,
    boolean periodic,
    int harmonics, int timeHarmonics) {

  /** The options of {@code lrnr}. */
  public static final List<OptionSpec> OPTIONS = Stream.concat(Stream.of(
      OptionSpec.ofChoice("preset", "lr-pinn", "sizes: lr-pinn (width 50, rank 50, hypernetwork 50; Cho et al. "
          + "2023) or fastlrnr (width 4000, rank 100, hypernetwork 100)", "lr-pinn", "fastlrnr"),
      OptionSpec.ofInt("width", 0, 0, 100_000, "hidden width (0: the preset's)"),
      OptionSpec.ofInt("rank", 0, 0, 100_000, "initial rank of each low-rank layer (0: the preset's)"),
      OptionSpec.ofInt("layers", 3, 1, 64, "number of low-rank hidden layers"),
      OptionSpec.ofInt("hyper-width", 0, 0, 100_000, "hypernetwork width (0: the preset's)"),
      OptionSpec.ofDouble("ortho-weight", 1.0, 0, 1e6, "weight of the orthogonality regularizer"),
      OptionSpec.ofDouble("sparsity-weight", 1e-5, 0, 1e6,
          "weight lambda of the sparsity regularizer ||ReLU(D s)||_1 (0: off)"),
      OptionSpec.ofDouble("gamma", 1.25, 1, 100, "super-diagonal gamma of the sparsity operator D"),
      OptionSpec.ofInt("meta-epochs", 0, 0, 10_000_000, "meta-learning epochs (0: the experiment's epochs)"),
      OptionSpec.ofDouble("meta-lr", 0, 0, 10, "constant learning rate of meta-learning (0: the experiment's schedule; "
          + "the paper uses 2.5e-4)"),
      OptionSpec.ofInt("meta-lbfgs-iterations", -1, -1, 10_000_000, "L-BFGS iterations of each meta-learning stage "
          + "with trainer lbfgs or adam+lbfgs (-1: the experiment's lbfgs-iterations)"),
      OptionSpec.ofInt("train-tasks", 0, 0, 100_000, "meta-learning tasks (0: all training tasks)"),
      OptionSpec.ofString("meta-tasks", "", "explicit meta-learning tasks K=V[,K=V][;K=V...] instead of the split's "
          + "training tasks, e.g. beta=1,nu=0,rho=0;beta=10,nu=0,rho=0"),
      OptionSpec.ofString("curriculum", "", "a PDE parameter ordering the meta-learning tasks from easy to hard, "
          + "e.g. beta: stages add tasks of growing value, each warm-started from the last (empty: off)"),
      OptionSpec.ofInt("curriculum-stages", 4, 1, 1000, "stages of the curriculum (meta-epochs are split evenly)"),
      OptionSpec.ofChoice("phase", "finetune", "what a new task gets: hyper (the meta-learned coefficients), "
          + "finetune (coefficients, optionally dense layers, trained on the task), fast (FastLRNR) or coefficients "
          + "(the fast phase's baseline in FastLRNR's paper: the coefficients alone trained through the full network "
          + "with Adam for fast-epochs epochs at fast-lr)", "hyper", "finetune", "fast", "coefficients"),
      OptionSpec.ofBoolean("finetune-dense", true, "fine-tuning also trains the first and last layers"),
      OptionSpec.ofBoolean("truncate", true, "drop ranks whose coefficient is zero on the whole parameter grid"),
      OptionSpec.ofInt("truncation-grid", 6, 2, 64, "points per parameter of the truncation grid"),
      OptionSpec.ofInt("fast-epochs", 400, 1, 10_000_000, "Adam epochs of the fast phase"),
      OptionSpec.ofDouble("fast-lr", 1e-3, 1e-12, 10, "learning rate of the fast phase"),
      OptionSpec.ofDouble("locality", 1e-3, 0, 1e6, "weight of the fast phase's locality term ||s - s_hyper||_1"),
      OptionSpec.ofInt("fast-check-every", 100, 0, 10_000_000, "epochs between checks of the fast phase on the full "
          + "network at held-out points; the best checked coefficients, the hypernetwork's included, are kept (0: no "
          + "check, the paper's fast phase)"),
      OptionSpec.ofInt("fast-check-points", 256, 1, 1_000_000, "held-out interior points of the fast phase's check "
          + "(and a quarter as many initial points)"),
      OptionSpec.ofInt("eim-space-points", 4, 1, 1000, "EIM sample points per spatial input"),
      OptionSpec.ofInt("eim-time-points", 3, 1, 1000, "EIM sample times"),
      OptionSpec.ofDouble("eim-delta", 1e-4, 1e-12, 1, "shift of the EIM sample points"),
      OptionSpec.ofInt("eim-samples", 64, 1, 100_000, "parameter samples of the EIM snapshots"),
      OptionSpec.ofDouble("eim-tolerance", 1e-7, 0, 1, "relative singular-value cut of the EIM bases"),
      OptionSpec.ofInt("eim-max-rank", 256, 0, 1_000_000, "the most EIM basis vectors per hidden state (0: no cap); "
          + "bounds the reduced network and the host-side SVD and DEIM at large widths (fastlrnr: 4000)")),
      EmbeddingSpec.FOURIER_OPTIONS.stream()).toList(); // periodic, harmonics, time-harmonics

  /**
   * Reads validated options.
   *
   * @param o the options
   * @return the configuration
   */
  public static LrnrConfig of(Options o) {
    boolean fast = o.getString("preset").toLowerCase(Locale.ROOT).equals("fastlrnr");
    int width = o.getInt("width") > 0 ? o.getInt("width") : fast ? 4000 : 50;
    int rank = o.getInt("rank") > 0 ? o.getInt("rank") : fast ? 100 : 50;
    int hyper = o.getInt("hyper-width") > 0 ? o.getInt("hyper-width") : fast ? 100 : 50;
    if (rank > width) {
      throw new InvalidInputException("option 'rank' of strategy 'lrnr' is " + rank + ", larger than the width "
          + width);
    }
    return new LrnrConfig(width, rank, o.getInt("layers"), hyper, o.getDouble("ortho-weight"),
        o.getDouble("sparsity-weight"), o.getDouble("gamma"), o.getInt("meta-epochs"), o.getDouble("meta-lr"),
        o.getInt("meta-lbfgs-iterations"), o.getInt("train-tasks"),
        o.getString("meta-tasks"), o.getString("curriculum").strip(), o.getInt("curriculum-stages"),
        o.getString("phase"), o.getBoolean("finetune-dense"), o.getBoolean("truncate"), o.getInt("truncation-grid"),
        o.getInt("fast-epochs"), o.getDouble("fast-lr"), o.getDouble("locality"), o.getInt("fast-check-every"),
        o.getInt("fast-check-points"), o.getInt("eim-space-points"),
        o.getInt("eim-time-points"), o.getDouble("eim-delta"), o.getInt("eim-samples"), o.getDouble("eim-tolerance"),
        o.getInt("eim-max-rank"), o.getBoolean("periodic"), o.getInt("harmonics"), o.getInt("time-harmonics"));
  }
}
