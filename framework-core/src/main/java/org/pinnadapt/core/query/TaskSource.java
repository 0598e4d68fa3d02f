package org.pinnadapt.core.query;

import java.util.List;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;

/** The samples of a many-query study, handed out in ranges so that a large study never holds them all. */
public interface TaskSource {

  /**
   * The number of samples.
   *
   * @return the count
   */
  int count();

  /**
   * Samples {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @param from the first sample
   * @param to one past the last
   * @return the tasks
   */
  List<Task> tasks(int from, int to);

  /**
   * Tasks given in full, e.g. read from a task file.
   *
   * @param tasks the tasks
   * @return the source
   */
  static TaskSource of(List<Task> tasks) {
    List<Task> copy = List.copyOf(tasks);
    return new TaskSource() {
      @Override
      public int count() {
        return copy.size();
      }

      @Override
      public List<Task> tasks(int from, int to) {
        return copy.subList(from, to);
      }
    };
  }

  /**
   * Tasks drawn by a sampler, sample by sample from the seed.
   *
   * @param sampler the sampler
   * @param pde the PDE
   * @param seed the seed
   * @return the source
   */
  static TaskSource of(TaskSampler sampler, Pde pde, long seed) {
    return new TaskSource() {
      @Override
      public int count() {
        return sampler.count();
      }

      @Override
      public List<Task> tasks(int from, int to) {
        return sampler.tasks(pde, seed, from, to);
      }
    };
  }
}
