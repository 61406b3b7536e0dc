package org.rewardlab.spark;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rewardlab.core.UserInputException;

/**
 * A Spark master URL as {@code --master} gives it, checked before any Spark context exists: the
 * embedded forms ({@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}), a standalone
 * cluster ({@code spark://host:port}, or several for a high-availability pair), and the forms only
 * {@code spark-submit} sets up ({@code yarn}, {@code k8s://...}), which are passed on unchecked.
 *
 * @param url the URL as given
 * @param localThreads for {@code local[...]}: the thread count (cores for {@code *}); 0 otherwise
 * @param masters for {@code spark://}: the masters' host and port; empty otherwise
 */
record SparkMaster(String url, int localThreads, List<InetSocketAddress> masters) {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|[1-9][0-9]{0,4})(?:,([1-9][0-9]{0,3}))?\\])?");
  private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[[1-9][0-9]*,\\s*[1-9][0-9]*,\\s*[1-9][0-9]*\\]");
  private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]):([0-9]{1,5})");
  static final String FORMS = "use local[*], local[N] or spark://HOST:PORT";

  SparkMaster {
    masters = List.copyOf(masters);
  }

  /** Whether tasks run in this JVM. */
  boolean isLocal() {
    return localThreads > 0 || url.startsWith("local-cluster[");
  }

  /** Whether this is a standalone cluster ({@code spark://}). */
  boolean isStandalone() {
    return !masters.isEmpty();
  }

  /** Whether every master is on this machine (loopback), so the driver can offer a loopback address. */
  boolean allLoopback() {
    if (masters.isEmpty()) return false;
    for (InetSocketAddress a : masters) {
      if (a.isUnresolved() || !a.getAddress().isLoopbackAddress()) return false;
    }
    return true;
  }

  /**
   * Parses {@code url}.
   *
   * @throws UserInputException in one line when it is none of the forms above, or names an unknown host
   */
  static SparkMaster parse(String url) {
    String u = url == null ? "" : url.trim();
    Matcher m = LOCAL.matcher(u);
    if (m.matches()) {
      int threads;
      if (m.group(1) == null) threads = 1;
      else if ("*".equals(m.group(1))) threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      else threads = Integer.parseInt(m.group(1));
      return new SparkMaster(u, threads, List.of());
    }
    if (LOCAL_CLUSTER.matcher(u).matches() || u.equals("yarn") || u.startsWith("k8s://") && u.length() > 6) {
      return new SparkMaster(u, 0, List.of());
    }
    if (u.startsWith("spark://")) {
      List<InetSocketAddress> addrs = new ArrayList<>();
      for (String hp : u.substring("spark://".length()).split(",", -1)) {
        Matcher h = HOST_PORT.matcher(hp.trim());
        int port = h.matches() ? Integer.parseInt(h.group(2)) : -1;
        if (port < 1 || port > 65535) {
          throw new UserInputException("--master " + UserInputException.quote(url),
              "not a Spark master URL (" + UserInputException.quote(hp) + " is not HOST:PORT)", FORMS);
        }
        String host = h.group(1);
        if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
        try {
          addrs.add(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
          throw new UserInputException("--master " + UserInputException.quote(url),
              "unknown host " + UserInputException.quote(host), "check the host name of the master");
        }
      }
      return new SparkMaster(u, 0, addrs);
    }
    throw new UserInputException("--master " + UserInputException.quote(url), "not a Spark master URL", FORMS);
  }

  /**
   * For {@code spark://}: checks that something answers at one of the masters' addresses, waiting at
   * most {@code timeoutMillis} for each, so an unreachable master fails at once instead of Spark's
   * minute of registration retries.
   *
   * @throws UserInputException if none answers
   */
  void checkReachable(int timeoutMillis) {
    if (masters.isEmpty()) return;
    List<String> tried = new ArrayList<>();
    for (InetSocketAddress a : masters) {
      try (Socket s = new Socket()) {
        s.connect(a, timeoutMillis);
        return;
      } catch (ConnectException | SocketTimeoutException e) {
        tried.add(a.getHostString() + ":" + a.getPort());
      } catch (IOException e) {
        tried.add(a.getHostString() + ":" + a.getPort() + " (" + e.getMessage() + ")");
      }
    }
    throw new UserInputException("--master " + UserInputException.quote(url),
        "nothing answers at " + String.join(", ", tried),
        "start the master, or check host and port");
  }
}
