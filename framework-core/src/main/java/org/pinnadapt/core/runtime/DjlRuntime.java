package org.pinnadapt.core.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DJL/PyTorch runtime of one framework instance: offline settings, threads, device and the root
 * {@link NDManager}. The engine never downloads anything: the native library comes from the
 * {@code pytorch-native-cpu} (or {@code -cu124}) jar on the class path.
 */
public final class DjlRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DjlRuntime.class);
  private static volatile boolean configured;

  private final RuntimeSettings settings;
  private final Device device;
  private final NDManager manager;

  /**
   * Starts the engine with the settings.
   *
   * @param settings device, precision and threads
   * @throws EnvironmentException if a GPU is requested and none is visible
   */
  public DjlRuntime(RuntimeSettings settings) {
    this.settings = settings;
    configureEnvironment(settings.effectiveThreads());
    Engine engine = Engine.getEngine("PyTorch");
    this.device = resolveDevice(engine, settings.device());
    this.manager = engine.newBaseManager(device);
    LOG.debug("PyTorch {} on {} ({} threads, {})", engine.getVersion(), device,
        settings.effectiveThreads(), settings.dataType());
  }

  /**
   * Sets the system properties DJL reads at start-up: offline mode, no telemetry, and the native
   * thread counts. Only the first call has an effect; it must happen before the engine loads.
   *
   * @param threads intra-op threads
   */
  public static synchronized void configureEnvironment(int threads) {
    if (configured) {
      return;
    }
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("offline", "true");
    setIfAbsent("OPT_OUT_TRACKING", "true");
    setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    setIfAbsent("ai.djl.default_engine", "PyTorch");
    configured = true;
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  private static Device resolveDevice(Engine engine, String spec) {
    int gpus = engine.getGpuCount();
    if (spec.equals("auto")) {
      return gpus > 0 ? Device.gpu(0) : Device.cpu();
    }
    if (spec.equals("cpu")) {
      return Device.cpu();
    }
    int index = spec.contains(":") ? Integer.parseInt(spec.substring(spec.indexOf(':') + 1)) : 0;
    if (index >= gpus) {
      throw new EnvironmentException(
          "--device " + spec + ": " + gpus + " GPU(s) are visible on this machine; CUDA needs the "
              + "natives of the Maven profile 'cuda' and a CUDA 12.4 driver");
    }
    return Device.gpu(index);
  }

  /**
   * Prepares the calling thread for training: PyTorch's gradient mode is per thread, and on for a new thread,
   * while the training code assumes it off outside {@code Autograd.record()} (the engine turns it off for the
   * thread that loads it). Every thread that trains besides that one (a sweep's worker threads) calls this first.
   */
  public static void prepareThread() {
    Engine.getEngine("PyTorch"); // loads the natives if no runtime did yet
    JniUtils.setGradMode(false);
  }

  /**
   * The resolved device.
   *
   * @return the device
   */
  public Device device() {
    return device;
  }

  /**
   * The floating-point type of models.
   *
   * @return float32 or float64
   */
  public DataType dataType() {
    return settings.dataType();
  }

  /**
   * The settings.
   *
   * @return the settings
   */
  public RuntimeSettings settings() {
    return settings;
  }

  /**
   * The root manager; everything else is a sub-manager of it.
   *
   * @return the manager
   */
  public NDManager manager() {
    return manager;
  }

  /**
   * The PyTorch version of the loaded native library.
   *
   * @return the version
   */
  public String engineVersion() {
    return Engine.getEngine("PyTorch").getVersion();
  }

  @Override
  public void close() {
    manager.close();
  }
}
