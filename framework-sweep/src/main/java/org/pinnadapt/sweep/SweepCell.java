package org.pinnadapt.sweep;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cell of a sweep: one task, one value of each varied key, one seed; run as one experiment.
 *
 * @param index position in the sweep (0-based)
 * @param id a file-name-safe id, e.g. {@code Re=40_rank=4_seed=1}; also the name of its run folder
 * @param task the task, as {@code K=V[,K=V]}
 * @param values the varied keys' values, in the order of the sweep's keys
 * @param seed the seed
 * @param config the cell's experiment configuration (without {@code out})
 */
public record SweepCell(int index, String id, String task, Map<String, String> values, long seed,
    Map<String, Object> config) {

  /** Copies the maps. */
  public SweepCell {
    values = new LinkedHashMap<>(values);
    config = new LinkedHashMap<>(config);
  }

  /**
   * The configuration of the cell's run in a sweep folder.
   *
   * @param sweepFolder the sweep folder
   * @return the configuration, {@code out} set to {@code cells/<id>} in the sweep folder and, unless the
   *     configuration names a base network or a folder of them, {@code base-cache} to the sweep's {@code bases/}
   *     (cells that differ only in their task, strategy options or seed-independent settings share one base)
   */
  public Map<String, Object> runConfig(Path sweepFolder) {
    Map<String, Object> m = new LinkedHashMap<>(config);
    m.put("out", runFolder(sweepFolder).toString());
    if (String.valueOf(m.getOrDefault("base-cache", "")).isBlank()) {
      m.put("base-cache", sweepFolder.resolve("bases").toString());
    }
    return m;
  }

  /**
   * The cell's run folder.
   *
   * @param sweepFolder the sweep folder
   * @return {@code cells/<id>} in it
   */
  public Path runFolder(Path sweepFolder) {
    return sweepFolder.resolve("cells").resolve(id);
  }
}
