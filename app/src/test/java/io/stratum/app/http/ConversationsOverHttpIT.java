package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.app.Engine;
import io.stratum.app.SampleCorpus;
import io.stratum.app.Stratum;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.simulator.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat orchestration over HTTP, with both tiers on the simulator so every model request can be
 * read back: scope, rewrite by the basic model, the layered prompt, persistence, summaries, and who
 * may post to a conversation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationsOverHttpIT {
  BedrockSimulator sim;
  Stratum stratum;
  HttpApi api;
  SseClient admin;
  SseClient member;
  SseClient other;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    sim = BedrockSimulator.builder().build().start();
    Path tfvars =
        Files.writeString(
            dir.resolve("terraform.tfvars"),
            """
            bedrock_advanced_model_id = "openai.gpt-5.5"
            bedrock_basic_model_id = "openai.gpt-5.4"
            bedrock_default_backend = "responses"
            bedrock_endpoint_url = "%s"
            bedrock_mantle_endpoint_url = "%s"
            """
                .formatted(sim.endpoint(), sim.endpoint()));
    Path corpus = SampleCorpus.extractTo(dir.resolve("corpus"));
    stratum =
        Engine.open(
            dir.resolve("data"),
            Engine.loadConfig(Optional.of(tfvars), Map.of()),
            Map.of("AWS_BEARER_TOKEN_BEDROCK", sim.apiKey()));
    stratum.documents().ingest(MarkdownConnector.byDirectory(corpus), p -> {});
    api = HttpApi.start(stratum, "127.0.0.1", 0);
    admin = new SseClient(api.port(), stratum.firstRun().orgAdmin(null).orElseThrow().token());
    stratum.administration().createPrincipal(Principal.LOCAL_OPERATOR, "dana", "Dana", false);
    stratum.administration().grant(Principal.LOCAL_OPERATOR, "dana", "security", Role.MEMBER);
    stratum.administration().grant(Principal.LOCAL_OPERATOR, "dana", "operations", Role.MEMBER);
    member =
        admin.as(
            stratum
                .administration()
                .issueToken(Principal.LOCAL_OPERATOR, "dana", "t", Duration.ofDays(1))
                .token());
    stratum.administration().createPrincipal(Principal.LOCAL_OPERATOR, "eve", "Eve", false);
    stratum.administration().grant(Principal.LOCAL_OPERATOR, "eve", "security", Role.MEMBER);
    other =
        admin.as(
            stratum
                .administration()
                .issueToken(Principal.LOCAL_OPERATOR, "eve", "t", Duration.ofDays(1))
                .token());
  }

  @AfterAll
  void stop() {
    api.close();
    stratum.close();
    sim.close();
  }

  private String start(SseClient who, String workspaces) throws Exception {
    SseClient.Response r =
        who.post("/api/conversations", "{\"workspaces\": " + workspaces + ", \"title\": \"keys\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private JsonNode say(SseClient who, String id, String content) throws Exception {
    SseClient.Response r =
        who.post(
            "/api/conversations/" + id + "/messages",
            SseClient.JSON.writeValueAsString(Map.of("content", content)));
    assertThat(r.body()).as(r.body()).contains("event: done");
    String last = r.body().substring(r.body().lastIndexOf("data: ") + 6).strip();
    return SseClient.JSON.readTree(last);
  }

  private List<RecordedRequest> responsesCalls() {
    return sim.requests().stream().filter(q -> q.path().endsWith("/responses")).toList();
  }

  @Test
  void a_follow_up_is_rewritten_by_the_basic_model_and_answered_in_layers() throws Exception {
    admin.put(
        "/api/workspaces/security/prompt", "{\"prompt\": \"Answer for the security on-call.\"}");
    String id = start(member, "[\"security\", \"operations\"]");
    say(member, id, "How often are customer master keys rotated?");
    sim.clearRequests();

    JsonNode done = say(member, id, "How often are customer master keys rotated in production?");

    List<RecordedRequest> calls = responsesCalls();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).body())
        .contains("\"model\":\"openai.gpt-5.4\"")
        .contains("Rewrite the user's last question")
        .contains("How often are customer master keys rotated?");
    assertThat(calls.get(1).body())
        .contains("\"model\":\"openai.gpt-5.5\"")
        .contains("[security] Answer for the security on-call.")
        .contains("How often are customer master keys rotated?") // the earlier turn, verbatim
        .contains("How often are customer master keys rotated in production?");
    assertThat(done.get("query").asText())
        .isNotEqualTo("How often are customer master keys rotated in production?");
    assertThat(done.get("conversationId").asText()).isEqualTo(id);
    JsonNode stored = member.get("/api/conversations/" + id).json();
    assertThat(stored.get("messages")).hasSize(4);
    JsonNode spend = admin.get("/api/workspaces/security/spend").json();
    assertThat(spend.get("byModel").findValuesAsText("key"))
        .contains("openai.gpt-5.4 (basic)", "openai.gpt-5.5 (advanced)");
  }

  @Test
  void a_long_conversation_gets_a_running_summary_from_the_basic_model() throws Exception {
    String id = start(member, "[\"operations\"]");
    for (int i = 0; i < 6; i++) {
      say(member, id, "What is step " + (i + 1) + " of the database failover procedure?");
    }
    sim.clearRequests();

    say(member, id, "What is the database failover procedure for the ledger?");

    assertThat(stratum.conversations().find(Principal.LOCAL_OPERATOR, id).orElseThrow().summary())
        .isNotBlank();
    assertThat(responsesCalls().get(1).body()).contains("Summary of the conversation so far:");
  }

  @Test
  void a_workspace_limited_to_the_basic_tier_is_answered_and_billed_by_the_basic_model()
      throws Exception {
    assertThat(admin.put("/api/workspaces/compliance/tiers", "{\"tiers\": [\"basic\"]}").status())
        .isEqualTo(200);

    List<SseClient.Event> events = admin.ask("compliance", "How often are backups tested?");
    SseClient.Response none = admin.put("/api/workspaces/compliance/tiers", "{\"tiers\": []}");
    SseClient.Response refused =
        admin.post("/api/workspaces/compliance/ask", "{\"question\": \"Backups?\"}");
    SseClient.Response bad =
        admin.put("/api/workspaces/compliance/tiers", "{\"tiers\": [\"premium\"]}");
    admin.put("/api/workspaces/compliance/tiers", "{\"tiers\": [\"advanced\", \"basic\"]}");

    assertThat(events.get(events.size() - 1).data().get("model").asText())
        .isEqualTo("openai.gpt-5.4");
    assertThat(
            admin
                .get("/api/workspaces/compliance/spend")
                .json()
                .get("byModel")
                .findValuesAsText("key"))
        .containsExactly("openai.gpt-5.4 (basic)");
    assertThat(none.status()).isEqualTo(200);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("detail").asText())
        .isEqualTo(
            "workspace 'compliance' may use no model tier; an org admin can allow one: PUT /api/workspaces/compliance/tiers");
    assertThat(bad.json().get("detail").asText())
        .isEqualTo("tiers: expected advanced and/or basic, got 'premium'");
  }

  @Test
  void only_the_owner_may_post_and_the_scope_must_be_askable() throws Exception {
    String id = start(member, "[\"security\"]");

    SseClient.Response intruder =
        other.post("/api/conversations/" + id + "/messages", "{\"content\": \"hello\"}");
    SseClient.Response outside =
        other.post("/api/conversations", "{\"workspaces\": [\"operations\"]}");
    SseClient.Response nothing = member.post("/api/conversations", "{\"workspaces\": []}");

    assertThat(intruder.status()).isEqualTo(404);
    assertThat(outside.status()).isEqualTo(403);
    assertThat(outside.json().get("detail").asText())
        .isEqualTo("'eve' may not ask in workspace 'operations'");
    assertThat(nothing.status()).isEqualTo(400);
    assertThat(nothing.json().get("detail").asText())
        .isEqualTo("workspaces: pick at least one workspace");
  }

  @Test
  void conversations_are_listed_newest_first_a_page_at_a_time() throws Exception {
    SseClient fresh =
        admin.as(
            stratum
                .administration()
                .issueToken(
                    Principal.LOCAL_OPERATOR,
                    stratum
                        .administration()
                        .createPrincipal(Principal.LOCAL_OPERATOR, "finn", "Finn", false)
                        .id(),
                    "t",
                    Duration.ofDays(1))
                .token());
    stratum.administration().grant(Principal.LOCAL_OPERATOR, "finn", "security", Role.MEMBER);
    String a = start(fresh, "[\"security\"]");
    Thread.sleep(5);
    String b = start(fresh, "[\"security\"]");
    Thread.sleep(5);
    String c = start(fresh, "[\"security\"]");

    JsonNode first = fresh.get("/api/conversations?limit=2").json();
    JsonNode second =
        fresh.get("/api/conversations?limit=2&cursor=" + first.get("nextCursor").asText()).json();

    assertThat(first.get("conversations").findValuesAsText("id")).containsExactly(c, b);
    assertThat(second.get("conversations").findValuesAsText("id")).containsExactly(a);
    assertThat(second.get("nextCursor").isNull()).isTrue();
  }
}
