package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.stratum.access.Principal;
import io.stratum.app.Engine;
import io.stratum.app.SampleCorpus;
import io.stratum.app.Stratum;
import io.stratum.app.TestEngines;
import io.stratum.audit.AuditLog;
import io.stratum.audit.AuditRecord;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.store.TestDatabases;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets end to end: a priced cloud model (the simulator, through the dispatch layer) answers in a
 * workspace with a hard cap until the next worst case no longer fits; then the API answers 429
 * naming the workspace, the cap, the spend and the reset date, and the spend report adds up.
 */
class BudgetOverHttpIT {
  /** Where state is kept; a subclass runs the suite on PostgreSQL. */
  TestDatabases.Engine engine() {
    return TestDatabases.Engine.SQLITE;
  }

  /** Stratum answering with gpt-5.5 on the simulator, sample corpus ingested. */
  private Stratum open(Path dir, BedrockSimulator sim, String extraTfvars) throws Exception {
    Path tfvars =
        Files.writeString(
            dir.resolve("terraform.tfvars"),
            """
            bedrock_advanced_model_id = "openai.gpt-5.5"
            bedrock_default_backend = "responses"
            bedrock_endpoint_url = "%s"
            bedrock_mantle_endpoint_url = "%s"
            """
                    .formatted(sim.endpoint(), sim.endpoint())
                + TestEngines.tfvars(engine())
                + extraTfvars);
    Map<String, String> env = new HashMap<>(TestEngines.env(engine()));
    env.put("AWS_BEARER_TOKEN_BEDROCK", sim.apiKey());
    Stratum stratum =
        Engine.open(dir.resolve("data"), Engine.loadConfig(Optional.of(tfvars), env), env);
    stratum
        .documents()
        .ingest(
            MarkdownConnector.byDirectory(SampleCorpus.extractTo(dir.resolve("corpus"))), p -> {});
    return stratum;
  }

  @Test
  void asks_are_billed_at_the_configured_price_until_the_hard_cap_refuses(@TempDir Path dir)
      throws Exception {
    try (BedrockSimulator sim = BedrockSimulator.builder().build().start()) {
      try (Stratum stratum =
          open(
              dir,
              sim,
              """
              bedrock_advanced_input_price = 1000
              bedrock_advanced_output_price = 1000
              """)) {
        // A reasoning model's worst case (prompt bytes sent twice, its ceiling and one retry's)
        // is about $23 here, so $30 admits a few asks before one could pass the cap.
        try (HttpApi api = HttpApi.start(stratum, "127.0.0.1", 0)) {
          SseClient admin =
              new SseClient(api.port(), stratum.firstRun().orgAdmin(null).orElseThrow().token());
          assertThat(
                  admin
                      .put(
                          "/api/workspaces/security/budget",
                          "{\"monthlyCapUsd\": 30, \"hardCap\": true}")
                      .status())
              .isEqualTo(200);

          int answered = 0;
          SseClient.Response refused = null;
          for (int i = 0; i < 100 && refused == null; i++) {
            SseClient.Response r =
                admin.post(
                    "/api/workspaces/security/ask",
                    "{\"question\":\"How often are customer master keys rotated?\"}");
            if (r.status() == 429) {
              refused = r;
            } else {
              assertThat(r.body()).contains("event: done");
              answered++;
            }
          }
          JsonNode spend = admin.get("/api/workspaces/security/spend").json();

          assertThat(answered).isPositive();
          assertThat(refused).isNotNull();
          assertThat(refused.contentType()).isEqualTo("application/problem+json");
          JsonNode p = refused.json();
          assertThat(p.get("type").asText()).isEqualTo("urn:stratum:problem:budget-exceeded");
          assertThat(p.get("workspace").asText()).isEqualTo("security");
          assertThat(p.get("capUsd").decimalValue()).isEqualByComparingTo("30");
          assertThat(p.get("detail").asText())
              .startsWith("workspace 'security' has spent $")
              .contains(" of its $30 monthly cap (this request needs up to $")
              .endsWith("it resets on " + p.get("resetsOn").asText());
          BigDecimal spent = spend.get("spentUsd").decimalValue();
          assertThat(spent).isLessThanOrEqualTo(new BigDecimal("30"));
          assertThat(spent).isEqualByComparingTo(p.get("spentUsd").decimalValue());
          JsonNode byModel = spend.get("byModel").get(0);
          assertThat(byModel.get("key").asText()).isEqualTo("openai.gpt-5.5 (advanced)");
          assertThat(byModel.get("calls").asInt()).isEqualTo(answered);
          assertThat(spend.get("byPrincipal").get(0).get("key").asText()).isEqualTo("admin");
        }
      }
    }
  }

  @Test
  void over_mcp_a_hard_cap_refuses_ask_as_a_tool_error_and_audits_the_refusal(@TempDir Path dir)
      throws Exception {
    try (BedrockSimulator sim = BedrockSimulator.builder().build().start();
        Stratum stratum =
            open(
                dir,
                sim,
                """
                bedrock_advanced_input_price = 1000
                bedrock_advanced_output_price = 1000
                """);
        HttpApi api = HttpApi.start(stratum, "127.0.0.1", 0)) {
      String token = stratum.firstRun().orgAdmin(null).orElseThrow().token();
      new SseClient(api.port(), token)
          .put("/api/workspaces/security/budget", "{\"monthlyCapUsd\": 0.01, \"hardCap\": true}");
      McpSyncClient mcp =
          McpClient.sync(
                  HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + api.port())
                      .endpoint("/mcp")
                      .httpRequestCustomizer(
                          (b, method, uri, body, ctx) ->
                              b.header("Authorization", "Bearer " + token))
                      .build())
              .build();
      mcp.initialize();

      McpSchema.CallToolResult r =
          mcp.callTool(
              McpSchema.CallToolRequest.builder()
                  .name("ask")
                  .arguments(
                      Map.of(
                          "question",
                          "How often are customer master keys rotated?",
                          "workspaces",
                          List.of("security")))
                  .build());
      mcp.closeGracefully();

      assertThat(r.isError()).isTrue();
      assertThat(((McpSchema.TextContent) r.content().get(0)).text())
          .startsWith("workspace 'security' has spent $0 of its $0.01 monthly cap (this request")
          .contains("it resets on ");
      List<AuditRecord> records =
          stratum.auditLog().query(new AuditLog.Query(null, null, null, null, null, 0, 10_000));
      assertThat(records)
          .filteredOn(a -> a.action().equals("mcp.tool_called"))
          .extracting(a -> a.outcome() + " " + a.workspace())
          .containsExactly("refused security");
      assertThat(records)
          .filteredOn(a -> a.action().equals("chat.answer"))
          .extracting(AuditRecord::outcome)
          .containsExactly("refused");
      assertThat(stratum.spending().of(Principal.LOCAL_OPERATOR, "security", null).spentUsd())
          .isEqualByComparingTo("0");
    }
  }

  @Test
  void a_conversation_turn_whose_model_call_fails_is_audited_as_a_failure(@TempDir Path dir)
      throws Exception {
    try (BedrockSimulator sim = BedrockSimulator.builder().build().start();
        Stratum stratum = open(dir, sim, "")) {
      String id = stratum.conversations().start(Principal.LOCAL_OPERATOR, List.of("security"), "t");
      sim.arm("not-enabled", 5);

      Assertions.assertThatThrownBy(
          () ->
              stratum
                  .answering()
                  .send(
                      Principal.LOCAL_OPERATOR,
                      id,
                      "How often are customer master keys rotated?",
                      e -> {}));

      AuditRecord failed =
          stratum
              .auditLog()
              .query(new AuditLog.Query(null, null, null, null, "chat.answer", 0, 10))
              .getLast();
      assertThat(failed.outcome()).isEqualTo("failure");
      assertThat(failed.metadata()).contains("\"conversationId\":\"" + id + "\"");
      assertThat(failed.body()).contains("customer master keys");
    }
  }

  @Test
  void a_client_that_hangs_up_mid_stream_is_still_billed_and_its_exchange_recorded(
      @TempDir Path dir) throws Exception {
    try (BedrockSimulator sim =
        BedrockSimulator.builder().reasoningSilence(Duration.ofMillis(1500)).build().start()) {
      try (Stratum stratum =
          open(
              dir,
              sim,
              """
              bedrock_advanced_reasoning_effort = "low"
              bedrock_stream_keepalive_seconds = 0.2
              """)) {
        try (HttpApi api = HttpApi.start(stratum, "127.0.0.1", 0)) {
          String token = stratum.firstRun().orgAdmin(null).orElseThrow().token();
          try (Socket socket = new Socket("127.0.0.1", api.port())) {
            String body = "{\"question\":\"How often are customer master keys rotated?\"}";
            socket
                .getOutputStream()
                .write(
                    ("POST /api/workspaces/security/ask HTTP/1.1\r\nHost: x\r\n"
                            + "Authorization: Bearer "
                            + token
                            + "\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length()
                            + "\r\n\r\n"
                            + body)
                        .getBytes(StandardCharsets.UTF_8));
            byte[] first = new byte[64];
            assertThat(socket.getInputStream().read(first)).isPositive(); // the stream began
          } // hang up while the model is still silent
          SseClient admin = new SseClient(api.port(), token);
          // The answer finishes on the server after the hang-up: the spend settles, then the
          // exchange is recorded. Wait for both (generously: a loaded machine is slow), then
          // assert.
          JsonNode spend = null;
          JsonNode conversations = null;
          long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          do {
            Thread.sleep(spend == null ? 0 : 100);
            spend = admin.get("/api/workspaces/security/spend").json();
            conversations = admin.get("/api/conversations?limit=5").json().get("conversations");
          } while ((spend.get("byModel").isEmpty() || conversations.isEmpty())
              && System.nanoTime() < deadline);

          assertThat(spend.get("byModel").findValuesAsText("key"))
              .containsExactly("openai.gpt-5.5 (advanced)");
          assertThat(conversations).hasSize(1);
        }
      }
    }
  }
}
