package org.pinnadapt.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pinnadapt.core.io.Json;

/**
 * What a run folder holds, read without ever failing: a damaged file makes the folder {@code broken}
 * with the reason, so that one bad folder never hides the others.
 *
 * @param folder the run folder
 * @param config its {@code config.json}, or null when missing or unreadable
 * @param metrics its {@code metrics.json}, or null when missing or unreadable
 * @param status {@code finished}, {@code diverged}, {@code failed}, {@code interrupted}, {@code running}
 *     (locked by a live process), {@code stopped} (ended without finishing: killed), or {@code broken}
 * @param reason why a folder is broken, failed or interrupted; empty otherwise
 */
public record RunStatus(Path folder, JsonNode config, JsonNode metrics, String status, String reason) {

  /**
   * Reads a run folder.
   *
   * @param folder the folder
   * @return its status
   */
  public static RunStatus read(Path folder) {
    JsonNode config;
    try {
      config = Json.json().readTree(folder.resolve("config.json").toFile());
    } catch (IOException e) {
      return new RunStatus(folder, null, null, "broken", "config.json: " + firstLine(e));
    }
    String holder = RunFolder.holder(folder);
    Path m = folder.resolve("metrics.json");
    if (!Files.exists(m)) {
      return new RunStatus(folder, config, null, holder != null ? "running" : "stopped",
          holder != null ? holder : "no metrics.json: ended before its first task finished");
    }
    JsonNode metrics;
    try {
      metrics = Json.json().readTree(m.toFile());
    } catch (IOException e) {
      return new RunStatus(folder, config, null, "broken", "metrics.json: " + firstLine(e));
    }
    String status = metrics.path("status").asText("finished"); // folders written before issue 17: finished
    if (status.equals("running") && holder == null) {
      return new RunStatus(folder, config, metrics, "stopped", "ended after " + metrics.path("tasks").size()
          + " task(s) without finishing (killed?); continue it with run --resume --out " + folder);
    }
    return new RunStatus(folder, config, metrics, status, metrics.path("reason").asText(""));
  }

  /** @return whether the folder holds a complete result (finished or diverged) */
  public boolean complete() {
    return status.equals("finished") || status.equals("diverged");
  }

  private static String firstLine(IOException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
