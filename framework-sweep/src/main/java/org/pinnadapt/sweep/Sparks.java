package org.pinnadapt.sweep;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.pinnadapt.core.runtime.EnvironmentException;

/** Where the distribution and its Spark jars are. */
final class Sparks {

  /** The distribution folder ({@code modules/}, {@code classpath/}, {@code spark/jars/}); set by the launcher. */
  static final String HOME_PROPERTY = "pinnadapt.home";

  private Sparks() {}

  /** The distribution: {@code -Dpinnadapt.home}, else the folder above the one holding this module's jar. */
  static Path home() {
    String p = System.getProperty(HOME_PROPERTY);
    if (p != null && !p.isBlank()) {
      return Path.of(p).toAbsolutePath();
    }
    try {
      Path jar = Path.of(Sparks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.toAbsolutePath().getParent().getParent();
    } catch (URISyntaxException | RuntimeException e) {
      throw new EnvironmentException("cannot tell where pinnadapt is installed; set -D" + HOME_PROPERTY);
    }
  }

  static Path jars(Path home) {
    Path jars = home.resolve("spark").resolve("jars");
    if (!Files.isDirectory(jars)) {
      throw new EnvironmentException("Spark is not in this distribution (no " + jars + "); build it with "
          + "mvn package, or run the sweep without --master on threads (--engine threads)");
    }
    return jars;
  }

  static Path bridgeJar(Path jars) {
    try (Stream<Path> s = Files.list(jars)) {
      return s.filter(p -> p.getFileName().toString().startsWith("framework-spark-")).findFirst()
          .orElseThrow(() -> new EnvironmentException("no framework-spark jar in " + jars));
    } catch (IOException e) {
      throw new EnvironmentException("cannot list " + jars + ": " + e.getMessage());
    }
  }

  static String firstLine(Throwable t) {
    String m = t == null ? "unknown" : t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    return Arrays.stream(m.split("\n")).filter(s -> !s.isBlank()).findFirst().orElse(m).trim();
  }
}
