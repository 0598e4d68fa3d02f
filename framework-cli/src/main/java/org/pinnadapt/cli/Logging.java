package org.pinnadapt.cli;

/** Configures SLF4J's simple logger before the first logger is created. */
final class Logging {

  private Logging() {}

  static void configure(boolean verbose) {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    // DJL's own start-up messages are noise unless debugging.
    if (!verbose) {
      setIfAbsent("org.slf4j.simpleLogger.log.ai.djl", "warn");
      // Without a GPU driver DJL warns on every start that it cannot count GPUs.
      setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
