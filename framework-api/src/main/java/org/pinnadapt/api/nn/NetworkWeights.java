package org.pinnadapt.api.nn;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * All weights of a network for one call: the learned embedding's arrays (if any) and each dense
 * layer's weight and bias. Strategies build these by composing their own parameters.
 *
 * @param embedding {@code [a, c, b]} of a learned embedding, or empty
 * @param layers one entry per dense layer
 */
public record NetworkWeights(List<NDArray> embedding, List<LayerWeights> layers) {

  /**
   * Copies the lists.
   *
   * @param embedding {@code [a, c, b]} of a learned embedding, or empty
   * @param layers one entry per dense layer
   */
  public NetworkWeights {
    embedding = List.copyOf(embedding);
    layers = List.copyOf(layers);
  }

  /**
   * The plain composition: every weight taken as stored under its standard name.
   *
   * @param spec the network layout
   * @param params parameters with the standard names of {@link NetworkSpec}
   * @return the weights
   */
  public static NetworkWeights plain(NetworkSpec spec, Params params) {
    List<NDArray> embedding = new ArrayList<>();
    if (spec.embedding() != null && spec.embedding().kind() == EmbeddingSpec.Kind.LEARNED) {
      for (String name : NetworkSpec.EMBEDDING_NAMES) {
        embedding.add(params.get(name));
      }
    }
    List<LayerWeights> layers = new ArrayList<>();
    for (int i = 0; i < spec.layers().size(); i++) {
      NDArray bias = spec.layers().get(i).bias() ? params.get(NetworkSpec.biasName(i)) : null;
      layers.add(new LayerWeights(params.get(NetworkSpec.weightName(i)), bias));
    }
    return new NetworkWeights(embedding, layers);
  }
}
