package org.pinnadapt.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.experiment.RunFolder;
import org.pinnadapt.core.io.AtomicFiles;
import org.pinnadapt.core.io.Json;

/**
 * A sweep folder: {@code sweep.json} (the specification), {@code cells.csv} (one row per finished cell, rewritten
 * atomically as each cell finishes), {@code cells/<id>/} (each cell's run folder), the summary and the figures.
 * Held under the same lock as a run folder.
 */
public final class SweepFolder implements AutoCloseable {

  private final Path dir;
  private final RunFolder lock;
  private final List<String> keys;
  private final List<String> rows = new ArrayList<>();

  private SweepFolder(Path dir, RunFolder lock, List<String> keys) {
    this.dir = dir;
    this.lock = lock;
    this.keys = keys;
  }

  /**
   * Opens a sweep folder: a new one (refused if it holds a sweep) or one to resume (refused if it is not a sweep).
   *
   * @param dir the folder
   * @param spec the sweep (written for a new sweep)
   * @param resume whether to continue it
   * @param info messages
   * @return the held folder
   */
  public static SweepFolder open(Path dir, SweepSpec spec, boolean resume, Consumer<String> info) {
    return open(dir, spec, Map.of(), resume, info);
  }

  /**
   * Opens a sweep folder, recording for a new sweep where its cells run ({@link SweepRunner#recorded}).
   *
   * @param dir the folder
   * @param spec the sweep (written for a new sweep)
   * @param runner where the cells run
   * @param resume whether to continue it
   * @param info messages
   * @return the held folder
   */
  public static SweepFolder open(Path dir, SweepSpec spec, Map<String, Object> runner, boolean resume,
      Consumer<String> info) {
    boolean exists = Files.exists(dir.resolve("sweep.json"));
    if (resume && !exists) {
      throw new InvalidInputException("--resume: " + dir + " is not a sweep folder (no sweep.json)");
    }
    if (!resume && Files.exists(dir) && !isEmpty(dir)) {
      throw new InvalidInputException("sweep folder " + dir + " is not empty" + (exists
          ? "; use --resume to continue its sweep" : "") + " (choose another --out)");
    }
    RunFolder lock = RunFolder.lock(dir, info);
    SweepFolder f = new SweepFolder(dir, lock, new ArrayList<>(spec.vary().keySet()));
    try {
      if (!resume) {
        Map<String, Object> m = toMap(spec);
        m.put("runner", runner);
        Json.write(dir.resolve("sweep.json"), m);
      }
      Path csv = dir.resolve("cells.csv");
      if (Files.exists(csv)) {
        List<String> lines = Files.readAllLines(csv);
        if (!lines.isEmpty() && !lines.get(0).equals(f.header())) {
          throw new InvalidInputException(csv + " has another header than this sweep's: " + lines.get(0));
        }
        f.rows.addAll(lines.stream().skip(1).filter(l -> !l.isBlank()).toList());
      }
      return f;
    } catch (IOException e) {
      lock.close();
      throw new InvalidInputException("cannot read " + dir.resolve("cells.csv") + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static boolean isEmpty(Path dir) {
    try (var s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The specification a sweep folder recorded.
   *
   * @param dir the folder
   * @return the specification
   */
  @SuppressWarnings("unchecked")
  public static SweepSpec recorded(Path dir) {
    Path file = dir.resolve("sweep.json");
    if (!Files.exists(file)) {
      throw new InvalidInputException("--resume: " + dir + " is not a sweep folder (no sweep.json)");
    }
    try {
      Map<String, Object> m = Json.json().readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
      Map<String, List<String>> vary = new LinkedHashMap<>();
      ((Map<String, List<Object>>) m.get("vary")).forEach((k, v) -> vary.put(k, v.stream().map(String::valueOf)
          .toList()));
      List<Long> seeds = ((List<Number>) m.get("seeds")).stream().map(Number::longValue).toList();
      return new SweepSpec((Map<String, Object>) m.get("base"), (String) m.get("tasks"), vary, seeds);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(file + " is damaged (" + e.getMessage() + "); the sweep cannot be resumed", e);
    }
  }

  /**
   * Where a sweep's cells ran, as its folder recorded it (empty for a folder written before this was recorded).
   *
   * @param dir the folder
   * @return {@code workers}, {@code master}, {@code engine} where recorded
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> recordedRunner(Path dir) {
    try {
      Map<String, Object> m = Json.json().readValue(dir.resolve("sweep.json").toFile(),
          new TypeReference<Map<String, Object>>() {});
      return m.get("runner") instanceof Map<?, ?> r ? (Map<String, Object>) r : Map.of();
    } catch (IOException e) {
      return Map.of(); // recorded() has said what is wrong with the file
    }
  }

  private static Map<String, Object> toMap(SweepSpec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tasks", spec.tasks());
    m.put("vary", spec.vary());
    m.put("seeds", spec.seeds());
    m.put("base", spec.base());
    return m;
  }

  /** @return the folder */
  public Path path() {
    return dir;
  }

  /** @return the ids of the cells with a row in {@code cells.csv} that did not fail (a resume runs the others) */
  public List<String> finishedIds() {
    return rows.stream().map(RunFiles::csvFields).filter(f -> !status(f).equals("failed")).map(f -> f.get(0))
        .toList();
  }

  /** @return the ids of the cells whose row in {@code cells.csv} says they failed (a resume runs them again) */
  public List<String> failedIds() {
    return rows.stream().map(RunFiles::csvFields).filter(f -> status(f).equals("failed")).map(f -> f.get(0))
        .toList();
  }

  private String status(List<String> fields) {
    int i = 3 + keys.size(); // cell, task, the keys, seed, status
    return i < fields.size() ? fields.get(i) : "";
  }

  /** @return the rows of {@code cells.csv}, without the header */
  public List<String> rows() {
    return List.copyOf(rows);
  }

  private String header() {
    StringBuilder sb = new StringBuilder("cell,task");
    keys.forEach(k -> sb.append(',').append(RunFiles.csv(k)));
    return sb.append(",seed,status,mse,rel_l2,epochs,wall_s,worker,error").toString();
  }

  /**
   * Records a finished cell: the whole file is rewritten atomically, so a killed driver leaves every finished cell.
   *
   * @param r the cell's result
   */
  public synchronized void record(CellResult r) {
    StringBuilder sb = new StringBuilder(RunFiles.csv(r.cell().id())).append(',').append(RunFiles.csv(r.cell().task()));
    for (String k : keys) {
      sb.append(',').append(RunFiles.csv(r.cell().values().get(k)));
    }
    sb.append(',').append(r.cell().seed()).append(',').append(r.status()).append(',')
        .append(String.format(Locale.ROOT, "%.6e,%.6e,%d,%.3f", r.mse(), r.relL2(), r.epochs(), r.wallSeconds()))
        .append(',').append(RunFiles.csv(r.worker())).append(',').append(RunFiles.csv(r.error().replace('\n', ' ')));
    rows.removeIf(l -> RunFiles.csvFields(l).get(0).equals(r.cell().id())); // a failed cell run again
    rows.add(sb.toString());
    StringBuilder all = new StringBuilder(header()).append('\n');
    rows.forEach(l -> all.append(l).append('\n'));
    AtomicFiles.writeString(dir.resolve("cells.csv"), all.toString());
  }

  @Override
  public void close() {
    lock.close();
  }
}
