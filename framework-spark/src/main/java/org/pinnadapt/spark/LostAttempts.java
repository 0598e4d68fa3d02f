package org.pinnadapt.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  private final Map<Integer, Integer> cellOfStage = new ConcurrentHashMap<>();
  private volatile BiConsumer<Integer, String> report = (i, why) -> { };

  void reportTo(BiConsumer<Integer, String> value) {
    this.report = value;
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    String cell = job.properties() == null ? null : job.properties().getProperty(CELL);
    if (cell != null) {
      for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(job.stageIds())) {
        cellOfStage.put((Integer) stage, Integer.parseInt(cell));
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    Integer cell = cellOfStage.get(end.stageId());
    if (cell == null || !(end.reason() instanceof TaskFailedReason failed)) {
      return;
    }
    String why = failed.toErrorString().lines().findFirst().orElse("").trim();
    report.accept(cell, "attempt " + (end.taskInfo().attemptNumber() + 1) + " lost (" + why + ")"
        + (failed.countTowardsTaskFailures() ? "" : "; not counted as a failure of the cell"));
  }
}
