package org.pinnadapt.core.runtime;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import org.pinnadapt.api.base.InvalidInputException;

/**
 * Where and how models run.
 *
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param dataType {@code FLOAT32} (default) or {@code FLOAT64}
 * @param threads intra-op threads of the native engine; 0 for all available processors
 */
public record RuntimeSettings(String device, DataType dataType, int threads) {

  /** Validates the record. */
  public RuntimeSettings {
    device = device.trim().toLowerCase(Locale.ROOT);
    if (!device.matches("auto|cpu|gpu(:\\d+)?")) {
      throw new InvalidInputException("device '" + device + "' is not one of auto, cpu, gpu, gpu:N");
    }
    if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
      throw new InvalidInputException("data type " + dataType + " is not float32 or float64");
    }
    if (threads < 0) {
      throw new InvalidInputException("threads must be >= 0, got " + threads);
    }
  }

  /**
   * The defaults: automatic device, float32, all processors.
   *
   * @return the defaults
   */
  public static RuntimeSettings defaults() {
    return new RuntimeSettings("auto", DataType.FLOAT32, 0);
  }

  /**
   * Parses a precision name.
   *
   * @param name {@code float32} or {@code float64}
   * @return the data type
   */
  public static DataType parseDataType(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "float32": case "fp32": case "f32": return DataType.FLOAT32;
      case "float64": case "fp64": case "f64": case "double": return DataType.FLOAT64;
      default: throw new InvalidInputException("precision '" + name + "' is not float32 or float64");
    }
  }

  /**
   * The effective number of threads.
   *
   * @return {@code threads}, or the available processors if 0
   */
  public int effectiveThreads() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }
}
