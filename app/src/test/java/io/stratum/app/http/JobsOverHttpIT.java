package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.app.Engine;
import io.stratum.app.Setup;
import io.stratum.app.Stratum;
import io.stratum.app.SyncService;
import io.stratum.app.SyncSetup;
import io.stratum.app.TestEngines;
import io.stratum.store.TestDatabases;
import io.stratum.sync.JobPolicy;
import io.stratum.sync.SourceSchedule;
import io.stratum.sync.SyncSource;
import io.stratum.testing.TermEmbedder;
import io.stratum.testkit.ScriptedModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs as a running server has them: the schedule syncs a source without any command, "Sync now"
 * answers with the job and the job moves, and two servers over one PostgreSQL share the browser
 * sessions (any node answers any request).
 */
class JobsOverHttpIT {
  static final SyncService.Timings FAST =
      new SyncService.Timings(Duration.ofMillis(100), Duration.ofMillis(200));

  @TempDir Path dir;

  private Path corpus() throws Exception {
    Path ops = Files.createDirectories(dir.resolve("corpus/ops"));
    Files.writeString(
        ops.resolve("failover.md"), "# Failover\n\nPromote the standby database in the runbook.\n");
    Files.writeString(
        ops.resolve("paging.md"),
        "# Paging\n\nThe pager rotation hands over every Monday morning.\n");
    return ops;
  }

  /** A server on fast fakes whose one configured source is synced every second. */
  private Stratum open(Path ops) {
    SyncSource src = new SyncSource("markdown", ops.toString(), "ops");
    return Stratum.open(
        dir.resolve("data"),
        Setup.of(new TermEmbedder(), ScriptedModel.replying("ok"))
            .with(
                new SyncSetup(
                    List.of(new SourceSchedule(src, Duration.ofSeconds(1))),
                    "node-1",
                    new JobPolicy(Duration.ofSeconds(3), Duration.ofMillis(200), 3))));
  }

  private static List<String> found(SseClient admin, String query) throws Exception {
    JsonNode r = admin.get("/api/workspaces/ops/search?k=5&q=" + query.replace(" ", "%20")).json();
    return r.path("results").findValuesAsText("documentId");
  }

  private static <T> T eventually(Callable<T> probe, Predicate<T> done) throws Exception {
    T last = probe.call();
    for (int i = 0; i < 300 && !done.test(last); i++) {
      Thread.sleep(100);
      last = probe.call();
    }
    return last;
  }

  @Test
  void a_file_changed_on_disk_is_found_after_the_next_scheduled_run_and_a_deleted_one_is_gone()
      throws Exception {
    Path ops = corpus();
    try (Stratum stratum = open(ops);
        HttpApi api = HttpApi.start(stratum, "127.0.0.1", 0);
        SyncService sync = SyncService.start(stratum, FAST)) {
      SseClient admin =
          new SseClient(api.port(), stratum.firstRun().orgAdmin(null).orElseThrow().token());
      assertThat(eventually(() -> found(admin, "pager rotation Monday"), f -> !f.isEmpty()))
          .contains("ops:paging.md");

      Files.writeString(
          ops.resolve("failover.md"),
          "# Failover\n\nPromote the standby, then repoint the zebra quartz replicas.\n");
      Files.delete(ops.resolve("paging.md"));

      assertThat(eventually(() -> found(admin, "zebra quartz replicas"), f -> !f.isEmpty()))
          .contains("ops:failover.md");
      assertThat(
              eventually(
                  () -> found(admin, "pager rotation Monday"), f -> !f.contains("ops:paging.md")))
          .doesNotContain("ops:paging.md");
      JsonNode source = admin.get("/api/sources").json().get("sources").get(0);
      assertThat(source.get("intervalSeconds").asLong()).isEqualTo(1);
      assertThat(source.get("lastJob").get("trigger").asText()).isEqualTo("schedule");
      assertThat(source.get("lastJob").get("requestedBy").asText()).isEqualTo("system");
    }
  }

  @Test
  void sync_now_answers_202_with_the_job_which_moves_to_success_and_an_unknown_source_is_404()
      throws Exception {
    Path ops = corpus();
    try (Stratum stratum = open(ops);
        HttpApi api = HttpApi.start(stratum, "127.0.0.1", 0)) {
      SseClient admin =
          new SseClient(api.port(), stratum.firstRun().orgAdmin(null).orElseThrow().token());
      String id = admin.get("/api/sources").json().get("sources").get(0).get("id").asText();

      SseClient.Response queued = admin.post("/api/sources/" + id + "/sync", "{}");
      SseClient.Response joined = admin.post("/api/sources/" + id + "/sync", "{}");
      JsonNode done;
      try (SyncService sync = SyncService.start(stratum, FAST)) {
        String job = queued.json().get("id").asText();
        done =
            eventually(
                () -> admin.get("/api/jobs/" + job).json(), j -> j.get("finished").asBoolean());
      }
      SseClient.Response unknown = admin.post("/api/sources/markdown-0000000000/sync", "{}");

      assertThat(queued.status()).isEqualTo(202);
      assertThat(queued.header("Location"))
          .isEqualTo("/api/jobs/" + queued.json().get("id").asText());
      assertThat(queued.json().get("state").asText()).isEqualTo("queued");
      assertThat(queued.json().get("joined").asBoolean()).isFalse();
      assertThat(joined.json().get("joined").asBoolean()).isTrue();
      assertThat(joined.json().get("id")).isEqualTo(queued.json().get("id"));
      assertThat(done.get("state").asText()).isEqualTo("success");
      assertThat(done.get("node").asText()).isEqualTo("node-1");
      assertThat(done.get("counts").get("added").asInt()).isEqualTo(2);
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.json().get("detail").asText())
          .isEqualTo(
              "source 'markdown-0000000000' is not configured; the sources you may sync: " + id);
    }
  }

  @Test
  void two_servers_over_one_postgresql_share_browser_sessions_and_a_session_ends_on_both()
      throws Exception {
    String tfvars = TestEngines.tfvars(TestDatabases.Engine.POSTGRESQL);
    Map<String, String> env = TestEngines.env(TestDatabases.Engine.POSTGRESQL);
    Path config = Files.writeString(dir.resolve("nodes.tfvars"), tfvars);
    Path a = dir.resolve("node-a");
    Path b = dir.resolve("node-b");
    try (Stratum first = Engine.open(a, Engine.loadConfig(Optional.of(config), env), env)) {
      // one key wraps the session credentials on every node (KMS in the cloud; here one key file)
      Files.createDirectories(b);
      Files.copy(a.resolve("audit-master.key"), b.resolve("audit-master.key"));
    }
    try (Stratum nodeA = Engine.open(a, Engine.loadConfig(Optional.of(config), env), env);
        Stratum nodeB = Engine.open(b, Engine.loadConfig(Optional.of(config), env), env);
        HttpApi apiA = HttpApi.start(nodeA, "127.0.0.1", 0);
        HttpApi apiB = HttpApi.start(nodeB, "127.0.0.1", 0)) {
      String token = nodeA.firstRun().orgAdmin(null).orElseThrow().token();
      SseClient.Response opened = new SseClient(apiA.port(), token).post("/api/session", "{}");
      String cookie = opened.header("Set-Cookie").split(";")[0];
      String csrf = opened.json().get("csrf").asText();
      SseClient onB = new SseClient(apiB.port());

      SseClient.Response seen = onB.get("/api/session", "Cookie", cookie);
      SseClient.Response refusedWithoutCsrf = onB.deleteWith("/api/session", "Cookie", cookie);

      assertThat(opened.status()).isEqualTo(201);
      assertThat(seen.status()).isEqualTo(200);
      assertThat(seen.json().get("principal").asText()).isEqualTo("admin");
      assertThat(seen.json().get("csrf").asText()).isEqualTo(csrf);
      assertThat(refusedWithoutCsrf.status()).isEqualTo(403);
      SseClient.Response ended =
          onB.deleteWith("/api/session", "Cookie", cookie, "X-CSRF-Token", csrf);
      assertThat(ended.status()).isEqualTo(204);
      assertThat(new SseClient(apiA.port()).get("/api/session", "Cookie", cookie).status())
          .isEqualTo(401);

      // MCP sessions stay on the node that opened them (ADR 0005): another node answers 404, the
      // signal on which an MCP client starts a new session
      String init =
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
              + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
      String mcpSession =
          mcp(apiA.port(), token, null, init).headers().firstValue("Mcp-Session-Id").orElseThrow();
      String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
      assertThat(mcp(apiB.port(), token, mcpSession, list).statusCode()).isEqualTo(404);
    }
  }

  private static HttpResponse<String> mcp(int port, String token, String session, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      b.header("Mcp-Session-Id", session);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
