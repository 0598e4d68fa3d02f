package org.pinnadapt.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.core.sampling.PointSampler;
import org.pinnadapt.core.sampling.SamplingMethod;

/**
 * Point sets of one task, or of several stacked along a leading task axis, as engine arrays of one type, owned by
 * one memory scope; and the seeding that gives a task the same points alone or in a batch.
 */
final class TaskArrays {

  final Pde pde;
  final List<Task> tasks;
  final boolean taskAxis;
  final long seed;
  final NDManager manager;
  final DataType type;

  TaskArrays(Pde pde, List<Task> tasks, boolean taskAxis, long seed, NDManager manager, DataType type) {
    this.pde = pde;
    this.tasks = List.copyOf(tasks);
    this.taskAxis = taskAxis;
    this.seed = seed;
    this.manager = manager;
    this.type = type;
  }

  /** An engine-owned copy of the right type (arrays created from Java data borrow a Java buffer). */
  NDArray cast(NDArray a) {
    if (a.getDataType() == type) {
      return Scalars.owned(a);
    }
    NDArray t = a.toType(type, false);
    a.close();
    return t;
  }

  /** A 64-bit mix of two numbers (SplitMix64's finalizer): independent seeds per stream, epoch and task. */
  static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 29);
  }

  /** The seed of a task's points of a stream at an epoch. */
  long seed(long stream, int epoch, Task task) {
    return mix(mix(seed, stream), mix(epoch, task.id().hashCode()));
  }

  /** Interior points of every task, {@code [N, d]} or {@code [T, N, d]}. */
  NDArray sample(SamplingMethod method, int epoch, int n, long stream) {
    NDList perTask = new NDList();
    int d = pde.domain().dim();
    for (Task task : tasks) {
      // seeded by the task, not its position, so a task sees the same points alone or in a batch
      PointSet pts = new PointSampler(method, seed(stream, epoch, task)).interior(pde.domain(), n);
      perTask.add(cast(manager.create(pts.toArray(), new Shape(pts.size(), d))));
    }
    return join(perTask);
  }

  NDArray toArray(PointSet p) {
    return cast(manager.create(p.toArray(), new Shape(p.size(), p.dim())));
  }

  /** One task's array, or the tasks' arrays stacked along a new leading axis (the parts are closed). */
  NDArray join(NDList perTask) {
    if (!taskAxis) {
      return perTask.get(0);
    }
    NDArray out = NDArrays.stack(perTask, 0);
    perTask.forEach(NDArray::close);
    return out;
  }
}
