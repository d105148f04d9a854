package io.stratum.app.cli;

import io.stratum.app.Stratum;
import io.stratum.app.config.BrowserSettings;
import io.stratum.app.http.HttpApi;
import io.stratum.app.http.PortInUseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;

/** Serves until the process is interrupted, then closes the server and the data cleanly. */
final class Serving {
  private Serving() {}

  static HttpApi start(
      Stratum stratum, String host, int port, BrowserSettings browser, PrintWriter out) {
    HttpApi api = HttpApi.start(stratum, host, port, browser);
    out.println("Stratum is serving on http://" + displayHost(host) + ":" + api.port());
    out.flush();
    return api;
  }

  /** Blocks until the process is asked to stop, then closes {@code resources} in order. */
  static void untilInterrupted(String name, AutoCloseable... resources) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (AutoCloseable r : resources) {
                    try {
                      r.close();
                    } catch (Exception e) {
                      System.err.println(name + ": closing " + r + " failed: " + e.getMessage());
                    }
                  }
                  stopped.countDown();
                },
                name + "-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Fails fast, before minutes of ingest, when the port is already taken. The real bind later
   * reports the same way if the port is taken in between.
   */
  static void requireFree(String host, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new PortInUseException(port);
    }
  }

  static String displayHost(String host) {
    return host.equals("127.0.0.1") || host.equals("0.0.0.0") ? "localhost" : host;
  }
}
