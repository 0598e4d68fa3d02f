package org.pinnadapt.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Tells which cell lost an attempt (its executor died, or the task threw) and that Spark runs it again. Spark's
 * scheduler logs an attempt lost with its executor only at INFO, as it does not count towards
 * {@code spark.task.maxFailures}.
 */
final class LostAttempts extends SparkListener {

  static final String CELL = "pinnadapt.cell";

  private final AtomicLong runs = new AtomicLong();
  private final Map<Long, BiConsumer<Integer, String>> reports = new ConcurrentHashMap<>();
  private final Map<Integer, String> cellOfStage = new ConcurrentHashMap<>();

  /**
   * Starts reporting for one call of {@link SparkCells#run}: several calls may run at once.
   *
   * @param report called with (index of the cell in its call, what happened)
   * @return the call's key, the prefix of its cells' {@link #CELL} property ({@code key:index})
   */
  long open(BiConsumer<Integer, String> report) {
    long key = runs.incrementAndGet();
    reports.put(key, report);
    return key;
  }

  /** Ends reporting for a call, and forgets its stages. */
  void close(long key) {
    reports.remove(key);
    String prefix = key + ":";
    cellOfStage.values().removeIf(cell -> cell.startsWith(prefix));
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    String cell = job.properties() == null ? null : job.properties().getProperty(CELL);
    if (cell != null) {
      for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(job.stageIds())) {
        cellOfStage.put((Integer) stage, cell);
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    String cell = cellOfStage.get(end.stageId());
    if (cell == null || !(end.reason() instanceof TaskFailedReason failed)) {
      return;
    }
    int colon = cell.indexOf(':');
    BiConsumer<Integer, String> report = reports.get(Long.parseLong(cell.substring(0, colon)));
    if (report == null) {
      return;
    }
    String why = failed.toErrorString().lines().findFirst().orElse("").trim();
    report.accept(Integer.parseInt(cell.substring(colon + 1)), "attempt " + (end.taskInfo().attemptNumber() + 1) + " lost (" + why + ")"
        + (failed.countTowardsTaskFailures() ? "" : "; not counted as a failure of the cell"));
  }
}
