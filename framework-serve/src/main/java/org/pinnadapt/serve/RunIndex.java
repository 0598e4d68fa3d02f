package org.pinnadapt.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.io.Json;

/**
 * The run and sweep folders under a runs folder, as the explorer shows them. A run's id is its folder relative to
 * the runs folder with {@code /} written {@code :} (a sweep's cell: {@code SWEEP:cells:CELL}). Only folders inside
 * the runs folder are ever read: ids are resolved without following links out of it.
 */
public final class RunIndex {

  private final Path root;

  /**
   * Creates the index.
   *
   * @param root the runs folder
   */
  public RunIndex(Path root) {
    try {
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("runs folder " + root + " does not exist", e);
    }
  }

  /** @return the runs folder (real path) */
  public Path root() {
    return root;
  }

  /**
   * Every run and sweep folder under the runs folder (up to four levels down: a bench's or the demo's runs, a
   * sweep's cells), newest first. A folder whose files cannot be read is listed as broken, with the reason. Links
   * are not followed.
   *
   * @return one summary per folder
   */
  public List<Map<String, Object>> list() {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root, 4)) {
      for (Path dir : s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
        if (dir.equals(root)) {
          continue;
        }
        if (Files.exists(dir.resolve("sweep.json"))) {
          out.add(summary(dir, "sweep"));
        } else if (Files.exists(dir.resolve("config.json")) && !Files.exists(dir.getParent().resolve("config.json"))) {
          boolean cell = dir.getParent().getFileName().toString().equals("cells")
              && Files.exists(dir.getParent().getParent().resolve("sweep.json"));
          out.add(summary(dir, cell ? "cell" : "run"));
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // a folder that vanished while listed: the next refresh shows the rest
    }
    out.sort((a, b) -> String.valueOf(b.get("date")).compareTo(String.valueOf(a.get("date"))));
    return out;
  }

  /**
   * A run folder by id, inside the runs folder.
   *
   * @param id the id
   * @return the folder (real path)
   * @throws HttpError 404 when there is no such run, 400 when the id leaves the runs folder
   */
  public Path folder(String id) {
    if (id == null || id.isEmpty() || id.contains("/") || id.contains("\\")) {
      throw new HttpError(400, "run id '" + id + "' is not a run id (folder names joined by ':')");
    }
    Path p = root;
    for (String part : id.split(":", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new HttpError(400, "run id '" + id + "' is not a run id (folder names joined by ':')");
      }
      p = p.resolve(part);
    }
    return inside(p, "run " + id);
  }

  /**
   * A file of a run, inside the runs folder (no traversal, no link out of it).
   *
   * @param id the run id
   * @param relative the file relative to the run folder
   * @return the file (real path)
   */
  public Path file(String id, String relative) {
    Path run = folder(id);
    Path f = run.resolve(relative).normalize();
    if (!f.startsWith(run)) {
      throw new HttpError(400, "file '" + relative + "' is outside run " + id);
    }
    Path real = inside(f, "file " + relative);
    if (!real.startsWith(run) || !Files.isRegularFile(real)) {
      throw new HttpError(404, "run " + id + " has no file '" + relative + "'");
    }
    return real;
  }

  /**
   * A run's configuration, metrics and history.
   *
   * @param id the run id
   * @return {@code id}, {@code config}, {@code metrics}, {@code history} (per task, rows of epoch, phase, loss,
   *     terms, lr, validation, seconds, error), {@code figures} (PNG files relative to the run folder)
   */
  public Map<String, Object> detail(String id) {
    Path dir = folder(id);
    Map<String, Object> m = new LinkedHashMap<>(summary(dir, Files.exists(dir.resolve("sweep.json")) ? "sweep"
        : "run"));
    m.put("config", read(dir.resolve(Files.exists(dir.resolve("sweep.json")) ? "sweep.json" : "config.json")));
    m.put("metrics", read(dir.resolve("metrics.json")));
    if (Files.exists(dir.resolve("cells.csv"))) { // a sweep: one row per finished cell
      m.put("cells", csv(dir.resolve("cells.csv")));
    }
    Map<String, Object> history = new LinkedHashMap<>();
    try {
      RunFiles.readHistory(dir.resolve("history.csv")).forEach((task, rows) -> history.put(task, rows(rows)));
    } catch (RuntimeException e) {
      m.put("history_error", "history.csv cannot be read: " + e.getMessage());
    }
    m.put("history", history);
    m.put("figures", figures(dir));
    return m;
  }

  /** A CSV file with a header row as one map per row (text values). */
  private static List<Map<String, String>> csv(Path file) {
    List<Map<String, String>> out = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file);
      if (lines.isEmpty()) {
        return out;
      }
      List<String> header = RunFiles.csvFields(lines.get(0));
      for (String line : lines.subList(1, lines.size())) {
        List<String> cells = RunFiles.csvFields(line);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          row.put(header.get(i), i < cells.size() ? cells.get(i) : "");
        }
        out.add(row);
      }
    } catch (IOException | RuntimeException e) {
      // shown as no cells; the sweep's summary still lists it
    }
    return out;
  }

  private static List<Map<String, Object>> rows(List<HistoryRow> rows) {
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (HistoryRow h : rows) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("epoch", h.epoch());
      r.put("phase", h.phase());
      r.put("loss", finite(h.loss()));
      Map<String, Object> terms = new LinkedHashMap<>();
      h.terms().forEach((k, v) -> terms.put(k, finite(v)));
      r.put("terms", terms);
      r.put("lr", finite(h.lr()));
      r.put("validation", finite(h.validation()));
      r.put("seconds", finite(h.seconds()));
      r.put("error", finite(h.error()));
      out.add(r);
    }
    return out;
  }

  /** JSON has no NaN: a missing number is null. */
  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private List<String> figures(Path dir) {
    List<String> out = new ArrayList<>();
    for (Path sub : List.of(dir, dir.resolve("figures"))) {
      for (Path f : files(sub)) {
        if (f.getFileName().toString().endsWith(".png")) {
          out.add(dir.relativize(f).toString().replace('\\', '/'));
        }
      }
    }
    return out;
  }

  private Map<String, Object> summary(Path dir, String kind) {
    Map<String, Object> m = new LinkedHashMap<>();
    String id = root.relativize(dir).toString().replace('\\', '/').replace('/', ':');
    m.put("id", id);
    m.put("folder", root.relativize(dir).toString().replace('\\', '/'));
    m.put("kind", kind);
    m.put("date", modified(dir));
    try {
      if (kind.equals("sweep")) {
        JsonNode s = Json.json().readTree(dir.resolve("sweep.json").toFile());
        JsonNode base = s.path("base");
        m.put("pde", base.path("pde").asText(null));
        m.put("strategy", base.path("strategy").asText(null));
        m.put("tasks", s.path("tasks").asText(base.path("tasks").asText(null)));
        m.put("status", "sweep");
        m.put("broken", false);
        return m;
      }
      JsonNode config = Json.json().readTree(dir.resolve("config.json").toFile());
      m.put("pde", config.path("pde").asText(null));
      m.put("strategy", config.path("strategy").asText(null));
      m.put("tasks", config.path("tasks").asText(null));
      Path metricsFile = dir.resolve("metrics.json");
      if (Files.exists(metricsFile)) {
        JsonNode metrics = Json.json().readTree(metricsFile.toFile());
        m.put("status", metrics.path("status").asText("unknown"));
        JsonNode mean = metrics.path("mean");
        m.put("rel_l2", number(mean.path("rel_l2")));
        m.put("mse", number(mean.path("mse")));
        double wall = metrics.path("prepare_s").asDouble(0);
        for (JsonNode t : metrics.path("tasks")) {
          wall += t.path("adapt_s").asDouble(0);
        }
        m.put("wall_s", wall);
      } else {
        m.put("status", "no metrics");
      }
      m.put("broken", false);
    } catch (IOException | RuntimeException e) {
      m.put("broken", true);
      m.put("status", "broken");
      m.put("reason", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
          .orElse(""));
    }
    return m;
  }

  private static Double number(JsonNode n) {
    return n.isNumber() && Double.isFinite(n.asDouble()) ? n.asDouble() : null;
  }

  private static String modified(Path dir) {
    try {
      Path config = dir.resolve("config.json");
      Path f = Files.exists(config) ? config : dir;
      return Instant.ofEpochMilli(Files.getLastModifiedTime(f).toMillis()).toString();
    } catch (IOException e) {
      return "";
    }
  }

  private static Object read(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return Json.json().readValue(file.toFile(), Object.class);
    } catch (IOException e) {
      return Map.of("error", file.getFileName() + " cannot be read: " + e.getMessage().lines().findFirst()
          .orElse(""));
    }
  }

  /** The real path of a folder or file, which must lie inside the runs folder (a link out of it is refused). */
  private Path inside(Path p, String what) {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new HttpError(404, "no " + what);
    }
    try {
      Path real = p.toRealPath();
      if (!real.startsWith(root)) {
        throw new HttpError(400, what + " is outside the runs folder");
      }
      return real;
    } catch (IOException e) {
      throw new HttpError(404, "no " + what);
    }
  }

  /** The files of a folder that stay inside the runs folder (links out of it are skipped), sorted, as real paths. */
  private List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> out = new ArrayList<>();
      for (Path p : s.sorted().toList()) {
        try {
          Path real = p.toRealPath();
          if (real.startsWith(root) && Files.isRegularFile(real)) {
            out.add(real);
          }
        } catch (IOException e) {
          // a dangling link: not listed
        }
      }
      return out;
    } catch (IOException e) {
      return List.of();
    }
  }
}
