package org.pinnadapt.sweep;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pinnadapt.api.base.InvalidInputException;

/**
 * A Spark master URL, checked before anything starts: {@code local[N]} (embedded), or {@code spark://HOST:PORT}
 * (a standalone cluster; several masters separated by commas), which must answer.
 *
 * @param url the URL Spark gets ({@code local[N,F]} for local mode: F attempts per task)
 * @param local whether Spark runs embedded
 * @param hosts the standalone masters' {@code host:port}
 */
record SparkMaster(String url, boolean local, List<String> hosts) {

  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?\\])?");
  private static final Pattern STANDALONE = Pattern.compile("spark://([^,/:]+:\\d+(,[^,/:]+:\\d+)*)/?");
  private static final int CONNECT_MILLIS = 3000;

  static SparkMaster parse(String master, int workers, int attempts) {
    if (master == null || master.isBlank()) {
      return new SparkMaster("local[" + workers + "," + attempts + "]", true, List.of());
    }
    String m = master.trim();
    if (LOCAL.matcher(m).matches()) {
      return new SparkMaster(m, true, List.of());
    }
    Matcher s = STANDALONE.matcher(m);
    if (s.matches()) {
      return new SparkMaster("spark://" + s.group(1), false, List.of(s.group(1).split(",")));
    }
    if (m.equals("yarn") || m.startsWith("k8s://") || m.startsWith("mesos://")) {
      throw new InvalidInputException("--master " + m + ": this build ships Spark's core only (embedded local[N] "
          + "and standalone spark://HOST:PORT clusters); YARN and Kubernetes need spark-yarn or spark-kubernetes");
    }
    throw new InvalidInputException("--master " + m + ": not a Spark master URL (spark://HOST:PORT or local[N])");
  }

  /** Refuses a standalone master that does not accept a connection (none of them, when there are several). */
  void checkReachable() {
    List<String> why = new ArrayList<>();
    for (String h : hosts) {
      int colon = h.lastIndexOf(':');
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(h.substring(0, colon), Integer.parseInt(h.substring(colon + 1))),
            CONNECT_MILLIS);
        return;
      } catch (UnknownHostException e) {
        why.add(h + ": unknown host");
      } catch (IOException | IllegalArgumentException e) {
        why.add(h + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      }
    }
    if (!why.isEmpty()) {
      throw new InvalidInputException("--master " + url + ": cannot reach the Spark master (" + String.join("; ", why)
          + "); is it running?");
    }
  }

  /** @return whether the masters are on this machine's loopback (the driver then binds there too) */
  boolean loopback() {
    if (local) {
      return true;
    }
    for (String h : hosts) {
      try {
        if (!InetAddress.getByName(h.substring(0, h.lastIndexOf(':'))).isLoopbackAddress()) {
          return false;
        }
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return true;
  }
}
