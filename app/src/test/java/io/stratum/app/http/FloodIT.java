package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.access.Principal;
import io.stratum.app.Setup;
import io.stratum.app.Stratum;
import io.stratum.app.config.RateLimits;
import io.stratum.audit.AuditLog;
import io.stratum.audit.AuditRecord;
import io.stratum.testing.TermEmbedder;
import io.stratum.testkit.ScriptedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of wrong tokens (issue #19): eight clients, six on the API and two on {@code /mcp}, send
 * as fast as they can for 15 seconds. The server limits failed sign-ins per source address before
 * checking them and aggregates the audit records, so the store barely grows.
 */
class FloodIT {
  static final int CLIENTS = 8;
  static final Duration FLOOD = Duration.ofSeconds(15);

  @Test
  void eight_clients_with_wrong_tokens_for_15_seconds_get_429s_and_grow_the_store_by_under_1_mb(
      @TempDir Path dir) throws Exception {
    Path docs = dir.resolve("docs");
    Files.createDirectories(docs.resolve("ops"));
    Files.writeString(docs.resolve("ops/failover.md"), "# Failover\nPromote the standby.\n");
    Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    AtomicReference<HttpResponse<String>> limited = new AtomicReference<>();
    long requests;
    long grown;
    List<AuditRecord> failures;
    try (Served served = Served.local(dir.resolve("data"), docs)) {
      Path data = served.stratum().dataDir();
      long before = storeBytes(data);
      requests = flood(served.api().port(), statuses, limited);
      served.stratum().auditor().close(); // records the count of the open window, as a shutdown
      grown = storeBytes(data) - before;
      failures =
          served
              .stratum()
              .auditLog()
              .query(new AuditLog.Query(null, null, null, null, "auth.failed", 0, 1_000_000));
    }
    long tooMany = statuses.getOrDefault(429, new AtomicLong()).get();
    System.out.printf(
        "FloodIT: %d requests in %d s by %d clients, statuses %s, %d answered 429, %d auth.failed"
            + " records (counts %s), store grew by %d bytes%n",
        requests,
        FLOOD.toSeconds(),
        CLIENTS,
        statuses,
        tooMany,
        failures.size(),
        failures.stream().map(FloodIT::count).toList(),
        grown);

    assertThat(statuses.keySet()).containsOnly(401, 429);
    assertThat(tooMany).isGreaterThan(requests / 2);
    assertThat(grown).isLessThan(1 << 20);
    assertThat(failures).hasSize(2);
    assertThat(failures.stream().mapToLong(FloodIT::count).sum())
        .as("every refused credential is counted")
        .isEqualTo(statuses.get(401).get());
    HttpResponse<String> one = limited.get();
    assertThat(one).isNotNull();
    assertThat(one.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Long.parseLong(one.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 60L);
    assertThat(one.body())
        .contains("\"type\":\"urn:stratum:problem:rate-limited\"")
        .contains("\"status\":429");
  }

  @Test
  void a_principal_past_its_requests_for_the_minute_gets_a_429_naming_the_limit_and_others_do_not(
      @TempDir Path dir) throws Exception {
    Setup setup =
        Setup.of(new TermEmbedder(), ScriptedModel.replying("ok"))
            .with(new RateLimits(3, 60, Duration.ofSeconds(60)));
    try (Stratum stratum = Stratum.open(dir.resolve("data"), setup);
        HttpApi api = HttpApi.start(stratum, "127.0.0.1", 0)) {
      SseClient admin =
          new SseClient(api.port(), stratum.firstRun().orgAdmin(null).orElseThrow().token());
      stratum.administration().createPrincipal(Principal.LOCAL_OPERATOR, "dana", "Dana", false);
      SseClient dana =
          admin.as(
              stratum
                  .administration()
                  .issueToken(Principal.LOCAL_OPERATOR, "dana", "laptop", null)
                  .token());
      for (int i = 0; i < 3; i++) {
        assertThat(admin.get("/api/workspaces").status()).isEqualTo(200);
      }

      SseClient.Response refused = admin.get("/api/workspaces");

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isEqualTo("20");
      assertThat(refused.json().get("type").asText()).isEqualTo("urn:stratum:problem:rate-limited");
      assertThat(refused.json().get("detail").asText())
          .isEqualTo("principal 'admin' made more than 3 requests in a minute; retry after 20 s");
      assertThat(dana.get("/api/workspaces").status()).isEqualTo(200);
    }
  }

  private static long count(AuditRecord r) {
    try {
      return SseClient.JSON.readTree(r.metadata()).get("count").asLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the flood; returns the number of requests answered. */
  private static long flood(
      int port, Map<Integer, AtomicLong> statuses, AtomicReference<HttpResponse<String>> limited)
      throws Exception {
    long end = System.nanoTime() + FLOOD.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<Long>> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      HttpRequest request = c < 6 ? api(port, c) : mcp(port, c);
      clients.add(
          pool.submit(
              () -> {
                HttpClient http = HttpClient.newHttpClient();
                long sent = 0;
                while (System.nanoTime() < end) {
                  HttpResponse<String> r = send(http, request);
                  statuses.computeIfAbsent(r.statusCode(), s -> new AtomicLong()).incrementAndGet();
                  if (r.statusCode() == 429) {
                    limited.compareAndSet(null, r);
                  }
                  sent++;
                }
                return sent;
              }));
    }
    long total = 0;
    for (Future<Long> f : clients) {
      total += f.get();
    }
    pool.shutdown();
    return total;
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request)
      throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest api(int port, int client) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/workspaces"))
        .header("Authorization", "Bearer stt_" + String.valueOf(client).repeat(40))
        .build();
  }

  private static HttpRequest mcp(int port, int client) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
        .header("Authorization", "Bearer stt_" + String.valueOf(client).repeat(40))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build();
  }

  /** The SQLite database and its write-ahead log. */
  private static long storeBytes(Path data) throws IOException {
    long bytes = 0;
    for (String file : List.of("stratum.db", "stratum.db-wal")) {
      Path p = data.resolve(file);
      bytes += Files.exists(p) ? Files.size(p) : 0;
    }
    return bytes;
  }
}
