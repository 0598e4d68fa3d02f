package org.pinnadapt.api.pde;

import java.util.Objects;

/**
 * A partial derivative of every output field with respect to one or two inputs: first order
 * ({@code d/dx}), pure second order ({@code d2/dx2}) or mixed ({@code d2/dxdy}).
 *
 * <p>A PDE declares the partials its residual reads; only those are computed. Mixed partials are
 * normalized so that {@code mixed("y","x").equals(mixed("x","y"))}.
 *
 * @param first the first input
 * @param second the second input, or {@code null} for a first derivative
 */
public record Partial(String first, String second) {

  /**
   * Normalizes the order of a mixed partial.
   *
   * @param first the first input
   * @param second the second input, or {@code null} for a first derivative
   */
  public Partial {
    Objects.requireNonNull(first, "first");
    if (second != null && !first.equals(second) && first.compareTo(second) > 0) {
      String tmp = first;
      first = second;
      second = tmp;
    }
  }

  /**
   * The first derivative with respect to an input.
   *
   * @param input the input name
   * @return {@code d/d input}
   */
  public static Partial d(String input) {
    return new Partial(input, null);
  }

  /**
   * The pure second derivative with respect to an input.
   *
   * @param input the input name
   * @return {@code d2/d input2}
   */
  public static Partial d2(String input) {
    return new Partial(input, input);
  }

  /**
   * A second derivative with respect to two inputs.
   *
   * @param a the first input
   * @param b the second input
   * @return {@code d2/(da db)}; pure if {@code a.equals(b)}
   */
  public static Partial d2(String a, String b) {
    return new Partial(a, b);
  }

  /**
   * The order of the derivative.
   *
   * @return 1 or 2
   */
  public int order() {
    return second == null ? 1 : 2;
  }

  /**
   * Whether this is a mixed second derivative.
   *
   * @return {@code true} for {@code d2/dxdy} with distinct inputs
   */
  public boolean mixed() {
    return second != null && !second.equals(first);
  }

  @Override
  public String toString() {
    if (second == null) {
      return "d/d" + first;
    }
    return mixed() ? "d2/d" + first + "d" + second : "d2/d" + first + "2";
  }
}
