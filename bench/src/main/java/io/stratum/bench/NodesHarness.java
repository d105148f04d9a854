package io.stratum.bench;

import io.stratum.app.Engine;
import io.stratum.app.SampleCorpus;
import io.stratum.app.Stratum;
import io.stratum.corpus.MarkdownConnector;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput with one and with two {@code stratum serve} processes over one PostgreSQL database and
 * one OpenSearch index, on this machine: the sample corpus, the local answer model, C callers
 * sending each request to the next server in turn (a round-robin balancer). Prints, per number of
 * servers and per operation (search, ask), requests per second, p50/p99 latency and each server's
 * resident memory afterwards.
 *
 * <pre>
 *   . .ci/postgres.sh; . .ci/opensearch.sh
 *   bench/run.sh nodes [seconds per phase, default 30] [callers, default 8]
 * </pre>
 *
 * Reads {@code STRATUM_TEST_PG_ADMIN_URL}, {@code _URL}, {@code _USER}, {@code _PASSWORD} and
 * {@code STRATUM_TEST_OPENSEARCH_URL}; makes a fresh database and index prefix, and drops the index
 * afterwards.
 */
public final class NodesHarness {
  private static final Pattern SERVING =
      Pattern.compile("Stratum is serving on http://localhost:(\\d+)");
  private static final List<String> QUESTIONS =
      List.of(
          "How often are customer master keys rotated?",
          "Who approves an emergency key rotation?",
          "What happens to the old key version after rotation?",
          "How is access to the key management service reviewed?");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private NodesHarness() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int callers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Path dir = Files.createTempDirectory("stratum-nodes-bench");
    String db = "stratum_bench_" + UUID.randomUUID().toString().substring(0, 8);
    createDatabase(db);
    String prefix = "stratum-bench-" + UUID.randomUUID().toString().substring(0, 8);
    String pgUrl = env("STRATUM_TEST_PG_URL").replaceFirst("/[^/?]+(\\?|$)", "/" + db + "$1");
    Path config =
        Files.writeString(
            dir.resolve("nodes.tfvars"),
            """
            stratum_database_url = "%s"
            stratum_index_url    = "%s"
            stratum_index_prefix = "%s"
            stratum_rate_limit_per_principal_per_minute = 0
            """
                .formatted(pgUrl, env("STRATUM_TEST_OPENSEARCH_URL"), prefix));
    Map<String, String> childEnv = new HashMap<>();
    childEnv.put("STRATUM_DATABASE_USER", env("STRATUM_TEST_PG_USER"));
    childEnv.put("STRATUM_DATABASE_PASSWORD", env("STRATUM_TEST_PG_PASSWORD"));
    String token;
    try (Stratum setup =
        Engine.open(
            dir.resolve("setup"), Engine.loadConfig(Optional.of(config), childEnv), childEnv)) {
      setup
          .documents()
          .ingest(
              MarkdownConnector.byDirectory(SampleCorpus.extractTo(dir.resolve("corpus"))),
              p -> {});
      token = setup.firstRun().orgAdmin(null).orElseThrow().token();
    }
    System.out.printf(
        Locale.ROOT,
        "nodes bench: %d callers, %d s per phase, %d cores, servers -Xmx1g each%n",
        callers,
        seconds,
        Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| servers | operation | requests/s | p50 ms | p99 ms | errors | RSS per server |");
    System.out.println("|---|---|---|---|---|---|---|");
    try {
      for (int servers = 1; servers <= 2; servers++) {
        List<Process> started = new ArrayList<>();
        try {
          int[] ports = new int[servers];
          for (int n = 0; n < servers; n++) {
            String name = "node-" + servers + "-" + n;
            // one master key for all, as kms_key_arn gives a deployment
            Files.createDirectories(dir.resolve(name));
            Files.copy(
                dir.resolve("setup/audit-master.key"),
                dir.resolve(name).resolve("audit-master.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Process p = spawn(dir, config, childEnv, name);
            started.add(p);
            ports[n] = awaitPort(p, dir.resolve("node-" + servers + "-" + n + ".out"));
          }
          for (String op : List.of("search", "ask")) {
            run(ports, token, op, callers, 5); // warm up the JIT and the connection pools
            Result r = run(ports, token, op, callers, seconds);
            System.out.printf(
                Locale.ROOT,
                "| %d | %s | %.1f | %.1f | %.1f | %d | %s |%n",
                servers,
                op,
                r.count / (double) seconds,
                r.percentile(50),
                r.percentile(99),
                r.errors,
                started.stream().map(NodesHarness::rss).toList());
          }
        } finally {
          for (Process p : started) {
            p.destroy();
            p.waitFor();
          }
        }
      }
    } finally {
      HTTP.send(
          HttpRequest.newBuilder(
                  URI.create(env("STRATUM_TEST_OPENSEARCH_URL") + "/" + prefix + "-*"))
              .DELETE()
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
  }

  private record Result(int count, int errors, long[] nanos) {
    double percentile(int p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }
  }

  private static Result run(int[] ports, String token, String op, int callers, int seconds)
      throws InterruptedException {
    AtomicInteger turn = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    CountDownLatch done = new CountDownLatch(callers);
    AtomicLong seq = new AtomicLong();
    for (int c = 0; c < callers; c++) {
      Thread.ofPlatform()
          .start(
              () -> {
                try {
                  while (System.nanoTime() < end) {
                    int port = ports[Math.floorMod(turn.getAndIncrement(), ports.length)];
                    String q = QUESTIONS.get((int) (seq.getAndIncrement() % QUESTIONS.size()));
                    long t0 = System.nanoTime();
                    boolean ok = call(port, token, op, q);
                    latencies.add(System.nanoTime() - t0);
                    if (!ok) {
                      errors.incrementAndGet();
                    }
                  }
                } finally {
                  done.countDown();
                }
              });
    }
    done.await();
    long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
    return new Result(nanos.length, errors.get(), nanos);
  }

  private static boolean call(int port, String token, String op, String question) {
    String base = "http://127.0.0.1:" + port + "/api/workspaces/security/";
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder().header("Authorization", "Bearer " + token);
      HttpRequest req =
          op.equals("search")
              ? b.uri(URI.create(base + "search?k=6&q=" + question.replace(' ', '+'))).GET().build()
              : b.uri(URI.create(base + "ask"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"" + question + "\"}"))
                  .build();
      HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && (op.equals("search") || r.body().contains("event: done"));
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Process spawn(Path dir, Path config, Map<String, String> env, String name)
      throws IOException {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g",
            "--enable-native-access=ALL-UNNAMED",
            "--add-modules",
            "jdk.incubator.vector",
            "-Dai.djl.offline=true",
            "-Daws.disableEc2Metadata=true",
            "-cp",
            System.getProperty("java.class.path"),
            "io.stratum.app.cli.Main",
            "serve",
            "--port",
            "0",
            "--data",
            dir.resolve(name).toString(),
            "--config",
            config.toString());
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .redirectError(dir.resolve(name + ".err").toFile());
    pb.environment().putAll(env);
    pb.environment().put("STRATUM_STRATUM_NODE_ID", name);
    return pb.start();
  }

  private static int awaitPort(Process p, Path out) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.exists(out)) {
        Matcher m = SERVING.matcher(Files.readString(out));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "a server did not start; see " + out.resolveSibling(out.getFileName() + ".err"));
  }

  /** The process's resident set, from /proc. */
  private static String rss(Process p) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          long kb = Long.parseLong(line.replaceAll("\\D", ""));
          return (kb / 1024) + " MB";
        }
      }
    } catch (IOException e) {
      // gone already
    }
    return "?";
  }

  private static void createDatabase(String name) throws Exception {
    try (Connection c = DriverManager.getConnection(env("STRATUM_TEST_PG_ADMIN_URL"))) {
      c.createStatement()
          .execute("CREATE DATABASE " + name + " OWNER " + env("STRATUM_TEST_PG_USER"));
    }
  }

  private static String env(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(
          name + " is not set: run `. .ci/postgres.sh` and `. .ci/opensearch.sh` first");
    }
    return v;
  }
}
