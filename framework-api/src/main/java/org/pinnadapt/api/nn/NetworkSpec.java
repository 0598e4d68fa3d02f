package org.pinnadapt.api.nn;

import java.util.List;
import java.util.Objects;

/**
 * The layout of a functional network: named inputs and outputs, an optional input embedding, and
 * dense layers. It holds no weights.
 *
 * <p>Standard parameter names (used by {@link Network#initialize} and {@link NetworkWeights#plain}):
 * {@code layer<i>.weight} ({@code [out, in]}), {@code layer<i>.bias} ({@code [out]}), and for a learned
 * embedding {@code embedding.a}, {@code embedding.c}, {@code embedding.b} ({@code [features, D]}).
 *
 * @param inputs the input names, in column order
 * @param outputs the output (field) names
 * @param embedding the input embedding, or {@code null}
 * @param layers the dense layers, first to last
 * @param scaling the map of the raw inputs onto \( [-1, 1] \), or {@code null} for raw inputs
 * @param init how {@link Network#initialize} draws the layers' weights
 */
public record NetworkSpec(List<String> inputs, List<String> outputs, EmbeddingSpec embedding, List<LayerSpec> layers,
    InputScaling scaling, WeightInit init) {

  /**
   * A network on raw inputs with Glorot-normal weights.
   *
   * @param inputs the input names, in column order
   * @param outputs the output (field) names
   * @param embedding the input embedding, or {@code null}
   * @param layers the dense layers, first to last
   */
  public NetworkSpec(List<String> inputs, List<String> outputs, EmbeddingSpec embedding, List<LayerSpec> layers) {
    this(inputs, outputs, embedding, layers, null, WeightInit.GLOROT_NORMAL);
  }

  /**
   * Validates that the widths chain.
   *
   * @param inputs the input names, in column order
   * @param outputs the output (field) names
   * @param embedding the input embedding, or {@code null}
   * @param layers the dense layers, first to last
   * @param scaling the map of the raw inputs onto \( [-1, 1] \), or {@code null} for raw inputs
   * @param init how {@link Network#initialize} draws the layers' weights
   */
  public NetworkSpec {
    Objects.requireNonNull(init, "init");
    if (scaling != null && scaling.dim() != inputs.size()) {
      throw new IllegalArgumentException("scaling has " + scaling.dim() + " inputs, the network " + inputs.size());
    }
    if (scaling != null && embedding != null && embedding.kind() == EmbeddingSpec.Kind.LEARNED) {
      throw new IllegalArgumentException("a learned periodic embedding takes raw inputs (no scaling)");
    }
    if (scaling != null && scaling.isIdentity()) {
      scaling = null;
    }
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    layers = List.copyOf(layers);
    Objects.requireNonNull(layers, "layers");
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer");
    }
    int width = inputs.size();
    if (embedding != null) {
      if (embedding.inputDim() != inputs.size()) {
        throw new IllegalArgumentException("embedding expects " + embedding.inputDim() + " inputs");
      }
      width = embedding.outputDim();
    }
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).in() != width) {
        throw new IllegalArgumentException(
            "layer " + i + " expects " + layers.get(i).in() + " inputs but receives " + width);
      }
      width = layers.get(i).out();
    }
    if (width != outputs.size()) {
      throw new IllegalArgumentException("last layer has " + width + " outputs, expected " + outputs.size());
    }
  }

  /**
   * The number of trainable scalars of the plain network.
   *
   * @return the parameter count
   */
  public long parameterCount() {
    long n = embedding == null ? 0 : embedding.parameterCount();
    for (LayerSpec l : layers) {
      n += l.parameterCount();
    }
    return n;
  }

  /**
   * The standard name of a layer's weight.
   *
   * @param layer the layer index
   * @return {@code layer<i>.weight}
   */
  public static String weightName(int layer) {
    return "layer" + layer + ".weight";
  }

  /**
   * The standard name of a layer's bias.
   *
   * @param layer the layer index
   * @return {@code layer<i>.bias}
   */
  public static String biasName(int layer) {
    return "layer" + layer + ".bias";
  }

  /** The names of the learned embedding's parameters, in {@link NetworkWeights#embedding()} order. */
  public static final List<String> EMBEDDING_NAMES = List.of("embedding.a", "embedding.c", "embedding.b");
}
