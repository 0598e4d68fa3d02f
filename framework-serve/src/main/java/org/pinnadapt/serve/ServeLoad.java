package org.pinnadapt.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * A load test of the explorer: N clients, each moving a slider (a new parameter value per request, as a drag sends
 * them) on one run for a given time, as {@code pinnadapt bench serve} runs it. Reports requests per second, latency
 * percentiles, errors, and the server process's resident memory over time.
 */
public final class ServeLoad {

  private ServeLoad() {}

  /**
   * What to run.
   *
   * @param run the run id
   * @param parameter the parameter the clients move, with its range
   * @param min its lower bound
   * @param max its upper bound
   * @param grid the grid of each request, e.g. {@code 101x101}
   * @param clients clients at once
   * @param seconds how long
   */
  public record Settings(String run, String parameter, double min, double max, String grid, int clients,
      double seconds) {}

  /**
   * The outcome.
   *
   * @param requests answered requests
   * @param errors requests not answered 200
   * @param perSecond requests per second
   * @param p50Ms median latency (client side)
   * @param p95Ms 95th percentile latency
   * @param maxMs the slowest
   * @param rssMb the resident memory (MB) sampled every 5 s, first to last
   * @param firstError the first error seen, or null
   */
  public record Result(long requests, long errors, double perSecond, double p50Ms, double p95Ms, double maxMs,
      List<Double> rssMb, String firstError) {

    /** @return the JSON form */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("requests", requests);
      m.put("errors", errors);
      m.put("requests_per_s", perSecond);
      m.put("p50_ms", p50Ms);
      m.put("p95_ms", p95Ms);
      m.put("max_ms", maxMs);
      m.put("rss_mb", rssMb);
      m.put("first_error", firstError);
      return m;
    }
  }

  /**
   * Runs the load against a server.
   *
   * @param server the server's URL
   * @param s what to run
   * @param rssMb the server process's resident memory in MB, sampled every 5 s
   * @param progress a line every 5 s
   * @return the outcome
   * @throws InterruptedException when interrupted
   */
  public static Result run(URI server, Settings s, DoubleSupplier rssMb, Consumer<String> progress)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long end = System.nanoTime() + (long) (s.seconds() * 1e9);
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong errors = new AtomicLong();
    String[] firstError = {null};
    ExecutorService pool = Executors.newFixedThreadPool(s.clients());
    List<Future<?>> clients = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int c = 0; c < s.clients(); c++) {
      int client = c;
      clients.add(pool.submit(() -> client(http, server, s, client, end, latencies, errors, firstError)));
    }
    List<Double> rss = new ArrayList<>();
    rss.add(rssMb.getAsDouble());
    while (System.nanoTime() < end) {
      Thread.sleep(Math.min(5000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      rss.add(rssMb.getAsDouble());
      progress.accept(String.format(Locale.ROOT, "%.0f s: %d requests, %d errors, resident %.0f MB",
          (System.nanoTime() - t0) / 1e9, latencies.size(), errors.get(), rss.get(rss.size() - 1)));
    }
    for (Future<?> f : clients) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        errors.incrementAndGet();
      }
    }
    pool.shutdownNow();
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<Double> sorted;
    synchronized (latencies) {
      sorted = new ArrayList<>(latencies);
    }
    Collections.sort(sorted);
    return new Result(sorted.size(), errors.get(), sorted.size() / seconds, quantile(sorted, 0.5),
        quantile(sorted, 0.95), sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1), rss, firstError[0]);
  }

  /** One client: moves the slider a step per request until the end. */
  private static void client(HttpClient http, URI server, Settings s, int client, long end, List<Double> latencies,
      AtomicLong errors, String[] firstError) {
    Random random = new Random(client);
    double v = s.min() + (s.max() - s.min()) * random.nextDouble();
    double step = (s.max() - s.min()) / 200;
    while (System.nanoTime() < end) {
      v = Math.max(s.min(), Math.min(s.max(), v + step * (random.nextBoolean() ? 1 : -1)));
      URI uri = server.resolve("/api/runs/" + s.run() + "/solve?" + s.parameter() + "="
          + String.format(Locale.ROOT, "%.4f", v) + "&grid=" + s.grid());
      long r0 = System.nanoTime();
      String error = null;
      try {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        latencies.add((System.nanoTime() - r0) / 1e6);
        if (r.statusCode() != 200) {
          error = r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        error = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (error != null) {
        errors.incrementAndGet();
        synchronized (firstError) {
          if (firstError[0] == null) {
            firstError[0] = error;
          }
        }
      }
    }
  }

  private static double quantile(List<Double> sorted, double q) {
    return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
  }
}
