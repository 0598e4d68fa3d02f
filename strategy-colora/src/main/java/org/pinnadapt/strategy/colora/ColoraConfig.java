package org.pinnadapt.strategy.colora;

import java.util.List;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;

/**
 * The configuration of {@code colora}.
 *
 * @param width hidden width
 * @param layers CoLoRA layers (dense layers, the output layer included)
 * @param rank rank of each layer's update {@code P Q}
 * @param perRank whether alpha has one value per rank (else one per layer)
 * @param hyperWidth width of the hypernetwork's two hidden layers
 * @param method {@code d} (the hypernetwork predicts alpha(t, mu)) or {@code eq} (alpha integrated in
 *     time by Neural Galerkin from the initial condition)
 * @param trainTasks training parameters of the offline phase (0: all of the split)
 * @param snapshotTimes snapshot times per training parameter
 * @param spacePoints grid points per spatial input of the snapshots and of the Galerkin samples (0: 128
 *     in 1D, 24 per input otherwise)
 * @param offlineEpochs Adam steps of the offline phase (0: the experiment's epochs)
 * @param offlineLr initial learning rate of the offline phase
 * @param eqSteps RK4 steps of CoLoRA-EQ over the time interval
 * @param eqRidge relative Tikhonov regularization of the Galerkin least squares
 * @param eqFitIterations Gauss-Newton iterations fitting alpha to the initial condition
 */
public record ColoraConfig(int width, int layers, int rank, boolean perRank, int hyperWidth, String method,
    int trainTasks, int snapshotTimes, int spacePoints, int offlineEpochs, double offlineLr, int eqSteps,
    double eqRidge, int eqFitIterations) {

  /** The options of {@code colora}. */
  public static final List<OptionSpec> OPTIONS = List.of(
      OptionSpec.ofInt("width", 25, 1, 100_000, "hidden width"),
      OptionSpec.ofInt("layers", 7, 1, 64, "CoLoRA layers (the output layer included)"),
      OptionSpec.ofInt("rank", 3, 1, 4096, "rank of each layer's update P Q"),
      OptionSpec.ofChoice("alpha", "layer", "online parameters: one alpha per layer or one per rank", "layer", "rank"),
      OptionSpec.ofInt("hyper-width", 15, 1, 100_000, "width of the hypernetwork h(t, mu)"),
      OptionSpec.ofChoice("method", "d", "d: the hypernetwork predicts alpha(t, mu) (CoLoRA-D); eq: alpha integrated "
          + "in time from the initial condition by Neural Galerkin (CoLoRA-EQ)", "d", "eq"),
      OptionSpec.ofInt("train-tasks", 0, 0, 100_000, "training parameters of the offline phase (0: all)"),
      OptionSpec.ofInt("snapshot-times", 21, 2, 100_000, "snapshot times per training parameter"),
      OptionSpec.ofInt("space-points", 0, 0, 100_000,
          "grid points per spatial input of the snapshots and Galerkin samples (0: 128 in 1D, 24 per input else)"),
      OptionSpec.ofInt("offline-epochs", 0, 0, 100_000_000, "Adam steps of the offline phase (0: the experiment's)"),
      OptionSpec.ofDouble("offline-lr", 5e-3, 1e-12, 10, "initial learning rate of the offline phase"),
      OptionSpec.ofInt("eq-steps", 200, 1, 10_000_000, "RK4 steps of CoLoRA-EQ over the time interval"),
      OptionSpec.ofDouble("eq-ridge", 1e-10, 0, 1, "relative Tikhonov regularization of the Galerkin least squares"),
      OptionSpec.ofInt("eq-fit-iterations", 30, 0, 100_000,
          "Gauss-Newton iterations fitting alpha to the initial condition"));

  /**
   * Reads validated options.
   *
   * @param o the options
   * @return the configuration
   */
  public static ColoraConfig of(Options o) {
    return new ColoraConfig(o.getInt("width"), o.getInt("layers"), o.getInt("rank"),
        o.getString("alpha").equals("rank"), o.getInt("hyper-width"), o.getString("method"), o.getInt("train-tasks"),
        o.getInt("snapshot-times"), o.getInt("space-points"), o.getInt("offline-epochs"), o.getDouble("offline-lr"),
        o.getInt("eq-steps"), o.getDouble("eq-ridge"), o.getInt("eq-fit-iterations"));
  }
}
