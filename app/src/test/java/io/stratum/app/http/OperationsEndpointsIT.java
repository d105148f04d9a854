package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What operators scrape and probe: readiness, Prometheus metrics, request ids. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsEndpointsIT {
  Served served;
  HttpApi api;
  SseClient client;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    Path docs = data.resolve("docs");
    Files.createDirectories(docs.resolve("ops"));
    Files.writeString(
        docs.resolve("ops/failover.md"), "# Failover\nPromote the standby database first.\n");
    served = Served.local(data.resolve("data"), docs);
    api = served.api();
    client = served.admin();
  }

  @AfterAll
  void stop() {
    served.close();
  }

  @Test
  void the_openapi_document_describes_exactly_the_routes_served() throws Exception {
    SseClient.Response r = new SseClient(api.port()).get("/openapi.json");
    JsonNode spec = r.json();
    Set<String> documented = new TreeSet<>();
    spec.get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey())));

    assertThat(spec.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(documented).containsExactlyInAnyOrderElementsOf(HttpApi.ROUTES);
    spec.get("paths")
        .fields()
        .forEachRemaining(
            path -> {
              if (path.getKey().startsWith("/api/")) {
                path.getValue()
                    .forEach(
                        op ->
                            assertThat(op.at("/responses/401/content/application~1problem+json"))
                                .as(path.getKey())
                                .isNotNull());
              }
            });
  }

  @Test
  void docs_render_every_route_without_anything_from_the_internet() throws Exception {
    SseClient.Response r = new SseClient(api.port()).get("/docs");

    assertThat(r.contentType()).startsWith("text/html");
    assertThat(r.body())
        .contains("<code>/api/conversations/{id}/messages</code>")
        .contains("<code>/api/workspaces/{ws}/spend</code>")
        .doesNotContain("https://");
  }

  @Test
  void readyz_says_ready_when_the_store_and_index_answer() throws Exception {
    SseClient.Response r = new SseClient(api.port()).get("/readyz");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("ready");
  }

  @Test
  void metrics_count_requests_by_route_and_tokens_and_cost_by_model_and_workspace()
      throws Exception {
    client.get("/api/workspaces/ops/search?q=failover");
    client.ask("ops", "How do we promote the standby database?");

    SseClient.Response r = client.get("/metrics");

    assertThat(r.contentType()).startsWith("text/plain");
    assertThat(r.body())
        .contains(
            "stratum_http_requests_total{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/api/workspaces/{ws}/search\"} 1")
        .contains("stratum_http_request_duration_seconds_bucket{http_request_method=\"POST\"")
        .contains(
            "gen_ai_client_token_usage_total{gen_ai_request_model=\"stratum-local-extractive\",gen_ai_token_type=\"output\",stratum_workspace=\"ops\"}")
        .contains(
            "stratum_model_cost_usd_total{gen_ai_request_model=\"stratum-local-extractive\",stratum_tier=\"advanced\",stratum_workspace=\"ops\"} 0.0");
  }

  @Test
  void metrics_are_for_org_admins_only_as_they_name_every_workspace_and_its_spend()
      throws Exception {
    SseClient.Response anonymous = new SseClient(api.port()).get("/metrics");

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");
    assertThat(client.get("/metrics").status()).isEqualTo(200);
  }

  @Test
  void every_response_carries_a_request_id_and_a_callers_id_is_kept() throws Exception {
    SseClient.Response mine = client.get("/api/workspaces", "X-Request-Id", "trace-42");
    SseClient.Response fresh = client.get("/api/workspaces");
    SseClient.Response forged = client.get("/api/workspaces", "X-Request-Id", "a b\"c");

    assertThat(mine.header("X-Request-Id")).isEqualTo("trace-42");
    assertThat(fresh.header("X-Request-Id")).hasSize(36);
    assertThat(forged.header("X-Request-Id")).hasSize(36);
  }
}
