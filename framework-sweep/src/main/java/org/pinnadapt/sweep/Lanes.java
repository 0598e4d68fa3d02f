package org.pinnadapt.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * N threads of this process that take a sweep's cells one by one until none is left (or the sweep is interrupted):
 * never more than N cells at once. A lane's failure stops the others and is rethrown.
 */
final class Lanes {

  private Lanes() {}

  /**
   * Runs every cell on one of {@code lanes} threads.
   *
   * @param lanes threads (at least 1)
   * @param cells the cells
   * @param each what a lane does with a cell
   */
  static void run(int lanes, List<SweepCell> cells, Consumer<SweepCell> each) {
    ConcurrentLinkedQueue<SweepCell> queue = new ConcurrentLinkedQueue<>(cells);
    ExecutorService pool = Executors.newFixedThreadPool(lanes, r -> {
      Thread t = new Thread(r, "sweep-lane");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < lanes; i++) {
        futures.add(pool.submit(() -> {
          for (SweepCell cell = queue.poll(); cell != null && !Thread.currentThread().isInterrupted();
              cell = queue.poll()) {
            each.accept(cell);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sweep interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One report at a time, as {@link SweepRunner#run}'s contract says, from any lane.
   *
   * @param done the sweep's report
   * @return a report that lanes may call at once
   */
  static Consumer<CellResult> serialized(Consumer<CellResult> done) {
    return r -> {
      synchronized (done) {
        done.accept(r);
      }
    };
  }
}
