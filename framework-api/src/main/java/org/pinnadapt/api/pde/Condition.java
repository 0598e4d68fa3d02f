package org.pinnadapt.api.pde;

/**
 * An initial or boundary condition, given as points with targets. Each condition contributes one
 * named term to the loss (its mean squared violation), weighted by the trainer configuration.
 */
public sealed interface Condition permits DirichletCondition, PeriodicCondition {

  /**
   * The loss term name, e.g. {@code ic} or {@code bc}.
   *
   * @return the name
   */
  String name();
}
