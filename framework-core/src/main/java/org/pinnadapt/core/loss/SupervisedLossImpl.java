package org.pinnadapt.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.SupervisedLoss;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.core.sampling.PointSampler;
import org.pinnadapt.core.sampling.SamplingMethod;

/** The mean squared error between the network and targets at fixed points (term {@code data}). */
public final class SupervisedLossImpl implements SupervisedLoss, AutoCloseable {

  private final Network network;
  private final List<Task> tasks;
  private final NDArray points;
  private final NDArray targets;
  private final NDManager manager;

  /**
   * A loss supervised by given arrays.
   *
   * @param network the network
   * @param tasks the tasks, in task-axis order
   * @param points {@code [N, d]} or {@code [T, N, d]}
   * @param targets {@code [N, f]} or {@code [T, N, f]}
   * @param manager owns the arrays (closed with this loss), or {@code null} if the caller owns them
   */
  public SupervisedLossImpl(Network network, List<Task> tasks, NDArray points, NDArray targets, NDManager manager) {
    this.network = network;
    this.tasks = List.copyOf(tasks);
    this.points = points;
    this.targets = targets;
    this.manager = manager;
  }

  /**
   * A loss supervised by the reference solutions at interior points drawn per task.
   *
   * @param pde the PDE
   * @param network the network
   * @param tasks the tasks (a task axis is used when there is more than one)
   * @param pointsPerTask points per task
   * @param seed the sampling seed
   * @param parent the parent manager
   * @param type float32 or float64
   * @return the loss
   */
  public static SupervisedLossImpl fromReference(Pde pde, Network network, List<Task> tasks, int pointsPerTask,
      long seed, NDManager parent, DataType type) {
    NDManager m = parent.newSubManager();
    NDList xs = new NDList();
    NDList ys = new NDList();
    int d = pde.domain().dim();
    int f = pde.fields().size();
    for (int t = 0; t < tasks.size(); t++) {
      PointSet pts = new PointSampler(SamplingMethod.UNIFORM, seed * 31 + t).interior(pde.domain(), pointsPerTask);
      double[][] ref = pde.reference(tasks.get(t)).evaluate(pts);
      double[] flat = new double[ref.length * f];
      for (int i = 0; i < ref.length; i++) {
        System.arraycopy(ref[i], 0, flat, i * f, f);
      }
      xs.add(typed(m.create(pts.toArray(), new Shape(pts.size(), d)), type));
      ys.add(typed(m.create(flat, new Shape(ref.length, f)), type));
    }
    NDArray x = tasks.size() == 1 ? xs.get(0) : NDArrays.stack(xs, 0);
    NDArray y = tasks.size() == 1 ? ys.get(0) : NDArrays.stack(ys, 0);
    return new SupervisedLossImpl(network, tasks, x, y, m);
  }

  /** An engine-owned copy of the right type (arrays from Java data borrow a Java buffer). */
  private static NDArray typed(NDArray a, DataType type) {
    if (a.getDataType() == type) {
      return Scalars.owned(a);
    }
    NDArray t = a.toType(type, false);
    a.close();
    return t;
  }

  @Override
  public List<Task> tasks() {
    return tasks;
  }

  @Override
  public NDArray points() {
    return points;
  }

  @Override
  public NDArray targets() {
    return targets;
  }

  @Override
  public LossTerms loss(NetworkWeights weights) {
    return new LossTerms().add("data", network.forward(points, weights).sub(targets).square().mean());
  }

  @Override
  public void close() {
    if (manager != null) {
      manager.close();
    }
  }
}
