package org.pinnadapt.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Experiment;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.RunResult;

/**
 * The explorer's JSON API over HTTP against real runs made here: a tiny HyperPINN on Kovasznay (it predicts any
 * Re), a tiny LoRA run (its trained tasks only), a corrupt run folder and a link out of the runs folder.
 */
class ExplorerApiTest {

  @TempDir static Path runs;
  @TempDir static Path outside;
  static PinnAdapt pa;
  static ExplorerServer server;
  static RunResult hyper;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    pa = PinnAdapt.builder().optDevice("cpu").optThreads(1).build();
    hyper = train("hyper", Map.of("hidden", "8", "rank", 2, "train-tasks", 2));
    train("lora", Map.of("rank", 2));
    Map<String, Object> cdr = new LinkedHashMap<>(Map.of("pde", "cdr", "strategy", "pinn", "tasks",
        "beta=1,nu=0,rho=0", "architecture-options", Map.of("width", 8, "depth", 1), "epochs", 2, "collocation", 64,
        "trainer", "adam", "checkpoint-every", 0, "figures", false));
    cdr.put("out", runs.resolve("cdr").toString());
    Experiment.run(pa, ExperimentConfig.fromMap(cdr, "test"), false, TrainingListener.NONE, s -> { }, null);
    Path sweep = Files.createDirectories(runs.resolve("sweep1")); // the files a sweep folder has
    Files.writeString(sweep.resolve("sweep.json"), "{\"tasks\": \"Re=40\", \"base\": {\"pde\": \"kovasznay\", "
        + "\"strategy\": \"lora\"}}");
    Files.writeString(sweep.resolve("cells.csv"), "cell,task,rank,seed,status,mse,rel_l2,epochs,wall_s,worker,error\n"
        + "Re=40_rank=2_seed=1,Re=40,2,1,finished,1e-3,2e-2,3,0.5,vm:1,\n");
    Path corrupt = Files.createDirectories(runs.resolve("corrupt"));
    Files.writeString(corrupt.resolve("config.json"), "{ not json");
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(runs.resolve("hyper").resolve("escape.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(runs.resolve("linked"), outside);
    server = ExplorerServer.start(runs, "127.0.0.1", 0, c -> pa, 2);
  }

  static RunResult train(String strategy, Map<String, Object> options) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pde", "kovasznay");
    m.put("strategy", strategy);
    m.put("strategy-options", options);
    m.put("tasks", "Re=40;Re=60");
    m.put("architecture-options", Map.of("width", 8, "depth", 1));
    m.put("epochs", 3);
    m.put("collocation", 64);
    m.put("boundary", 16);
    m.put("grid", "6x6");
    m.put("trainer", "adam");
    m.put("checkpoint-every", 0);
    m.put("out", runs.resolve(strategy).toString());
    return Experiment.run(pa, ExperimentConfig.fromMap(m, "test"), false, TrainingListener.NONE, s -> { }, null);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    pa.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode ok(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static String refused(String path, int status) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
    return JSON.readTree(r.body()).get("error").asText();
  }

  @Test
  void theRunsListShowsEveryRunWithItsErrorsAndTheCorruptOneAsBroken() throws Exception {
    JsonNode list = ok("/api/runs").get("runs");
    Map<String, JsonNode> byId = new HashMap<>();
    list.forEach(r -> byId.put(r.get("id").asText(), r));
    assertThat(byId).containsKeys("hyper", "lora", "corrupt").doesNotContainKey("linked");
    JsonNode h = byId.get("hyper");
    assertThat(h.get("pde").asText()).isEqualTo("kovasznay");
    assertThat(h.get("strategy").asText()).isEqualTo("hyper");
    assertThat(h.get("folder").asText()).isEqualTo("hyper");
    assertThat(h.get("rel_l2").asDouble()).isEqualTo(hyper.mean().get("rel_l2"));
    assertThat(h.get("broken").asBoolean()).isFalse();
    assertThat(byId.get("corrupt").get("broken").asBoolean()).isTrue();
    assertThat(byId.get("corrupt").get("reason").asText()).isNotBlank();
  }

  @Test
  void aSweepIsListedWithItsCells() throws Exception {
    JsonNode list = ok("/api/runs").get("runs");
    JsonNode sweep = null;
    for (JsonNode r : list) {
      if (r.get("id").asText().equals("sweep1")) {
        sweep = r;
      }
    }
    assertThat(sweep).isNotNull();
    assertThat(sweep.get("kind").asText()).isEqualTo("sweep");
    assertThat(sweep.get("strategy").asText()).isEqualTo("lora");
    JsonNode detail = ok("/api/runs/sweep1");
    assertThat(detail.get("cells")).hasSize(1);
    assertThat(detail.get("cells").get(0).get("cell").asText()).isEqualTo("Re=40_rank=2_seed=1");
    assertThat(detail.get("config").get("tasks").asText()).isEqualTo("Re=40");
  }

  @Test
  void oneRunHasItsConfigurationMetricsHistoryAndFigures() throws Exception {
    JsonNode run = ok("/api/runs/hyper");
    assertThat(run.get("config").get("strategy").asText()).isEqualTo("hyper");
    assertThat(run.get("metrics").get("tasks")).hasSize(2);
    JsonNode lora = ok("/api/runs/lora").get("history"); // the per-task trainings' loss curves, per term
    assertThat(lora.fieldNames()).toIterable().containsExactly("Re=40", "Re=60");
    assertThat(lora.get("Re=40")).hasSize(3);
    assertThat(lora.get("Re=40").get(0).get("terms").fieldNames()).toIterable().isNotEmpty();
    JsonNode figures = run.get("figures");
    assertThat(figures).isNotEmpty();
    HttpResponse<String> png = get("/api/runs/hyper/files/" + figures.get(0).asText());
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("content-type")).hasValue("image/png");
    assertThat(ok("/api/runs/corrupt").get("broken").asBoolean()).isTrue(); // shown as broken, never a 500
  }

  @Test
  void aHyperRunSolvesAnyParameterInRangeAndItsErrorIsTheOneComputedInJava() throws Exception {
    JsonNode s = ok("/api/runs/hyper/solve?Re=55.5&grid=21x11");
    assertThat(s.get("task").asText()).contains("55.5");
    assertThat(s.get("inputs")).hasSize(2);
    assertThat(s.get("axes").get(0)).hasSize(21);
    assertThat(s.get("axes").get(1)).hasSize(11);
    for (String part : List.of("prediction", "reference", "abs_error")) {
      assertThat(s.get(part).get("u")).as(part).hasSize(21 * 11);
    }
    double p = s.get("prediction").get("v").get(17).asDouble();
    double r = s.get("reference").get("v").get(17).asDouble();
    assertThat(s.get("abs_error").get("v").get(17).asDouble()).isCloseTo(Math.abs(p - r), org.assertj.core.data
        .Offset.offset(1e-6)); // values travel in single precision
    assertThat(s.get("ms").asDouble()).isPositive();
    JsonNode onlyV = ok("/api/runs/hyper/solve?Re=55.5&grid=21x11&fields=v");
    assertThat(onlyV.get("prediction").fieldNames()).toIterable().containsExactly("v");
    assertThat(onlyV.get("prediction").get("v").get(17).asDouble()).isEqualTo(p);
    // a trained task solved through the API has the error the run recorded on its grid
    JsonNode trained = ok("/api/runs/hyper/solve?Re=40&grid=6x6");
    assertThat(trained.get("rel_l2").asDouble()).isCloseTo(hyper.tasks().get(0).errors().relL2(),
        org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aTimeDependentRunIsSolvedOverSpaceAndTimeOrAtATimeSlice() throws Exception {
    JsonNode st = ok("/api/runs/cdr/solve?beta=1&nu=0&rho=0&grid=21x11");
    assertThat(st.get("inputs").toString()).isEqualTo("[\"x\",\"t\"]");
    assertThat(st.get("prediction").get("u")).hasSize(21 * 11);
    assertThat(st.get("time").isNull()).isTrue();
    JsonNode slice = ok("/api/runs/cdr/solve?beta=1&nu=0&rho=0&grid=21&t=0.5");
    assertThat(slice.get("inputs").toString()).isEqualTo("[\"x\"]");
    assertThat(slice.get("time").asDouble()).isEqualTo(0.5);
    assertThat(slice.get("prediction").get("u")).hasSize(21);
    assertThat(refused("/api/runs/cdr/solve?beta=1&nu=0&rho=0&grid=21&t=7", 400)).contains("outside the time range");
    assertThat(refused("/api/runs/cdr/solve?beta=1&nu=0&rho=0&grid=21x11&t=0.5", 400)).contains("needs 1 sizes");
  }

  @Test
  void badRequestsAreRefusedWithAMessageNamingTheCulprit() throws Exception {
    assertThat(refused("/api/runs/hyper/solve?Re=1000", 400)).contains("Re=1000").contains("outside its range");
    assertThat(refused("/api/runs/hyper/solve?nu=3", 400)).contains("unknown parameter 'nu'");
    assertThat(refused("/api/runs/hyper/solve?Re=abc", 400)).contains("Re=abc").contains("not a number");
    assertThat(refused("/api/runs/hyper/solve?grid=10", 400)).contains("grid=10").contains("needs 2 sizes");
    assertThat(refused("/api/runs/hyper/solve?grid=10xfoo", 400)).contains("'foo' is not a size");
    assertThat(refused("/api/runs/hyper/solve?grid=1000x1000", 400)).contains("the cap");
    assertThat(refused("/api/runs/hyper/solve?t=0.5", 400)).contains("steady");
    assertThat(refused("/api/runs/hyper/solve?fields=w", 400)).contains("no field 'w'");
    assertThat(refused("/api/runs/lora/solve?Re=55", 400)).contains("solves only the tasks it was trained on");
    assertThat(ok("/api/runs/lora/solve?Re=60&grid=5x5").get("prediction").get("u")).hasSize(25);
    assertThat(refused("/api/runs/nope", 404)).contains("no run nope");
    assertThat(refused("/api/runs/corrupt/solve?Re=50", 409)).contains("cannot be opened");
    assertThat(refused("/api/nothing", 404)).contains("no page");
  }

  @Test
  void onlyFilesUnderTheRunsFolderAreServed() throws Exception {
    assertThat(get("/api/runs/hyper/files/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(400);
    assertThat(raw("GET /api/runs/hyper/files/../../../etc/passwd HTTP/1.1")).doesNotContain("root:");
    assertThat(raw("GET /api/runs/hyper/files/%2e%2e/%2e%2e/%2e%2e/etc/passwd HTTP/1.1")).doesNotContain("root:");
    assertThat(refused("/api/runs/hyper/files/escape.txt", 400)).contains("outside the runs folder");
    assertThat(refused("/api/runs/linked", 400)).contains("outside the runs folder");
    assertThat(refused("/api/runs/hyper:..:..", 400)).contains("not a run id");
    assertThat(refused("/api/runs/hyper/files/config.json.missing", 404)).contains("no file");
    assertThat(get("/static/../../module-info.class").statusCode()).isIn(400, 404);
    assertThat(get("/static/Explorer.class").statusCode()).isEqualTo(404);
  }

  /** A request sent as written, without the client's normalization of the path. */
  static String raw(String requestLine) throws Exception {
    try (java.net.Socket socket = new java.net.Socket(server.uri().getHost(), server.uri().getPort())) {
      socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void thePagesAndTheChartLibraryAreServedFromTheJars() throws Exception {
    assertThat(get("/").body()).contains("pinnadapt runs");
    assertThat(get("/run?id=hyper").body()).contains("/webjars/echarts.min.js");
    assertThat(get("/explore?id=hyper").body()).contains("map-prediction");
    HttpResponse<String> echarts = get("/webjars/echarts.min.js");
    assertThat(echarts.statusCode()).isEqualTo(200);
    assertThat(echarts.body().length()).isGreaterThan(500_000);
    assertThat(ok("/api/runs/hyper/parameters").get("predicts_new_tasks").asBoolean()).isTrue();
    assertThat(ok("/api/runs/lora/parameters").get("predicts_new_tasks").asBoolean()).isFalse();
  }

  @Test
  void concurrentRequestsOnSeveralRunsAreSafeAndTheCacheStaysBounded() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 48; i++) {
        String path = i % 3 == 0 ? "/api/runs/lora/solve?Re=40&grid=9x9"
            : "/api/runs/hyper/solve?Re=" + (30 + i) + "&grid=15x15";
        answers.add(pool.submit(() -> get(path).statusCode()));
      }
      for (Future<Integer> a : answers) {
        assertThat(a.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.solver().openRuns()).isLessThanOrEqualTo(2);
  }

  @Test
  void theCacheKeepsItsMemoryBoundAndAnEvictedRunIsLoadedAgain() throws Exception {
    try (ExplorerServer small = ExplorerServer.start(runs, "127.0.0.1", 0, c -> pa, 4, 1)) { // 1 byte: one run
      HttpClient http = HttpClient.newHttpClient();
      for (String path : List.of("/api/runs/hyper/solve?Re=50&grid=5x5", "/api/runs/lora/solve?Re=40&grid=5x5",
          "/api/runs/hyper/solve?Re=51&grid=5x5")) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(small.uri().resolve(path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(small.solver().openRuns()).isEqualTo(1);
      }
    }
  }
}
