package io.stratum.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gateway benchmark, side by side in one run on one machine against one upstream: a fast local
 * OpenAI-compatible responder ({@link FastUpstream}), called (a) directly, (b) through Stratum's
 * gateway ({@code stratum serve} in its own JVM, its Mantle endpoint pointed at the responder; a
 * token's call is authenticated, checked against the workspace's roles and tier, reserved against
 * its budget, dispatched, settled and audited) and (c) through the Portkey open-source gateway
 * ({@code @portkey-ai/gateway}, its own Node process, {@code x-portkey-custom-host} pointed at the
 * responder). At concurrency 1 and 16 it prints p50/p99 latency, the latency added over the direct
 * call, and throughput, as a Markdown table.
 *
 * <p>Usage: {@code java [-Dbench.dir=DIR] -cp benchmarks.jar io.stratum.bench.GatewayHarness
 * PORTKEY_DIR [SECONDS [WARM_UP_SECONDS]]} ({@code bench/gateway.sh} builds and runs it).
 *
 * <p>Each load is measured after its own warm-up, 30 s by default: Stratum's JIT compiler was still
 * taking half a core 20 s into a load, so a short warm-up measures the compiler, not the gateway.
 */
public final class GatewayHarness {
  static final String ADMIN = "stt_bench-admin-token-0123456789abcdef";
  static final String QUESTION = "How often are customer master keys rotated?";

  public static void main(String[] args) throws Exception {
    Path portkeyDir = Path.of(args.length > 0 ? args[0] : "bench/portkey");
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    // -Dbench.dir=/dev/shm puts Stratum's store on tmpfs: what the per-call commits cost on disk
    Path work =
        Files.createTempDirectory(
            Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
            "stratum-gateway-bench");
    List<Process> children = new ArrayList<>();
    try (FastUpstream upstream = new FastUpstream()) {
      Map<String, LoadRun> targets = new LinkedHashMap<>();
      String chat =
          "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}]}";
      targets.put(
          "direct",
          new LoadRun(
              upstream.base() + "/v1/chat/completions",
              Map.of("Authorization", "Bearer bench"),
              chat.formatted("qwen.qwen3-32b"),
              "365 days"));
      int stratumPort = freePort();
      children.add(stratum(work, upstream.base(), stratumPort));
      String stratumBase = "http://127.0.0.1:" + stratumPort;
      waitFor(URI.create(stratumBase + "/readyz"), "Stratum");
      post(stratumBase + "/api/workspaces", "{\"id\":\"bench\",\"name\":\"Bench\"}");
      targets.put(
          "stratum",
          new LoadRun(
              stratumBase + "/v1/chat/completions",
              Map.of("Authorization", "Bearer " + ADMIN, "X-Stratum-Workspace", "bench"),
              chat.formatted("stratum-advanced"),
              "365 days"));
      Path portkey = portkeyDir.resolve("node_modules/@portkey-ai/gateway/build/start-server.js");
      if (Files.isRegularFile(portkey)) {
        int portkeyPort = freePort();
        children.add(
            start(
                List.of("node", portkey.toString(), "--port=" + portkeyPort, "--headless"),
                work.resolve("portkey.log"),
                Map.of()));
        waitFor(URI.create("http://127.0.0.1:" + portkeyPort + "/"), "Portkey");
        targets.put(
            "portkey",
            new LoadRun(
                "http://127.0.0.1:" + portkeyPort + "/v1/chat/completions",
                Map.of(
                    "Authorization", "Bearer bench",
                    "x-portkey-provider", "openai",
                    "x-portkey-custom-host", upstream.base() + "/v1"),
                chat.formatted("qwen.qwen3-32b"),
                "365 days"));
      } else {
        System.err.println(
            "Portkey is not installed (" + portkey + "): run `npm ci --prefix " + portkeyDir + "`");
      }
      for (Map.Entry<String, LoadRun> t : targets.entrySet()) {
        t.getValue().once(); // each answers, with the upstream's body, before it is measured
      }
      report(targets, seconds, warmUp);
    } finally {
      for (Process p : children) {
        p.destroy();
        p.waitFor();
      }
    }
  }

  private static void report(Map<String, LoadRun> targets, int seconds, int warmUp)
      throws Exception {
    System.out.printf(
        "%nGateway benchmark: %d s per load after %d s of warm-up, %d cores, Java %s%n%n",
        seconds, warmUp, Runtime.getRuntime().availableProcessors(), Runtime.version());
    System.out.println(
        "| target | C | requests | errors | throughput (req/s) | p50 (ms) | p99 (ms)"
            + " | p50 added (ms) | p99 added (ms) |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int c : List.of(1, 16)) {
      LoadRun.Result direct = null;
      for (Map.Entry<String, LoadRun> t : targets.entrySet()) {
        t.getValue().run(c, Duration.ofSeconds(warmUp));
        LoadRun.Result r = t.getValue().run(c, Duration.ofSeconds(seconds));
        if (direct == null) {
          direct = r;
        }
        System.out.printf(
            Locale.ROOT,
            "| %s | %d | %d | %d | %.0f | %.3f | %.3f | %s | %s |%n",
            t.getKey(),
            c,
            r.requests(),
            r.errors(),
            r.throughput(),
            r.percentileMillis(50),
            r.percentileMillis(99),
            r == direct
                ? "–"
                : "%.3f".formatted(r.percentileMillis(50) - direct.percentileMillis(50)),
            r == direct
                ? "–"
                : "%.3f".formatted(r.percentileMillis(99) - direct.percentileMillis(99)));
      }
    }
  }

  /** {@code stratum serve} in its own JVM, its Bedrock endpoints pointed at the responder. */
  private static Process stratum(Path work, String upstream, int port) throws IOException {
    Path config =
        Files.writeString(
            work.resolve("terraform.tfvars"),
            """
            bedrock_advanced_model_id = "qwen.qwen3-32b"
            bedrock_basic_model_id = "qwen.qwen3-32b"
            bedrock_endpoint_url = "%s"
            bedrock_mantle_endpoint_url = "%s"
            stratum_rate_limit_per_principal_per_minute = 0
            stratum_rate_limit_per_address_per_minute = 0
            """
                .formatted(upstream, upstream));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    return start(
        List.of(
            java,
            "-Xmx1g",
            "-XX:+UseParallelGC",
            "--enable-native-access=ALL-UNNAMED",
            "-Dai.djl.offline=true",
            "-Daws.disableEc2Metadata=true",
            "-cp",
            cp,
            "io.stratum.app.cli.Main",
            "serve",
            "--config",
            config.toString(),
            "--data",
            work.resolve("data").toString(),
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(port)),
        work.resolve("stratum.log"),
        Map.of(
            "STRATUM_ADMIN_TOKEN", ADMIN,
            "AWS_BEARER_TOKEN_BEDROCK", "bench-key",
            "AWS_EC2_METADATA_DISABLED", "true",
            "DJL_OFFLINE", "true"));
  }

  private static Process start(List<String> command, Path log, Map<String, String> env)
      throws IOException {
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.redirectOutput(log.toFile());
    b.environment().putAll(env);
    b.directory(new File("."));
    return b.start();
  }

  private static void waitFor(URI uri, String what) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (int i = 0; i < 1200; i++) {
        try {
          if (http.send(
                      HttpRequest.newBuilder(uri).GET().build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode()
              == 200) {
            return;
          }
        } catch (IOException e) {
          // not up yet
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(what + " did not answer " + uri + " within 120 s");
  }

  private static void post(String url, String body) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Authorization", "Bearer " + ADMIN)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
