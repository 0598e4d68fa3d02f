package org.example.lpinn;

import java.util.Map;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Experiment;
import org.pinnadapt.core.experiment.ExperimentResults;
import org.pinnadapt.strategy.lora.LoraConfig;

/**
 * An L-PINN (LoRA rank 4) on Kovasznay flow at Re = 60 from Java: trains the base PINN and the adaptation,
 * evaluates the solution on a 51 x 51 grid in memory (point 1300 is the centre) and prints the error against
 * the exact solution. The first argument sets the Adam epochs (default 2000; L-BFGS runs a quarter as many).
 */
public final class LpinnKovasznay {
  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    try (PinnAdapt pa = PinnAdapt.builder().build();
        ExperimentResults r = Experiment.builder().setPde("kovasznay").setStrategy(LoraConfig.rank(4))
            .addTask(Map.of("Re", 60)).optEpochs(epochs).optBaseEpochs(epochs)
            .optSetting("lbfgs-iterations", epochs / 4).build().run(pa)) {
      double[][] grid = r.grid("51x51"), uvp = r.evaluate("Re=60", grid);
      System.out.printf("u(0.5, 0.5) = %.5f, relative L2 error: %.3e%n", uvp[1300][0], r.errors("Re=60", grid).relL2());
    }
  }
}
