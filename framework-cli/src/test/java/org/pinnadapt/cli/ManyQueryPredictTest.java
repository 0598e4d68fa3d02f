package org.pinnadapt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pinnadapt predict} with many tasks, on a tiny hypernetwork run trained once for the class. */
class ManyQueryPredictTest {

  @TempDir static Path dir;
  static Path run;

  @BeforeAll
  static void train() {
    run = dir.resolve("hyper");
    CliTestSupport.Result r = CliTestSupport.run("run", "--pde", "kovasznay", "--strategy", "hyper", "--tasks",
        "Re=60", "--epochs", "5", "--base-epochs", "5", "--trainer", "adam", "--arch-opt", "width=8", "--arch-opt",
        "depth=1", "--strategy-opt", "hidden=8", "--strategy-opt", "train-tasks=4", "--strategy-opt", "rank=2",
        "--set", "collocation=100", "--set", "boundary=40", "--set", "grid=11x11", "--set", "figures=false",
        "--out", run.toString(), "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void sampledStudyAgreesWithItsSamplesAndWithOneTaskPredictions() throws Exception {
    Path out = dir.resolve("study");
    CliTestSupport.Result r = CliTestSupport.run("predict", "--run", run.toString(), "--sample",
        "Re=uniform(30,90):7", "--seed", "3", "--grid", "9x7", "--batch", "3", "--quantiles", "0,0.5,1",
        "--save-samples", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("7 samples on 9x7 (63 points, batches of 3, ").contains("[7/7] 100%");
    Npy samples = Npy.read(out.resolve("samples.npy"));
    Npy summary = Npy.read(out.resolve("summary.npy"));
    Npy points = Npy.read(out.resolve("points.npy"));
    assertThat(samples.shape).containsExactly(7, 63, 3);
    assertThat(summary.shape).containsExactly(5, 63, 3); // mean, std, q0, q0.5, q1
    assertThat(points.shape).containsExactly(63, 2);
    JsonNode about = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(about.get("statistics").toString()).isEqualTo("[\"mean\",\"std\",\"q0\",\"q0.5\",\"q1\"]");
    assertThat(about.get("samples").asInt()).isEqualTo(7);
    for (int c = 0; c < 63 * 3; c++) {
      double[] v = new double[7];
      for (int s = 0; s < 7; s++) {
        v[s] = samples.values[s * 189 + c];
      }
      double mean = Arrays.stream(v).average().orElseThrow();
      double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / 6;
      double[] sorted = v.clone();
      Arrays.sort(sorted);
      assertThat(summary.values[c]).isCloseTo(mean, within(1e-6 + 1e-5 * Math.abs(mean)));
      assertThat(summary.values[189 + c]).isCloseTo(Math.sqrt(var), within(1e-6 + 1e-4 * Math.sqrt(var)));
      assertThat(summary.values[2 * 189 + c]).isEqualTo((float) sorted[0]);
      assertThat(summary.values[3 * 189 + c]).isEqualTo((float) sorted[3]);
      assertThat(summary.values[4 * 189 + c]).isEqualTo((float) sorted[6]);
    }
    List<String> tasks = Files.readAllLines(out.resolve("tasks.csv"));
    assertThat(tasks).hasSize(8).first().isEqualTo("id,Re");
    for (int s : new int[] {0, 6}) {
      String re = tasks.get(s + 1).split(",")[1];
      assertThat(Double.parseDouble(re)).isBetween(30.0, 90.0);
      Path one = dir.resolve("one-" + s + ".csv");
      assertThat(CliTestSupport.run("predict", "--run", run.toString(), "--task", "Re=" + re, "--grid", "9x7",
          "--skip-error", "--out", one.toString()).exitCode()).isZero();
      List<String> rows = Files.readAllLines(one);
      for (int p = 0; p < 63; p++) {
        String[] cells = rows.get(p + 1).split(",");
        assertThat(Double.parseDouble(cells[0])).isCloseTo(points.values[2 * p], within(1e-9));
        for (int f = 0; f < 3; f++) {
          double expected = Double.parseDouble(cells[2 + f]);
          assertThat(samples.values[s * 189 + p * 3 + f]).as("sample %d point %d field %d", s, p, f)
              .isCloseTo(expected, within(1e-5 + 1e-4 * Math.abs(expected)));
        }
      }
    }
    List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
    assertThat(csv).hasSize(64);
    assertThat(csv.get(0)).startsWith("x,y,u_mean,u_std,u_q0,u_q0.5,u_q1,v_mean");
    assertThat(out.resolve("figures").resolve("summary-u.png")).isNotEmptyFile();
    assertThat(Files.list(dir).map(Path::getFileName).map(Path::toString)).noneMatch(n -> n.contains("partial"));
    Path oneLane = dir.resolve("study-one-lane");
    assertThat(CliTestSupport.run("predict", "--run", run.toString(), "--sample", "Re=uniform(30,90):7", "--seed", "3",
        "--grid", "9x7", "--batch", "2", "--lanes", "1", "--quantiles", "0,0.5,1", "--out", oneLane.toString())
        .exitCode()).isZero();
    Npy again = Npy.read(oneLane.resolve("summary.npy"));
    for (int i = 0; i < again.values.length; i++) {
      assertThat(again.values[i]).as("lanes and batches change nothing, value %d", i)
          .isCloseTo(summary.values[i], within(1e-6 + 1e-5 * Math.abs(summary.values[i])));
    }
  }

  @Test
  void aTaskFileOfSeveralRowsIsAStudyAndTheSameSeedGivesTheSameSamples() throws Exception {
    Path file = dir.resolve("tasks.csv");
    Files.writeString(file, "id,Re\na,40\nb,50\nc,70\n");
    Path out = dir.resolve("listed");
    CliTestSupport.Result r = CliTestSupport.run("predict", "--run", run.toString(), "--task-file", file.toString(),
        "--grid", "5x5", "--quantiles", "none", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Npy.read(out.resolve("summary.npy")).shape).containsExactly(2, 25, 3);
    assertThat(Files.readAllLines(out.resolve("tasks.csv"))).containsExactly("id,Re", "s0,40", "s1,50", "s2,70");
    for (String name : List.of("again1", "again2")) {
      assertThat(CliTestSupport.run("predict", "--run", run.toString(), "--sample", "Re=normal(60,10):4", "--grid",
          "5x5", "--out", dir.resolve(name).toString()).exitCode()).isZero();
    }
    assertThat(Files.readAllLines(dir.resolve("again1/tasks.csv")))
        .isEqualTo(Files.readAllLines(dir.resolve("again2/tasks.csv")));
  }

  @Test
  void badInputIsOneErrorLineAndWritesNothing() throws Exception {
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "id,Re\n");
    Path malformed = dir.resolve("malformed.csv");
    Files.writeString(malformed, "60\n70\nabc\n");
    Path pinn = dir.resolve("pinn");
    assertThat(CliTestSupport.run("run", "--pde", "kovasznay", "--strategy", "pinn", "--tasks", "Re=40", "--epochs",
        "2", "--trainer", "adam", "--arch-opt", "width=8", "--arch-opt", "depth=1", "--set", "figures=false",
        "--out", pinn.toString(), "-q").exitCode()).isZero();
    Path exists = Files.createDirectories(dir.resolve("exists"));
    String h = run.toString();
    Object[][] cases = {
        {new String[] {"--run", h, "--sample", "Re=uniform(10,50):5"}, "outside the parameter's range [20, 100]"},
        {new String[] {"--run", h, "--sample", "Mach=uniform(0,1):5"}, "has no parameter 'Mach'"},
        {new String[] {"--run", h, "--sample", "Re=uniform(30,40)"}, "no sample count"},
        {new String[] {"--run", h, "--sample", "Re=gamma(2,3):5"}, "unknown distribution 'gamma'"},
        {new String[] {"--run", h, "--task-file", empty.toString()}, "has no tasks"},
        {new String[] {"--run", h, "--task-file", malformed.toString()}, "line 3, column 1: 'abc' is not a number"},
        {new String[] {"--run", h, "--sample", "Re=uniform(30,40):2000000", "--grid", "51x51"}, "--memory-limit"},
        {new String[] {"--run", h, "--sample", "Re=uniform(30,40):5", "--quantiles", "0.5,2"}, "'2' is not a level"},
        {new String[] {"--run", pinn.toString(), "--sample", "Re=uniform(30,40):5"}, "trains each task"},
    };
    for (Object[] c : cases) {
      Path out = dir.resolve("bad");
      String[] args = concat(concat(new String[] {"predict"}, (String[]) c[0]), new String[] {"--out", out.toString()});
      CliTestSupport.Result r = CliTestSupport.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
      assertThat(r.err().lines().filter(l -> l.startsWith("error:"))).as(r.err()).hasSize(1);
      assertThat(r.err()).contains((String) c[1]);
      assertThat(out).doesNotExist();
    }
    CliTestSupport.Result r = CliTestSupport.run("predict", "--run", h, "--sample", "Re=uniform(30,40):5", "--out",
        exists.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("exists; many-query results go to a new folder");
    try (var s = Files.list(exists)) {
      assertThat(s).isEmpty();
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** A NumPy {@code .npy} file read back: shape and values as float (f4) or double (f8). */
  static final class Npy {
    final long[] shape;
    final double[] values;

    private Npy(long[] shape, double[] values) {
      this.shape = shape;
      this.values = values;
    }

    static Npy read(Path file) throws IOException {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      byte[] magic = new byte[6];
      b.get(magic);
      assertThat(magic[0]).isEqualTo((byte) 0x93);
      assertThat(new String(magic, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
      assertThat(b.get()).isEqualTo((byte) 1);
      b.get();
      int len = b.getShort() & 0xffff;
      assertThat((10 + len) % 64).isZero();
      byte[] text = new byte[len];
      b.get(text);
      String header = new String(text, StandardCharsets.US_ASCII);
      assertThat(header).endsWith("\n").contains("'fortran_order': False");
      Matcher m = Pattern.compile("'shape': \\(([0-9, ]*)\\)").matcher(header);
      assertThat(m.find()).isTrue();
      long[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
          .mapToLong(Long::parseLong).toArray();
      boolean doubles = header.contains("'<f8'");
      assertThat(doubles || header.contains("'<f4'")).isTrue();
      int n = (int) Arrays.stream(shape).reduce(1, (x, y) -> x * y);
      assertThat(b.remaining()).isEqualTo(n * (doubles ? 8 : 4));
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = doubles ? b.getDouble() : b.getFloat();
      }
      return new Npy(shape, v);
    }
  }
}
