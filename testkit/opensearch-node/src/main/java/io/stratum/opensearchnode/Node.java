package io.stratum.opensearchnode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * One OpenSearch 3.5 node with the k-NN plugin, on 127.0.0.1, for the test suite: {@code
 * .ci/opensearch.sh} runs it in a JVM of its own (OpenSearch brings Lucene 10.3, Stratum 10.6).
 *
 * <p>Usage: {@code Node DIR [HTTP_PORT]}. It keeps its data and logs under DIR, listens on
 * HTTP_PORT (a free one when 0 or absent), writes that port to {@code DIR/http.port} once the
 * cluster is green, and stops on SIGTERM.
 */
public final class Node {
  private Node() {}

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } catch (Exception | Error e) {
      // The node's threads would keep a failed JVM alive: make the failure the process's end.
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: Node DIR [HTTP_PORT]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath();
    int http = args.length == 2 ? Integer.parseInt(args[1]) : 0;
    int httpPort = http == 0 ? freePort() : http;
    int transportPort = freePort();
    long started = System.nanoTime();

    OpenSearchRunner runner = new OpenSearchRunner();
    runner.setMaxHttpPort(65535);
    runner.onBuild(
        (number, settings) -> {
          settings.put("http.port", httpPort);
          settings.put("transport.port", transportPort);
          settings.put("network.host", "127.0.0.1");
          // A test node on a shared disk: never go read-only because the disk is fairly full.
          settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
        });
    runner.build(
        OpenSearchRunner.newConfigs()
            .basePath(dir.toString())
            .numOfNode(1)
            .clusterName("stratum-test")
            .disableESLogger()
            .pluginTypes("org.opensearch.knn.plugin.KNNPlugin"));
    try {
      runner.ensureGreen();
    } catch (RuntimeException e) {
      runner.close();
      throw e;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    runner.close();
                  } catch (IOException e) {
                    System.err.println("closing the node failed: " + e);
                  }
                  stopped.countDown();
                }));
    Files.writeString(dir.resolve("http.port.tmp"), String.valueOf(httpPort));
    Files.move(
        dir.resolve("http.port.tmp"),
        dir.resolve("http.port"),
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    System.out.printf(
        "OpenSearch node green on http://127.0.0.1:%d in %.1f s%n",
        httpPort, (System.nanoTime() - started) / 1e9);
    stopped.await();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
