package org.pinnadapt.core.nn;

import java.util.ArrayList;
import java.util.List;
import org.pinnadapt.api.Architecture;
import org.pinnadapt.api.ArchitectureProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.EmbeddingSpec;
import org.pinnadapt.api.nn.InputScaling;
import org.pinnadapt.api.nn.LayerSpec;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.WeightInit;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Field;

/**
 * The multilayer perceptron {@code d - width x depth - fields}: dense hidden layers with one
 * activation and a linear output layer, optionally after fixed Fourier features of the periodic
 * inputs and of time. The defaults (width 64, 6 hidden layers, tanh) give the HyperLoRA paper's parameter counts
 * (21,057 for 2 inputs and 1 output; 21,187 for 3 outputs).
 */
public final class MlpArchitecture implements Architecture {

  private final int width;
  private final int depth;
  private final Activation activation;
  private final boolean periodic;
  private final int harmonics;
  private final int timeHarmonics;
  private final boolean normalize;
  private final WeightInit init;

  /**
   * Creates the architecture.
   *
   * @param width neurons per hidden layer
   * @param depth hidden layers
   * @param activation hidden activation
   * @param periodic whether periodic inputs get Fourier features
   * @param harmonics harmonics per periodic input
   */
  public MlpArchitecture(int width, int depth, Activation activation, boolean periodic, int harmonics) {
    this(width, depth, activation, periodic, harmonics, 0);
  }

  /**
   * Creates the architecture with Fourier features of time.
   *
   * @param width neurons per hidden layer
   * @param depth hidden layers
   * @param activation hidden activation
   * @param periodic whether periodic inputs get Fourier features
   * @param harmonics harmonics per periodic input
   * @param timeHarmonics harmonics of the time input over twice its duration (0: raw time)
   */
  public MlpArchitecture(int width, int depth, Activation activation, boolean periodic, int harmonics,
      int timeHarmonics) {
    this(width, depth, activation, periodic, harmonics, timeHarmonics, false, WeightInit.GLOROT_NORMAL);
  }

  /**
   * Creates the architecture with every choice explicit.
   *
   * @param width neurons per hidden layer
   * @param depth hidden layers
   * @param activation hidden activation
   * @param periodic whether periodic inputs get Fourier features
   * @param harmonics harmonics per periodic input
   * @param timeHarmonics harmonics of the time input over twice its duration (0: raw time)
   * @param normalize whether the raw inputs are mapped onto [-1, 1] ({@link InputScaling})
   * @param init how the weights are drawn
   */
  public MlpArchitecture(int width, int depth, Activation activation, boolean periodic, int harmonics,
      int timeHarmonics, boolean normalize, WeightInit init) {
    this.normalize = normalize;
    this.init = init;
    this.width = width;
    this.depth = depth;
    this.activation = activation;
    this.periodic = periodic;
    this.harmonics = harmonics;
    this.timeHarmonics = timeHarmonics;
  }

  @Override
  public NetworkSpec build(Domain domain, List<Field> fields) {
    List<String> inputs = domain.names();
    EmbeddingSpec embedding = EmbeddingSpec.fourier(domain, periodic, harmonics, timeHarmonics);
    int in = embedding == null ? inputs.size() : embedding.outputDim();
    List<LayerSpec> layers = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      layers.add(new LayerSpec(i == 0 ? in : width, width, activation, true));
    }
    layers.add(new LayerSpec(depth == 0 ? in : width, fields.size(), Activation.IDENTITY, true));
    return new NetworkSpec(inputs, fields.stream().map(Field::name).toList(), embedding, layers,
        normalize ? InputScaling.of(domain) : null, init);
  }

  /** The provider of {@code mlp}. */
  public static final class Provider implements ArchitectureProvider {

    /** Creates the provider. */
    public Provider() {}

    @Override
    public String id() {
      return "mlp";
    }

    @Override
    public String description() {
      return "multilayer perceptron, tanh/sin/swish, optional Fourier features of periodic inputs";
    }

    @Override
    public List<OptionSpec> options() {
      List<OptionSpec> options = new ArrayList<>(List.of(
          OptionSpec.ofInt("width", 64, 1, 4096, "neurons per hidden layer"),
          OptionSpec.ofInt("depth", 6, 0, 64, "hidden layers (6 gives the HyperLoRA parameter counts)"),
          OptionSpec.ofChoice("activation", "tanh", "hidden activation", "tanh", "sin", "swish"),
          OptionSpec.ofBoolean("normalize", true, "map each raw input from its interval onto [-1, 1] before "
              + "the first layer (inputs with Fourier features excepted)"),
          OptionSpec.ofChoice("init", "glorot-normal-uniform-bias", "weight initialization: glorot-normal-uniform-bias "
              + "(Glorot-normal weights, biases U(-1/sqrt(in), 1/sqrt(in))), glorot-normal (zero biases) or pytorch "
              + "(nn.Linear's default, U(-1/sqrt(in), 1/sqrt(in)) for weights and biases)",
              "glorot-normal", "pytorch", "glorot-normal-uniform-bias")));
      options.addAll(EmbeddingSpec.FOURIER_OPTIONS);
      return List.copyOf(options);
    }

    @Override
    public Architecture create(Options o) {
      return new MlpArchitecture(o.getInt("width"), o.getInt("depth"), Activation.parse(o.getString("activation")),
          o.getBoolean("periodic"), o.getInt("harmonics"), o.getInt("time-harmonics"), o.getBoolean("normalize"),
          WeightInit.parse(o.getString("init")));
    }
  }
}
