package org.pinnadapt.api.pde;

import java.util.List;

/**
 * A deterministic partition of tasks into training, validation and test sets.
 *
 * @param train tasks a hypernetwork or meta-learner trains on
 * @param validation tasks for early stopping and model selection
 * @param test tasks reported in result tables; never seen in training
 */
public record TaskSplit(List<Task> train, List<Task> validation, List<Task> test) {

  /**
   * Copies the lists.
   *
   * @param train tasks a hypernetwork or meta-learner trains on
   * @param validation tasks for early stopping and model selection
   * @param test tasks reported in result tables; never seen in training
   */
  public TaskSplit {
    train = List.copyOf(train);
    validation = List.copyOf(validation);
    test = List.copyOf(test);
  }
}
