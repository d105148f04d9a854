package io.stratum.app.cli;

import io.stratum.app.Stratum;
import io.stratum.app.http.HttpApi;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/** Serves until the process is interrupted, then closes the server and the data cleanly. */
final class Serving {
  private Serving() {}

  static HttpApi start(Stratum stratum, String host, int port, PrintWriter out) {
    HttpApi api = HttpApi.start(stratum, host, port);
    out.println("Stratum is serving on http://" + displayHost(host) + ":" + api.port());
    out.flush();
    return api;
  }

  static void untilInterrupted(Stratum stratum, HttpApi api) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  api.close();
                  stratum.close();
                  stopped.countDown();
                },
                "stratum-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String displayHost(String host) {
    return host.equals("127.0.0.1") || host.equals("0.0.0.0") ? "localhost" : host;
  }
}
