package org.pinnadapt.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.io.Json;
import org.pinnadapt.core.runtime.RuntimeSettings;

/**
 * Runs cells sent as text, for a runner whose workers do not share this module's types (a Spark executor calls
 * {@link #run(String, String)} through reflection). One framework per JVM: the one {@link #useFramework} gave
 * (the driver's, when the cells run in its JVM), else one built from the first request's settings and kept.
 *
 * <p>A cell runs in its run folder inside the sweep folder when this machine sees that folder (the same machine,
 * or a shared file system). Otherwise it runs in a temporary sweep folder and its run folder travels back in the
 * result, zipped, and {@link #unpack} writes it where it belongs.
 */
public final class CellWorker {

  private static PinnAdapt framework;

  private CellWorker() {}

  /**
   * Makes cells in this JVM run in the given framework (the driver's own, in Spark's local mode).
   *
   * @param value the framework, or null to forget it
   */
  public static synchronized void useFramework(PinnAdapt value) {
    framework = value;
  }

  /**
   * The request for a cell.
   *
   * @param cell the cell
   * @param sweepFolder the sweep folder (as the driver sees it)
   * @param settings the workers' framework: {@code device}, {@code precision}, {@code threads}
   * @return the request text
   */
  public static String request(SweepCell cell, Path sweepFolder, Map<String, Object> settings) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("index", cell.index());
    c.put("id", cell.id());
    c.put("task", cell.task());
    c.put("values", cell.values());
    c.put("seed", cell.seed());
    c.put("config", cell.config());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cell", c);
    m.put("sweepFolder", sweepFolder.toAbsolutePath().toString());
    m.put("framework", settings);
    return Json.compact(m);
  }

  /**
   * Runs the cell of a request; the cell's own failures are a failed result, never thrown.
   *
   * @param request the request ({@link #request})
   * @param pluginFolder the plug-in folder of this machine (used when the framework is built here)
   * @return the result text
   */
  public static String run(String request, String pluginFolder) {
    Map<String, Object> m = parse(request);
    SweepCell cell = cell(map(m.get("cell")));
    Path sweep = Path.of(String.valueOf(m.get("sweepFolder")));
    PinnAdapt pa = framework(map(m.get("framework")), pluginFolder);
    if (Files.isDirectory(sweep)) {
      return result(CellExecution.run(pa, cell, sweep), null);
    }
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("pinnadapt-cell-");
      CellResult r = CellExecution.run(pa, cell, tmp);
      return result(r, FolderZip.zip(cell.runFolder(tmp)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run cell " + cell.id() + " in a temporary folder", e);
    } finally {
      delete(tmp);
    }
  }

  /**
   * Reads a result.
   *
   * @param cell the cell it belongs to
   * @param text the result text
   * @return the result
   */
  public static CellResult result(SweepCell cell, String text) {
    Map<String, Object> m = parse(text);
    return new CellResult(cell, String.valueOf(m.get("status")), number(m.get("mse")), number(m.get("relL2")),
        (int) number(m.get("epochs")), number(m.get("wallSeconds")), String.valueOf(m.get("worker")),
        String.valueOf(m.getOrDefault("error", "")), Boolean.parseBoolean(String.valueOf(m.get("badInput"))));
  }

  /**
   * Writes the run folder a result carries (a cell run where the sweep folder was not visible) into the sweep
   * folder; nothing when it carries none.
   *
   * @param cell the cell
   * @param text the result text
   * @param sweepFolder the sweep folder
   */
  public static void unpack(SweepCell cell, String text, Path sweepFolder) {
    Object zip = parse(text).get("folder");
    if (zip != null) {
      FolderZip.unzip(Base64.getDecoder().decode(String.valueOf(zip)), cell.runFolder(sweepFolder));
    }
  }

  private static synchronized PinnAdapt framework(Map<String, Object> s, String pluginFolder) {
    if (framework == null) {
      framework = PinnAdapt.builder()
          .optPluginDirectory(pluginFolder == null || pluginFolder.isEmpty() ? null : Path.of(pluginFolder))
          .optDevice(String.valueOf(s.getOrDefault("device", "cpu")))
          .optDataType(RuntimeSettings.parseDataType(String.valueOf(s.getOrDefault("precision", "float32"))))
          .optThreads(((Number) s.getOrDefault("threads", 1)).intValue())
          .build();
    }
    return framework;
  }

  private static String result(CellResult r, byte[] folder) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.cell().id());
    m.put("status", r.status());
    m.put("mse", Double.toString(r.mse()));
    m.put("relL2", Double.toString(r.relL2()));
    m.put("epochs", r.epochs());
    m.put("wallSeconds", r.wallSeconds());
    m.put("worker", r.worker());
    m.put("badInput", r.badInput());
    m.put("error", r.error());
    if (folder != null) {
      m.put("folder", Base64.getEncoder().encodeToString(folder));
    }
    return Json.compact(m);
  }

  private static SweepCell cell(Map<String, Object> c) {
    Map<String, String> values = new LinkedHashMap<>();
    map(c.get("values")).forEach((k, v) -> values.put(k, String.valueOf(v)));
    return new SweepCell(((Number) c.get("index")).intValue(), String.valueOf(c.get("id")),
        String.valueOf(c.get("task")), values, ((Number) c.get("seed")).longValue(), map(c.get("config")));
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(o));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  private static Map<String, Object> parse(String text) {
    try {
      return Json.json().readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a cell message: " + e.getOriginalMessage(), e);
    }
  }

  private static void delete(Path dir) {
    try {
      RunFiles.deleteTree(dir);
    } catch (UncheckedIOException e) {
      // a leftover temporary folder; the result stands
    }
  }

}
