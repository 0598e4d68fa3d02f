package org.pinnadapt.core.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;

/**
 * Draws tasks for a many-query study from a spec such as {@code Re=uniform(20,100):10000}.
 *
 * <p>Grammar: {@code P=DIST[,P=DIST...]:COUNT}, where {@code DIST} is {@code uniform(lo,hi)},
 * {@code loguniform(lo,hi)} (both bounds positive), {@code normal(mean,sd)} (truncated to the parameter's range:
 * draws outside it are drawn again) or a number (the parameter held fixed). Parameters not named keep their
 * default. Every bound must lie in the parameter's range. The draws depend only on the seed: sample {@code i} is
 * drawn from its own stream ({@code seed}, {@code i}), so a batch of samples is the same whatever the batch size.
 *
 * @param count the number of samples
 * @param distributions per named parameter, in the order given
 * @param spec the spec as given
 */
public record TaskSampler(int count, Map<String, Distribution> distributions, String spec) {

  /** The most samples one spec may ask for. */
  public static final int MAX_COUNT = 100_000_000;

  private static final Pattern CALL = Pattern.compile("([a-z]+)\\(([^,()]+),([^,()]+)\\)");

  /**
   * A one-dimensional distribution.
   *
   * @param kind {@code uniform}, {@code loguniform}, {@code normal} or {@code fixed}
   * @param a the lower bound, the mean or the fixed value
   * @param b the upper bound or the standard deviation (unused when fixed)
   */
  public record Distribution(String kind, double a, double b) {

    double draw(SplittableRandom rng, Parameter p) {
      switch (kind) {
        case "fixed":
          return a;
        case "uniform":
          return a + (b - a) * rng.nextDouble();
        case "loguniform":
          return Math.exp(Math.log(a) + (Math.log(b) - Math.log(a)) * rng.nextDouble());
        default:
          for (int tries = 0; ; tries++) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            double v = a + b * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
            if (p.contains(v) || tries > 10_000) { // the mean lies in the range, so this ends
              return Math.min(p.max(), Math.max(p.min(), v));
            }
          }
      }
    }
  }

  /**
   * Parses a spec against a PDE's parameters.
   *
   * @param spec e.g. {@code Re=uniform(20,100):10000}
   * @param pde the PDE
   * @return the sampler
   * @throws InvalidInputException naming the part of the spec at fault
   */
  public static TaskSampler parse(String spec, Pde pde) {
    String s = spec.trim();
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      throw bad(spec, "no sample count (end it with :COUNT, e.g. Re=uniform(20,100):10000)");
    }
    int count;
    try {
      count = Integer.parseInt(s.substring(colon + 1).trim());
    } catch (NumberFormatException e) {
      throw bad(spec, "'" + s.substring(colon + 1).trim() + "' is not a whole number of samples");
    }
    if (count < 1 || count > MAX_COUNT) {
      throw bad(spec, "the sample count must lie in 1.." + MAX_COUNT + ", got " + count);
    }
    Map<String, Parameter> params = new LinkedHashMap<>();
    pde.parameters().forEach(p -> params.put(p.name(), p));
    Map<String, Distribution> out = new LinkedHashMap<>();
    for (String part : splitTopLevel(s.substring(0, colon))) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw bad(spec, "'" + part + "' is not P=DIST");
      }
      String name = part.substring(0, eq).trim();
      Parameter p = params.get(name);
      if (p == null) {
        throw bad(spec, "pde '" + pde.id() + "' has no parameter '" + name + "' (it has " + params.keySet() + ")");
      }
      if (out.containsKey(name)) {
        throw bad(spec, "parameter '" + name + "' is given twice");
      }
      out.put(name, distribution(spec, part.substring(eq + 1).trim(), p));
    }
    if (out.isEmpty()) {
      throw bad(spec, "no parameter to sample");
    }
    return new TaskSampler(count, out, spec);
  }

  private static Distribution distribution(String spec, String text, Parameter p) {
    Matcher m = CALL.matcher(text.replace(" ", ""));
    if (!m.matches()) {
      double v = number(spec, text);
      inRange(spec, p, v, text);
      return new Distribution("fixed", v, 0);
    }
    String kind = m.group(1);
    double a = number(spec, m.group(2));
    double b = number(spec, m.group(3));
    switch (kind) {
      case "uniform", "loguniform" -> {
        if (!(a < b)) {
          throw bad(spec, kind + "(" + m.group(2) + "," + m.group(3) + "): the lower bound must be below the upper");
        }
        if (kind.equals("loguniform") && a <= 0) {
          throw bad(spec, "loguniform needs positive bounds, got " + m.group(2));
        }
        inRange(spec, p, a, text);
        inRange(spec, p, b, text);
      }
      case "normal" -> {
        if (!(b > 0) || Double.isInfinite(b)) {
          throw bad(spec, "normal(" + m.group(2) + "," + m.group(3) + "): the standard deviation must be > 0");
        }
        inRange(spec, p, a, text);
      }
      default -> throw bad(spec, "unknown distribution '" + kind + "' (uniform, loguniform, normal, or a number)");
    }
    return new Distribution(kind, a, b);
  }

  private static void inRange(String spec, Parameter p, double v, String text) {
    if (!p.contains(v)) {
      throw bad(spec, p.name() + "=" + text + " reaches " + ManyQueryFiles.num(v) + ", outside the parameter's range ["
          + ManyQueryFiles.num(p.min()) + ", " + ManyQueryFiles.num(p.max()) + "]");
    }
  }

  private static double number(String spec, String text) {
    try {
      double v = Double.parseDouble(text.trim());
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(spec, "'" + text.trim() + "' is not a finite number");
  }

  /** Splits at commas outside parentheses. */
  private static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        parts.add(s.substring(from, i).trim());
        from = i + 1;
      }
    }
    if (!s.substring(from).isBlank()) {
      parts.add(s.substring(from).trim());
    }
    return parts;
  }

  /**
   * Samples {@code from} (inclusive) to {@code to} (exclusive) as tasks; the same for any split into ranges.
   *
   * @param pde the PDE
   * @param seed the seed
   * @param from the first sample
   * @param to one past the last sample
   * @return the tasks, with ids {@code s<index>}
   */
  public List<Task> tasks(Pde pde, long seed, int from, int to) {
    List<Task> tasks = new ArrayList<>(to - from);
    Map<String, Parameter> params = new LinkedHashMap<>();
    pde.parameters().forEach(p -> params.put(p.name(), p));
    for (int i = from; i < to; i++) {
      SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
      Map<String, Double> values = new LinkedHashMap<>();
      for (Map.Entry<String, Distribution> e : distributions.entrySet()) {
        values.put(e.getKey(), e.getValue().draw(rng, params.get(e.getKey())));
      }
      Task t = pde.task(values);
      tasks.add(new Task("s" + i, t.parameters(), t.embedding()));
    }
    return tasks;
  }

  private static InvalidInputException bad(String spec, String why) {
    return new InvalidInputException("--sample " + spec + ": " + why);
  }
}
