package org.pinnadapt.core.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.pinnadapt.api.base.InvalidInputException;

/**
 * Every plug-in known to one framework instance, keyed by kind and id, with the warnings of
 * discovery. An id provided twice is a conflict: neither provider is used and looking the id up
 * fails with a message naming both sources (no silent shadowing).
 */
public final class PluginCatalog {

  private final Map<PluginKind, Map<String, PluginEntry>> entries = new EnumMap<>(PluginKind.class);
  private final Map<PluginKind, Map<String, List<PluginEntry>>> conflicts = new EnumMap<>(PluginKind.class);
  private final List<PluginWarning> warnings = new ArrayList<>();

  /** Creates an empty catalog. */
  public PluginCatalog() {
    for (PluginKind k : PluginKind.values()) {
      entries.put(k, new TreeMap<>());
      conflicts.put(k, new TreeMap<>());
    }
  }

  /**
   * Adds an entry; a second entry with the same kind and id turns the id into a conflict.
   *
   * @param entry the entry
   */
  public void add(PluginEntry entry) {
    Map<String, PluginEntry> byId = entries.get(entry.kind());
    Map<String, List<PluginEntry>> clashes = conflicts.get(entry.kind());
    String id = entry.id();
    if (clashes.containsKey(id)) {
      clashes.get(id).add(entry);
      warnings.add(conflictWarning(entry.kind(), id, clashes.get(id)));
      return;
    }
    PluginEntry existing = byId.remove(id);
    if (existing == null) {
      byId.put(id, entry);
      return;
    }
    List<PluginEntry> both = new ArrayList<>(List.of(existing, entry));
    clashes.put(id, both);
    warnings.add(conflictWarning(entry.kind(), id, both));
  }

  /**
   * Adds an entry that replaces any provider of the same kind and id (programmatic registration is
   * explicit, so it wins over built-in and discovered providers).
   *
   * @param entry the entry
   */
  public void replace(PluginEntry entry) {
    conflicts.get(entry.kind()).remove(entry.id());
    entries.get(entry.kind()).put(entry.id(), entry);
  }

  /**
   * Records a skipped plug-in.
   *
   * @param warning the warning
   */
  public void warn(PluginWarning warning) {
    warnings.add(warning);
  }

  /**
   * The usable entries of a kind, sorted by id.
   *
   * @param kind the kind
   * @return entries by id
   */
  public Map<String, PluginEntry> entries(PluginKind kind) {
    return Collections.unmodifiableMap(entries.get(kind));
  }

  /**
   * Ids provided more than once, with every provider of each.
   *
   * @param kind the kind
   * @return conflicting entries by id
   */
  public Map<String, List<PluginEntry>> conflicts(PluginKind kind) {
    return Collections.unmodifiableMap(conflicts.get(kind));
  }

  /**
   * The warnings of discovery, in the order they arose.
   *
   * @return the warnings
   */
  public List<PluginWarning> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  /**
   * Looks an entry up.
   *
   * @param kind the kind
   * @param id the id
   * @return the entry
   * @throws InvalidInputException if the id is unknown or provided twice
   */
  public PluginEntry require(PluginKind kind, String id) {
    PluginEntry e = entries.get(kind).get(id);
    if (e != null) {
      return e;
    }
    List<PluginEntry> clash = conflicts.get(kind).get(id);
    if (clash != null) {
      throw new InvalidInputException(conflictWarning(kind, id, clash).message());
    }
    String skipped = warnings.isEmpty() ? "" : "; skipped at discovery: " + String.join("; ",
        warnings.stream().map(PluginWarning::toString).toList());
    throw new InvalidInputException(
        "unknown " + kind.label() + " '" + id + "'; available: "
            + (entries.get(kind).isEmpty() ? "none" : String.join(", ", entries.get(kind).keySet())) + skipped);
  }

  /**
   * All usable entries of every kind.
   *
   * @return entries by kind
   */
  public Map<PluginKind, Map<String, PluginEntry>> all() {
    Map<PluginKind, Map<String, PluginEntry>> copy = new LinkedHashMap<>();
    entries.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(v)));
    return copy;
  }

  private static PluginWarning conflictWarning(PluginKind kind, String id, List<PluginEntry> clash) {
    String sources = clash.stream().map(e -> e.source().describe()).collect(Collectors.joining(" and "));
    return new PluginWarning(
        sources,
        "duplicate " + kind.label() + " id '" + id + "' provided by " + sources
            + "; the id is disabled until one of them is removed");
  }
}
