package org.pinnadapt.cli.command;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.io.Json;

/** Reads configuration files (YAML or JSON) into maps. */
public final class ConfigFiles {

  private ConfigFiles() {}

  /**
   * Reads a file.
   *
   * @param file a {@code .yaml}, {@code .yml} or {@code .json} file
   * @return the top-level map
   */
  public static Map<String, Object> read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      byte[] bytes = Files.readAllBytes(file);
      var mapper = name.endsWith(".json") ? Json.json() : Json.yaml();
      Map<String, Object> m = mapper.readValue(bytes, new TypeReference<Map<String, Object>>() {});
      if (m == null) {
        throw new InvalidInputException("configuration file " + file + " is empty");
      }
      return ExperimentConfig.withEarlierDefaults(m);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("configuration file " + file + " does not exist");
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new InvalidInputException("configuration file " + file + " is malformed: " + msg, e);
    }
  }
}
