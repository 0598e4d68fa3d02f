package org.pinnadapt.api.train;

/**
 * Which part of the training data a loss evaluation covers.
 *
 * @param epoch the epoch (problems derive shuffles and resampling from it, so a resumed run sees the
 *     same data)
 * @param index the batch index within the epoch
 * @param count the number of batches in the epoch; 1 for full batch
 */
public record Batch(int epoch, int index, int count) {

  /**
   * The full batch of an epoch.
   *
   * @param epoch the epoch
   * @return a batch covering all data
   */
  public static Batch full(int epoch) {
    return new Batch(epoch, 0, 1);
  }

  /**
   * Whether this batch covers all data.
   *
   * @return {@code true} if {@code count == 1}
   */
  public boolean isFull() {
    return count == 1;
  }
}
