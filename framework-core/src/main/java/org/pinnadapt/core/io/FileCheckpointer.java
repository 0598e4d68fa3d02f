package org.pinnadapt.core.io;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.pinnadapt.api.base.InvalidInputException;
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
  private final Path previous;
  private final Consumer<String> warnings;

  /**
   * Creates a checkpointer.
   *
   * @param path the checkpoint file
   * @param every epochs between saves
   * @param manager owns loaded arrays
   * @param metadata configuration, seed and versions written with every checkpoint
   */
  public FileCheckpointer(Path path, int every, NDManager manager, Map<String, Object> metadata) {
    this(path, every, manager, metadata, m -> { });
  }

  /**
   * Creates a checkpointer that reports what it could not do (a failed save, a fallback on load).
   *
   * @param path the newest checkpoint's file; the one before it is kept beside it ({@code .prev})
   * @param every save every this many epochs
   * @param manager where loaded arrays are created
   * @param metadata written into every checkpoint
   * @param warnings where warnings go
   */
  public FileCheckpointer(Path path, int every, NDManager manager, Map<String, Object> metadata,
      Consumer<String> warnings) {
    this.path = path;
    this.previous = path.resolveSibling(path.getFileName() + ".prev");
    this.every = every;
    this.manager = manager;
    this.metadata = metadata;
    this.warnings = warnings;
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
    try {
      if (Files.exists(path)) { // keep the last good one: a corrupt newest checkpoint falls back to it
        Files.move(path, previous, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      ArrayFile.write(path, meta, groups);
    } catch (IOException | UncheckedIOException e) { // a full disk must not end the training
      String why = e.getCause() != null && e instanceof UncheckedIOException ? e.getCause().getMessage() : e.getMessage();
      warnings.accept("warning: checkpoint at epoch " + state.epoch() + " not written (" + why + "); training goes on "
          + "and tries again at the next interval");
    }
  }

  @Override
  public Optional<TrainingState> load() {
    if (!Files.exists(path) && !Files.exists(previous)) {
      return Optional.empty();
    }
    ArrayFile.Content c;
    if (!Files.exists(path)) {
      c = ArrayFile.read(previous, manager);
      warnings.accept("note: " + path.getFileName() + " is missing; resuming from the previous checkpoint");
    } else {
      try {
        c = ArrayFile.read(path, manager);
        warnings.accept("resuming from " + path + " (" + c.metadata().get("phase") + ", epoch "
            + c.metadata().get("epoch") + ")");
      } catch (InvalidInputException e) {
        if (!Files.exists(previous)) {
          throw e;
        }
        c = ArrayFile.read(previous, manager);
        warnings.accept("warning: " + e.getMessage() + "; resuming from the previous checkpoint " + previous.getFileName()
            + " (epoch " + c.metadata().get("epoch") + ")");
      }
    }
    return Optional.of(state(c));
  }

  @SuppressWarnings("unchecked")
  private static TrainingState state(ArrayFile.Content c) {
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
    return new TrainingState((String) meta.get("phase"), ((Number) meta.get("epoch")).intValue(),
        c.group("params"), c.group("optimizer"), scalars, c.group("best"), history);
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
