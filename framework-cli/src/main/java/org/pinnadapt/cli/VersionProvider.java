package org.pinnadapt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the versions written at build time. */
public final class VersionProvider implements IVersionProvider {

  /** Creates the provider (picocli). */
  public VersionProvider() {}

  /**
   * The build-time versions.
   *
   * @return version properties ({@code version}, {@code djl}, {@code pytorch})
   */
  public static Properties versions() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return p;
  }

  @Override
  public String[] getVersion() {
    Properties p = versions();
    return new String[] {
      "pinnadapt " + p.getProperty("version", "unknown"),
      "DJL " + p.getProperty("djl", "?") + ", PyTorch " + p.getProperty("pytorch", "?")
          + ", Java " + System.getProperty("java.version")
    };
  }
}
