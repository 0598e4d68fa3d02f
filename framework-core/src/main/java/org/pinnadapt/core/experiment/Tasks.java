package org.pinnadapt.core.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.pde.TaskSplit;

/** Resolves task specifications: split names, {@code K=V} lists and task files. */
public final class Tasks {

  private Tasks() {}

  /**
   * Parses {@code K=V[,K=V]} into a map.
   *
   * @param spec the text
   * @return values by name
   */
  public static Map<String, Double> parseAssignments(String spec) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new InvalidInputException("task '" + spec + "' is not of the form K=V[,K=V]: '" + part.trim() + "'");
      }
      try {
        if (values.put(kv[0].trim(), Double.parseDouble(kv[1].trim())) != null) {
          throw new InvalidInputException("task '" + spec + "' gives " + kv[0].trim() + " twice; separate tasks "
              + "with ';' (e.g. Re=40;Re=50)");
        }
      } catch (NumberFormatException e) {
        throw new InvalidInputException("task '" + spec + "': value of " + kv[0].trim() + " is not a number: '"
            + kv[1].trim() + "'", e);
      }
    }
    return values;
  }

  /**
   * The tasks of a specification.
   *
   * @param pde the PDE
   * @param spec {@code test}, {@code train}, {@code validation}, or {@code K=V[,K=V][;K=V...]}
   * @param taskFile a CSV file of embeddings, or empty
   * @param split the task split
   * @param max at most this many tasks (0: all)
   * @return the tasks
   */
  public static List<Task> resolve(Pde pde, String spec, String taskFile, TaskSplit split, int max) {
    List<Task> tasks = new ArrayList<>();
    if (taskFile != null && !taskFile.isBlank()) {
      tasks.addAll(fromFile(pde, Path.of(taskFile)));
    } else {
      switch (spec.trim()) {
        case "test": tasks.addAll(split.test()); break;
        case "train": tasks.addAll(split.train()); break;
        case "validation": tasks.addAll(split.validation()); break;
        default:
          for (String one : spec.split(";")) {
            if (!one.isBlank()) {
              tasks.add(pde.task(parseAssignments(one)));
            }
          }
      }
    }
    if (tasks.isEmpty()) {
      throw new InvalidInputException("no tasks selected by '" + spec + "'");
    }
    return max > 0 && tasks.size() > max ? new ArrayList<>(tasks.subList(0, max)) : tasks;
  }

  /**
   * Reads a task file: one task per row of comma-separated embedding values; an optional header row;
   * an optional first column {@code id}.
   *
   * @param pde the PDE
   * @param file the CSV file
   * @return the tasks
   */
  public static List<Task> fromFile(Pde pde, Path file) {
    List<Task> tasks = new ArrayList<>();
    for (Row r : rows(file)) {
      try {
        tasks.add(pde.taskFromEmbedding(r.id(), r.values()));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("task file " + file + ", line " + r.line() + ": " + e.getMessage(), e);
      }
    }
    if (tasks.isEmpty()) {
      throw new InvalidInputException("task file " + file + " has no tasks");
    }
    return tasks;
  }

  /**
   * One row of a task file.
   *
   * @param id the task's id (the {@code id} column, else {@code FILE-N})
   * @param values the row's numbers (the task's embedding)
   * @param line the line in the file, 1-based
   */
  public record Row(String id, double[] values, int line) {}

  /**
   * The rows of a task file that hold a task (not blank, not a comment, not the header), parsed as numbers but not
   * checked against a PDE.
   *
   * @param file the CSV file
   * @return the rows, possibly none
   * @throws InvalidInputException if the file cannot be read or a cell is not a number, naming the line and column
   */
  public static List<Row> rows(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("task file " + file + " does not exist");
    } catch (IOException e) {
      throw new InvalidInputException("cannot read task file " + file + ": " + e.getMessage(), e);
    }
    List<Row> rows = new ArrayList<>();
    boolean hasId = false;
    String base = file.getFileName().toString().replaceAll("\\.csv$", "");
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split(",");
      if (i == 0 && !isNumber(cells[0].trim()) && !cells[0].trim().equalsIgnoreCase("nan")) {
        hasId = cells[0].trim().equalsIgnoreCase("id");
        continue; // header
      }
      int from = hasId ? 1 : 0;
      String id = hasId ? cells[0].trim() : base + "-" + (rows.size() + 1);
      double[] v = new double[cells.length - from];
      for (int j = from; j < cells.length; j++) {
        String c = cells[j].trim();
        try {
          v[j - from] = Double.parseDouble(c);
        } catch (NumberFormatException e) {
          throw new InvalidInputException("task file " + file + ", line " + (i + 1) + ", column " + (j + 1)
              + ": '" + c + "' is not a number", e);
        }
      }
      rows.add(new Row(id, v, i + 1));
    }
    return rows;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
