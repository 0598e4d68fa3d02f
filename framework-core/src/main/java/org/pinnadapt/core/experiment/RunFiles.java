package org.pinnadapt.core.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.core.io.AtomicFiles;

/** The files of a run folder: histories and CSV tables. */
public final class RunFiles {

  private RunFiles() {}

  /**
   * A new run folder under {@code runs/}, named by a prefix and the current time.
   *
   * @param prefix e.g. {@code kovasznay-pinn} or {@code bench-hyper-kovasznay}
   * @return {@code runs/<prefix>-<yyyyMMdd-HHmmss>}
   */
  public static Path timestamped(String prefix) {
    return Path.of("runs", prefix + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /**
   * A file-name-safe form of a key.
   *
   * @param key any text
   * @return letters, digits, '.', '-', '_' and '=' only
   */
  public static String safe(String key) {
    return key.replaceAll("[^A-Za-z0-9._=-]", "_");
  }

  /**
   * Writes (or appends to) a history CSV: label, epoch, phase, loss, one column per term, lr,
   * validation, seconds.
   *
   * @param file the CSV file
   * @param label the training label (e.g. a task id)
   * @param rows the history
   * @param append whether to keep earlier content (the header must match)
   */
  public static void writeHistory(Path file, String label, List<HistoryRow> rows, boolean append) {
    Set<String> terms = new LinkedHashSet<>();
    rows.forEach(r -> terms.addAll(r.terms().keySet()));
    StringBuilder sb = new StringBuilder();
    List<String> existing = new ArrayList<>();
    try {
      if (append && Files.exists(file)) {
        existing = Files.readAllLines(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String header = "task,epoch,phase,loss" + terms.stream().map(t -> "," + csv(t)).reduce("", String::concat)
        + ",lr,validation,seconds,error";
    if (existing.isEmpty()) {
      sb.append(header).append('\n');
    } else {
      existing.forEach(l -> sb.append(l).append('\n'));
    }
    for (HistoryRow r : rows) {
      sb.append(csv(label)).append(',').append(r.epoch()).append(',').append(r.phase()).append(',')
          .append(num(r.loss()));
      for (String t : terms) {
        sb.append(',').append(num(r.terms().getOrDefault(t, Double.NaN)));
      }
      sb.append(',').append(num(r.lr())).append(',').append(num(r.validation())).append(',')
          .append(String.format(Locale.ROOT, "%.3f", r.seconds())).append(',').append(num(r.error())).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /**
   * Reads a {@code history.csv} back into rows per task (label), in the file's order.
   *
   * @param file the file
   * @return rows by task; empty when there is no file
   */
  public static Map<String, List<HistoryRow>> readHistory(Path file) {
    Map<String, List<HistoryRow>> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<String> header = List.of(lines.get(0).split(","));
    int lr = header.indexOf("lr");
    int error = header.indexOf("error"); // absent in runs written before the error column
    for (int i = 1; i < lines.size(); i++) {
      List<String> cells = csvFields(lines.get(i));
      Map<String, Double> terms = new LinkedHashMap<>();
      for (int k = 4; k < lr; k++) {
        terms.put(header.get(k), number(cells.get(k)));
      }
      HistoryRow row = new HistoryRow(Integer.parseInt(cells.get(1)), cells.get(2), number(cells.get(3)), terms,
          number(cells.get(lr)), number(cells.get(lr + 1)), number(cells.get(lr + 2)),
          error < 0 || error >= cells.size() ? Double.NaN : number(cells.get(error)));
      out.computeIfAbsent(cells.get(0), k -> new ArrayList<>()).add(row);
    }
    return out;
  }

  private static double number(String s) {
    return s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  /**
   * A CSV field, quoted if needed.
   *
   * @param s the text
   * @return the field
   */
  public static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /**
   * The fields of one CSV line as {@link #csv} writes them (quoted fields may hold commas and doubled quotes).
   *
   * @param line the line
   * @return its fields
   */
  public static List<String> csvFields(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (ch == ',' && !quoted) {
        cells.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    cells.add(cur.toString());
    return cells;
  }

  /**
   * Deletes a folder and everything in it; nothing when it does not exist.
   *
   * @param dir the folder
   */
  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the folder " + dir, e);
    }
  }

  /**
   * A number for CSV: full precision, empty for NaN.
   *
   * @param v the number
   * @return the text
   */
  public static String num(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
