package org.pinnadapt.bench;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.core.train.PhysicsTrainingProblem;
import org.pinnadapt.api.train.EpochReport;
import org.pinnadapt.api.train.LrSchedule;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.loss.PhysicsLossImpl;
import org.pinnadapt.core.nn.FunctionalNetwork;
import org.pinnadapt.core.nn.MlpArchitecture;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.sampling.SamplingMethod;
import org.pinnadapt.core.train.AdamTrainer;
import org.pinnadapt.pde.burgers.RaissiBurgers;

/**
 * The step bench ({@code pinnadapt bench step}): the time of one full-batch Adam step of the Burgers PINN of Raissi et
 * al. (MLP 2-64x4-1 tanh, 10,000 collocation + 256 initial/boundary points) through the framework's
 * real trainer, and the resident memory before and after. The same step in plain PyTorch is
 * {@code benchmarks/step_pytorch.py}.
 */
public final class StepBench {

  /**
   * Settings.
   *
   * @param points collocation points
   * @param width hidden width
   * @param depth hidden layers
   * @param steps measured steps
   * @param warmup steps before measuring
   */
  public record Settings(int points, int width, int depth, int steps, int warmup) {}

  /**
   * Results.
   *
   * @param settings the settings
   * @param threads native threads
   * @param medianMs median step time
   * @param p10Ms 10th percentile
   * @param p90Ms 90th percentile
   * @param rssBeforeMb resident memory after warm-up
   * @param rssAfterMb resident memory at the end
   * @param finalLoss the loss at the end
   * @param rssTrace resident memory every 100 measured steps, in MB
   */
  public record Result(Settings settings, int threads, double medianMs, double p10Ms, double p90Ms,
      double rssBeforeMb, double rssAfterMb, double finalLoss, List<Double> rssTrace) {

    /**
     * The JSON form.
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("implementation", "pinnadapt (DJL " + "0.33.0, Taylor-mode jets)");
      m.put("points", settings.points());
      m.put("width", settings.width());
      m.put("depth", settings.depth());
      m.put("steps", settings.steps());
      m.put("threads", threads);
      m.put("median_ms", medianMs);
      m.put("p10_ms", p10Ms);
      m.put("p90_ms", p90Ms);
      m.put("rss_before_mb", rssBeforeMb);
      m.put("rss_after_mb", rssAfterMb);
      m.put("rss_growth_mb", rssAfterMb - rssBeforeMb);
      m.put("final_loss", finalLoss);
      m.put("rss_trace_mb", rssTrace);
      return m;
    }
  }

  private StepBench() {}

  /**
   * Runs the benchmark.
   *
   * @param framework the framework (its runtime: float32 expected)
   * @param s the settings
   * @return the measurements
   */
  public static Result run(PinnAdapt framework, Settings s) {
    DjlRuntime runtime = framework.runtime();
    RaissiBurgers pde = new RaissiBurgers(400); // the quadrature order only matters for its reference, unused here
    NetworkSpec spec = new MlpArchitecture(s.width(), s.depth(), Activation.TANH, false, 1)
        .build(pde.domain(), pde.fields());
    FunctionalNetwork net = new FunctionalNetwork(spec, runtime.dataType());
    try (NDManager m = runtime.manager().newSubManager();
        PhysicsLossImpl loss = new PhysicsLossImpl(pde, net, List.of(pde.referenceTask()), false,
            new PointCounts(s.points(), 128, 128), SamplingMethod.UNIFORM, 1234, m, runtime.dataType())) {
      Params params = net.initialize(m, 1);
      PhysicsTrainingProblem problem = new PhysicsTrainingProblem(params, p -> NetworkWeights.plain(spec, p), loss);
      List<Long> stamps = new ArrayList<>();
      double[] rssBefore = {Double.NaN};
      double[] last = {Double.NaN};
      List<Double> trace = new ArrayList<>();
      TrainingListener timer = new TrainingListener() {
        @Override
        public void epoch(EpochReport r) {
          stamps.add(System.nanoTime());
          if (stamps.size() == s.warmup()) {
            rssBefore[0] = rssMb();
          }
          if (stamps.size() > s.warmup() && (stamps.size() - s.warmup()) % 100 == 0) {
            trace.add(rssMb());
          }
          last[0] = r.row().loss();
        }
      };
      TrainerConfig cfg = TrainerConfig.builder().optEpochs(s.warmup() + s.steps() + 1)
          .optSchedule(LrSchedule.constant(1e-3)).optRestoreBest(false).optValidateEvery(0).build();
      new AdamTrainer(0.9, 0.999, 1e-8).train(problem, cfg, "step benchmark", timer);
      double[] ms = new double[s.steps()];
      for (int i = 0; i < s.steps(); i++) {
        ms[i] = (stamps.get(s.warmup() + i + 1) - stamps.get(s.warmup() + i)) / 1e6;
      }
      Arrays.sort(ms);
      return new Result(s, runtime.settings().effectiveThreads(), percentile(ms, 0.5), percentile(ms, 0.1),
          percentile(ms, 0.9), rssBefore[0], rssMb(), last[0], trace);
    }
  }

  private static double percentile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  /**
   * The resident set size of this process.
   *
   * @return megabytes, NaN where /proc is not available
   */
  public static double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
