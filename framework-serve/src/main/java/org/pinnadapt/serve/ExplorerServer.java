package org.pinnadapt.serve;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.io.Json;

/**
 * The explorer's web server (Jetty): the pages, the ECharts WebJar, the runs' figures and the JSON API.
 *
 * <ul>
 *   <li>{@code GET /api/runs}: one object per run and sweep folder;</li>
 *   <li>{@code GET /api/runs/{id}}: its configuration, metrics, history and figures;</li>
 *   <li>{@code GET /api/runs/{id}/parameters}: what the run can be asked;</li>
 *   <li>{@code GET /api/runs/{id}/solve?P=V...&grid=NXxNY[&t=T]}: a solution on a grid;</li>
 *   <li>{@code GET /api/runs/{id}/files/PATH}: a file of the run (figures).</li>
 * </ul>
 * Refused requests answer a JSON {@code {"error": "..."}} with status 400 or 404, never a stack trace.
 */
public final class ExplorerServer implements AutoCloseable {

  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
      "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png", "json",
      "application/json", "csv", "text/csv; charset=utf-8", "svg", "image/svg+xml", "txt", "text/plain; charset=utf-8");

  /** Answers without indentation: a 101 x 101 field is a third the size. */
  private static final ObjectWriter COMPACT = Json.json().writer().without(SerializationFeature.INDENT_OUTPUT);

  private final Server server;
  private final RunIndex index;
  private final Solver solver;
  private final String echarts;

  private ExplorerServer(Server server, RunIndex index, Solver solver) {
    this.server = server;
    this.index = index;
    this.solver = solver;
    this.echarts = "META-INF/resources/webjars/echarts/" + version() + "/dist/echarts.min.js";
  }

  /**
   * Starts the server.
   *
   * @param runs the runs folder
   * @param bind the address to bind ({@code 127.0.0.1} by default: this machine only)
   * @param port the port (0: any free one)
   * @param frameworks the framework of a run's configuration
   * @param cachedRuns runs kept open at most
   * @return the started server
   * @throws Exception when the port cannot be bound
   */
  public static ExplorerServer start(Path runs, String bind, int port, Function<ExperimentConfig, PinnAdapt> frameworks,
      int cachedRuns) throws Exception {
    return start(runs, bind, port, frameworks, cachedRuns, 1L << 30);
  }

  /**
   * Starts the server with a memory bound on the loaded runs.
   *
   * @param runs the runs folder
   * @param bind the address to bind
   * @param port the port (0: any free one)
   * @param frameworks the framework of a run's configuration
   * @param cachedRuns runs kept open at most
   * @param cacheBytes their saved arrays' size at most (the most recent run is kept in any case)
   * @return the started server
   * @throws Exception when the port cannot be bound
   */
  public static ExplorerServer start(Path runs, String bind, int port, Function<ExperimentConfig, PinnAdapt> frameworks,
      int cachedRuns, long cacheBytes) throws Exception {
    RunIndex index = new RunIndex(runs);
    QueuedThreadPool threads = new QueuedThreadPool(32, 4);
    threads.setName("explorer");
    threads.setDaemon(true);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(bind);
    connector.setPort(port);
    server.addConnector(connector);
    ExplorerServer s = new ExplorerServer(server, index, new Solver(index, frameworks, cachedRuns, cacheBytes));
    server.setHandler(s.new Routes());
    server.setStopAtShutdown(false);
    try {
      server.start();
    } catch (Exception e) { // a port taken, an address not here: nothing left running
      s.close();
      throw e;
    }
    return s;
  }

  /** @return the URL the server answers on */
  public URI uri() {
    ServerConnector c = (ServerConnector) server.getConnectors()[0];
    String host = c.getHost() == null || c.getHost().equals("0.0.0.0") ? "127.0.0.1" : c.getHost();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + c.getLocalPort() + "/");
  }

  /** @return the solver (its cache) */
  public Solver solver() {
    return solver;
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping: nothing more to do
    } finally {
      solver.close();
    }
  }

  private static String version() {
    try (InputStream in = ExplorerServer.class.getResourceAsStream("serve.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("echarts.version");
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("framework-serve's serve.properties is missing", e);
    }
  }

  /** The routes. */
  private final class Routes extends Handler.Abstract {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      try {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
          throw new HttpError(405, "only GET is served");
        }
        route(Request.getPathInContext(request), request, response, callback);
      } catch (HttpError e) {
        json(response, callback, e.status(), Map.of("error", e.getMessage()));
      } catch (RuntimeException e) {
        json(response, callback, 500, Map.of("error", "internal error: " + Solver.firstLine(e)));
      }
      return true;
    }

    private void route(String path, Request request, Response response, Callback callback) {
      if (path.equals("/") || path.equals("/index.html")) {
        page(response, callback, "index.html");
      } else if (path.equals("/run") || path.equals("/explore")) {
        page(response, callback, path.substring(1) + ".html");
      } else if (path.startsWith("/static/")) {
        String name = path.substring("/static/".length());
        if (!name.matches("[a-z-]+\\.(js|css)")) {
          throw new HttpError(404, "no page " + path);
        }
        page(response, callback, name);
      } else if (path.equals("/webjars/echarts.min.js")) {
        bytes(response, callback, 200, "js", webjar());
      } else if (path.equals("/api/runs")) {
        json(response, callback, 200, Map.of("runs", index.list()));
      } else if (path.startsWith("/api/runs/")) {
        api(path.substring("/api/runs/".length()), request, response, callback);
      } else {
        throw new HttpError(404, "no page " + path);
      }
    }

    private void api(String rest, Request request, Response response, Callback callback) {
      int slash = rest.indexOf('/');
      String id = decode(slash < 0 ? rest : rest.substring(0, slash));
      String what = slash < 0 ? "" : rest.substring(slash + 1);
      if (what.isEmpty()) {
        json(response, callback, 200, index.detail(id));
      } else if (what.equals("solve")) {
        json(response, callback, 200, solver.solve(id, query(request)));
      } else if (what.equals("parameters")) {
        json(response, callback, 200, solver.describe(id));
      } else if (what.startsWith("files/")) {
        Path f = index.file(id, decode(what.substring("files/".length())));
        String name = f.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!TYPES.containsKey(ext)) {
          throw new HttpError(404, "file type of '" + name + "' is not served");
        }
        try {
          bytes(response, callback, 200, ext, Files.readAllBytes(f));
        } catch (IOException e) {
          throw new HttpError(404, "file '" + name + "' cannot be read");
        }
      } else {
        throw new HttpError(404, "no API /api/runs/" + rest);
      }
    }

    private Map<String, String> query(Request request) {
      Map<String, String> q = new LinkedHashMap<>();
      Fields fields = Request.extractQueryParameters(request);
      for (Fields.Field f : fields) {
        if (f.getValues().size() > 1) {
          throw new HttpError(400, "parameter '" + f.getName() + "' is given more than once");
        }
        q.put(f.getName(), f.getValue());
      }
      return q;
    }

    private String decode(String s) {
      try {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new HttpError(400, "malformed path '" + s + "'");
      }
    }

    private void page(Response response, Callback callback, String name) {
      try (InputStream in = ExplorerServer.class.getResourceAsStream("web/" + name)) {
        if (in == null) {
          throw new HttpError(404, "no page " + name);
        }
        bytes(response, callback, 200, name.substring(name.lastIndexOf('.') + 1), in.readAllBytes());
      } catch (IOException e) {
        throw new HttpError(404, "no page " + name);
      }
    }

    private byte[] webjar() {
      try (InputStream in = ClassLoader.getSystemClassLoader().getResourceAsStream(echarts)) {
        InputStream s = in != null ? in : ExplorerServer.class.getClassLoader().getResourceAsStream(echarts);
        if (s == null) {
          throw new HttpError(404, "the ECharts WebJar is not on the class path (" + echarts + ")");
        }
        try (s) {
          return s.readAllBytes();
        }
      } catch (IOException e) {
        throw new HttpError(404, "the ECharts WebJar cannot be read");
      }
    }
  }

  private static void json(Response response, Callback callback, int status, Object value) {
    byte[] body;
    try {
      body = COMPACT.writeValueAsBytes(value);
    } catch (IOException e) {
      status = 500;
      body = "{\"error\":\"the answer cannot be written as JSON\"}".getBytes(StandardCharsets.UTF_8);
    }
    bytes(response, callback, status, "json", body);
  }

  private static void bytes(Response response, Callback callback, int status, String ext, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPES.getOrDefault(ext, "application/octet-stream"));
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
