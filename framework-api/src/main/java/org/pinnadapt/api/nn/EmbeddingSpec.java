package org.pinnadapt.api.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Input;

/**
 * An input embedding applied before the first dense layer: exact periodicity in the periodic inputs,
 * and optionally Fourier features of a non-periodic input such as time.
 *
 * <ul>
 *   <li>{@link Kind#FOURIER}: fixed features. Every featured input {@code x} with base period {@code L}
 *       and {@code K} harmonics becomes {@code cos(2 pi k x / L), sin(2 pi k x / L)} for
 *       {@code k = 1..K}; the other inputs pass through unchanged. No trainable parameters. A periodic
 *       input's base period is its period (exact periodicity); a time input of duration {@code T} gets
 *       the base period {@code 2 T} ({@link #fourier(Domain, boolean, int, int)}), so the features impose no periodicity on
 *       {@code [0, T]} and only give the first layer frequencies up to {@code K pi / T}.
 *   <li>{@link Kind#LEARNED}: the CoLoRA periodic layer
 *       \( o_f = \frac{1}{D}\sum_d a_{fd} \cos(2\pi x_d / L_d + c_{fd}) + b_{fd} \), with trainable
 *       {@code a, c, b} of shape {@code [features, D]}; every input must be periodic.
 * </ul>
 *
 * @param kind the embedding kind
 * @param periods the base period of each input, {@code NaN} for an input that passes through
 * @param features harmonics per featured input unless {@code harmonics} says otherwise ({@code FOURIER}),
 *     or output features ({@code LEARNED})
 * @param harmonics harmonics per input ({@code FOURIER}; 0 where the period is {@code NaN}); {@code null}
 *     gives every featured input {@code features} harmonics
 */
public record EmbeddingSpec(Kind kind, double[] periods, int features, int[] harmonics) {

  /** Embedding kinds. */
  public enum Kind {
    /** Fixed Fourier features of the featured inputs. */
    FOURIER,
    /** The learned periodic layer of CoLoRA. */
    LEARNED
  }

  /**
   * An embedding with {@code features} harmonics for every featured input.
   *
   * @param kind the embedding kind
   * @param periods the base period of each input, {@code NaN} for an input that passes through
   * @param features harmonics per featured input, or output features ({@code LEARNED})
   */
  public EmbeddingSpec(Kind kind, double[] periods, int features) {
    this(kind, periods, features, null);
  }

  /** The options that select fixed Fourier features of the inputs (architectures share them). */
  public static final List<OptionSpec> FOURIER_OPTIONS = List.of(
      OptionSpec.ofBoolean("periodic", false, "Fourier features for periodic inputs (exact periodicity)"),
      OptionSpec.ofInt("harmonics", 1, 1, 64, "harmonics per periodic input"),
      OptionSpec.ofInt("time-harmonics", 0, 0, 256, "Fourier features cos/sin(k pi t / T), k = 1..N, of time "
          + "instead of raw t (T: the duration; 0: raw time)"));

  /**
   * Validates the record.
   *
   * @param kind the embedding kind
   * @param periods the base period of each input, {@code NaN} for an input that passes through
   * @param features harmonics per featured input unless {@code harmonics} says otherwise ({@code FOURIER}),
   *     or output features ({@code LEARNED})
   * @param harmonics harmonics per input ({@code FOURIER}; 0 where the period is {@code NaN}); {@code null}
   *     gives every featured input {@code features} harmonics
   */
  public EmbeddingSpec {
    Objects.requireNonNull(kind, "kind");
    periods = periods.clone();
    if (features <= 0) {
      throw new IllegalArgumentException("features must be positive");
    }
    if (kind == Kind.LEARNED && Arrays.stream(periods).anyMatch(Double::isNaN)) {
      throw new IllegalArgumentException("a learned periodic embedding needs every input periodic");
    }
    if (harmonics == null) {
      harmonics = new int[periods.length];
      for (int i = 0; i < periods.length; i++) {
        harmonics[i] = Double.isNaN(periods[i]) ? 0 : features;
      }
    } else {
      harmonics = harmonics.clone();
      if (harmonics.length != periods.length) {
        throw new IllegalArgumentException("harmonics has " + harmonics.length + " entries for " + periods.length
            + " inputs");
      }
      for (int i = 0; i < periods.length; i++) {
        boolean featured = !Double.isNaN(periods[i]);
        if (featured ? harmonics[i] <= 0 : harmonics[i] != 0) {
          throw new IllegalArgumentException("input " + i + ": " + harmonics[i] + " harmonics with period "
              + periods[i] + " (positive harmonics exactly where the period is given)");
        }
      }
    }
    for (double p : periods) {
      if (!Double.isNaN(p) && !(p > 0 && Double.isFinite(p))) {
        throw new IllegalArgumentException("a period must be positive and finite, or NaN; got " + p);
      }
    }
  }

  /**
   * The fixed Fourier features of a domain's periodic inputs and of its time input.
   *
   * @param domain the PDE's domain
   * @param periodic whether the periodic inputs get features (exact periodicity)
   * @param harmonics harmonics per periodic input
   * @param timeHarmonics harmonics of time over twice its duration (0: raw time)
   * @return the embedding, or {@code null} if no input gets features
   */
  public static EmbeddingSpec fourier(Domain domain, boolean periodic, int harmonics, int timeHarmonics) {
    List<Input> in = domain.inputs();
    double[] base = new double[in.size()];
    int[] h = new int[in.size()];
    boolean any = false;
    for (int i = 0; i < in.size(); i++) {
      Input input = in.get(i);
      base[i] = Double.NaN;
      if (input.time() && timeHarmonics > 0) {
        base[i] = 2 * input.length();
        h[i] = timeHarmonics;
      } else if (periodic && input.periodic()) {
        base[i] = input.length();
        h[i] = harmonics;
      }
      any |= h[i] > 0;
    }
    return any ? new EmbeddingSpec(Kind.FOURIER, base, Math.max(1, Math.max(harmonics, timeHarmonics)), h) : null;
  }

  /**
   * The fixed Fourier features that {@link #FOURIER_OPTIONS} select for a domain.
   *
   * @param domain the PDE's domain
   * @param o options that include {@link #FOURIER_OPTIONS}
   * @return the embedding, or {@code null} if no input gets features
   */
  public static EmbeddingSpec fourier(Domain domain, Options o) {
    return fourier(domain, o.getBoolean("periodic"), o.getInt("harmonics"), o.getInt("time-harmonics"));
  }

  /**
   * The period of each input ({@code NaN} where not periodic).
   *
   * @return a copy of the periods
   */
  @Override
  public double[] periods() {
    return periods.clone();
  }

  /**
   * The harmonics of each input ({@code FOURIER}).
   *
   * @return a copy, 0 for inputs that pass through
   */
  @Override
  public int[] harmonics() {
    return harmonics.clone();
  }

  /**
   * The harmonics of one input ({@code FOURIER}).
   *
   * @param input the input column
   * @return its harmonics, 0 if it passes through
   */
  public int harmonics(int input) {
    return harmonics[input];
  }

  /**
   * The number of inputs.
   *
   * @return the input dimension
   */
  public int inputDim() {
    return periods.length;
  }

  /**
   * Whether an input is featured (periodic, or a time input with Fourier features).
   *
   * @param input the input column
   * @return {@code true} if it has a period
   */
  public boolean periodic(int input) {
    return !Double.isNaN(periods[input]);
  }

  /**
   * The width after the embedding.
   *
   * @return the output dimension
   */
  public int outputDim() {
    if (kind == Kind.LEARNED) {
      return features;
    }
    int d = 0;
    for (int i = 0; i < periods.length; i++) {
      d += periodic(i) ? 2 * harmonics[i] : 1;
    }
    return d;
  }

  /**
   * The fixed Fourier features of one point, in the order of the network's embedding: per input, either
   * the value or {@code cos} of every harmonic then {@code sin} of every harmonic.
   *
   * @param x one point, {@link #inputDim()} values
   * @return {@link #outputDim()} values
   * @throws IllegalStateException for a {@code LEARNED} embedding (it has parameters)
   */
  public double[] embed(double[] x) {
    if (kind != Kind.FOURIER) {
      throw new IllegalStateException("a learned embedding needs its parameters");
    }
    double[] out = new double[outputDim()];
    int o = 0;
    for (int i = 0; i < periods.length; i++) {
      if (!periodic(i)) {
        out[o++] = x[i];
        continue;
      }
      double omega = 2 * Math.PI / periods[i];
      for (int k = 1; k <= harmonics[i]; k++) {
        out[o++] = Math.cos(k * omega * x[i]);
      }
      for (int k = 1; k <= harmonics[i]; k++) {
        out[o++] = Math.sin(k * omega * x[i]);
      }
    }
    return out;
  }

  /**
   * The number of trainable scalars.
   *
   * @return {@code 3 * features * D} for {@code LEARNED}, else 0
   */
  public long parameterCount() {
    return kind == Kind.LEARNED ? 3L * features * periods.length : 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmbeddingSpec e
        && kind == e.kind
        && features == e.features
        && Arrays.equals(periods, e.periods)
        && Arrays.equals(harmonics, e.harmonics);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, features, Arrays.hashCode(periods), Arrays.hashCode(harmonics));
  }

  @Override
  public String toString() {
    return "EmbeddingSpec[" + kind + ", periods=" + Arrays.toString(periods) + ", harmonics="
        + Arrays.toString(harmonics) + ", features=" + features + "]";
  }
}
