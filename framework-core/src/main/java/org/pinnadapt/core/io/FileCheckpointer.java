package org.pinnadapt.core.io;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.train.Checkpointer;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.api.train.TrainingState;

/**
 * A {@link Checkpointer} writing one {@link ArrayFile}: parameters, optimizer state, best parameters,
 * epoch, scalar state, history, and the run's metadata (configuration, seed, versions). Saves are
 * atomic; a corrupt file is reported on load and never used.
 */
public final class FileCheckpointer implements Checkpointer {

  private final Path path;
  private final int every;
  private final NDManager manager;
  private final Map<String, Object> metadata;

  /**
   * Creates a checkpointer.
   *
   * @param path the checkpoint file
   * @param every epochs between saves
   * @param manager owns loaded arrays
   * @param metadata configuration, seed and versions written with every checkpoint
   */
  public FileCheckpointer(Path path, int every, NDManager manager, Map<String, Object> metadata) {
    this.path = path;
    this.every = every;
    this.manager = manager;
    this.metadata = metadata;
  }

  /**
   * The checkpoint file.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  @Override
  public void save(TrainingState state) {
    Map<String, Object> meta = new LinkedHashMap<>(metadata);
    meta.put("phase", state.phase());
    meta.put("epoch", state.epoch());
    meta.put("scalars", state.scalars());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (HistoryRow r : state.history()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("e", r.epoch());
      m.put("p", r.phase());
      m.put("l", r.loss());
      m.put("t", r.terms());
      m.put("lr", r.lr());
      m.put("v", r.validation());
      m.put("s", r.seconds());
      m.put("err", r.error());
      rows.add(m);
    }
    meta.put("history", rows);
    Map<String, Params> groups = new LinkedHashMap<>();
    groups.put("params", state.parameters());
    groups.put("optimizer", state.optimizer());
    groups.put("best", state.best());
    ArrayFile.write(path, meta, groups);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Optional<TrainingState> load() {
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    ArrayFile.Content c = ArrayFile.read(path, manager);
    Map<String, Object> meta = c.metadata();
    Map<String, Double> scalars = new LinkedHashMap<>();
    ((Map<String, Object>) meta.getOrDefault("scalars", Map.of()))
        .forEach((k, v) -> scalars.put(k, toDouble(v)));
    List<HistoryRow> history = new ArrayList<>();
    for (Map<String, Object> m : (List<Map<String, Object>>) meta.getOrDefault("history", List.of())) {
      Map<String, Double> terms = new LinkedHashMap<>();
      ((Map<String, Object>) m.get("t")).forEach((k, v) -> terms.put(k, toDouble(v)));
      history.add(new HistoryRow(((Number) m.get("e")).intValue(), (String) m.get("p"), toDouble(m.get("l")),
          terms, toDouble(m.get("lr")), toDouble(m.get("v")), toDouble(m.get("s")), toDouble(m.get("err"))));
    }
    return Optional.of(new TrainingState((String) meta.get("phase"), ((Number) meta.get("epoch")).intValue(),
        c.group("params"), c.group("optimizer"), scalars, c.group("best"), history));
  }

  private static double toDouble(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) { // NaN and infinities are written as strings by Jackson
      return Double.parseDouble(s);
    }
    return Double.NaN;
  }

  @Override
  public int every() {
    return every;
  }
}
