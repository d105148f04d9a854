package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.app.Engine;
import io.stratum.app.SampleCorpus;
import io.stratum.app.Stratum;
import io.stratum.app.TestEngines;
import io.stratum.audit.AuditLog;
import io.stratum.audit.AuditRecord;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.simulator.RecordedRequest;
import io.stratum.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many upstream calls an answer takes and what each leaves behind: GPT-5.5 on the simulator.
 * The answer's budget is the visible answer plus the family's reasoning at the tier's effort, so an
 * ordinary question takes one call; a question that needs more thought (the simulator's {@code
 * reasoning=N} fault) outgrows it, and the dispatcher tries again with a raised ceiling.
 */
class AnswerAttemptsOverHttpIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ASK = "{\"question\":\"How often are customer master keys rotated?\"}";

  private Stratum open(Path dir, BedrockSimulator sim, String effort) throws Exception {
    Path tfvars =
        Files.writeString(
            dir.resolve("terraform.tfvars"),
            """
            bedrock_advanced_model_id = "openai.gpt-5.5"
            bedrock_default_backend = "responses"
            bedrock_advanced_reasoning_effort = "%s"
            bedrock_endpoint_url = "%s"
            bedrock_mantle_endpoint_url = "%s"
            """
                    .formatted(effort, sim.endpoint(), sim.endpoint())
                + TestEngines.tfvars(TestDatabases.Engine.SQLITE));
    Map<String, String> env = new HashMap<>(TestEngines.env(TestDatabases.Engine.SQLITE));
    env.put("AWS_BEARER_TOKEN_BEDROCK", sim.apiKey());
    Stratum stratum =
        Engine.open(dir.resolve("data"), Engine.loadConfig(Optional.of(tfvars), env), env);
    stratum
        .documents()
        .ingest(
            MarkdownConnector.byDirectory(SampleCorpus.extractTo(dir.resolve("corpus"))), p -> {});
    return stratum;
  }

  /** The simulator, Stratum on GPT-5.5 at one effort over it, its HTTP API and an admin client. */
  private final class Running implements AutoCloseable {
    final BedrockSimulator sim = BedrockSimulator.builder().build().start();
    final Stratum stratum;
    final HttpApi api;
    final SseClient admin;

    Running(Path dir, String effort) throws Exception {
      stratum = open(dir, sim, effort);
      api = HttpApi.start(stratum, "127.0.0.1", 0);
      admin = new SseClient(api.port(), stratum.firstRun().orgAdmin(null).orElseThrow().token());
    }

    @Override
    public void close() {
      api.close();
      stratum.close();
      sim.close();
    }
  }

  static List<RecordedRequest> responses(BedrockSimulator sim) {
    return sim.requests().stream().filter(r -> r.path().endsWith("/responses")).toList();
  }

  static AuditRecord lastAnswer(Stratum stratum) {
    List<AuditRecord> answers =
        stratum
            .auditLog()
            .query(new AuditLog.Query(null, null, null, null, null, 0, 10_000))
            .stream()
            .filter(r -> r.action().equals("chat.answer"))
            .toList();
    return answers.get(answers.size() - 1);
  }

  @Test
  void an_answer_at_high_effort_is_one_upstream_call_budgeted_for_its_reasoning(@TempDir Path dir)
      throws Exception {
    try (Running run = new Running(dir, "high")) {
      BedrockSimulator sim = run.sim;
      Stratum stratum = run.stratum;
      SseClient admin = run.admin;

      SseClient.Response r = admin.post("/api/workspaces/security/ask", ASK);
      JsonNode audited = JSON.readTree(lastAnswer(stratum).metadata());

      assertThat(r.body()).contains("event: done");
      assertThat(responses(sim)).hasSize(1);
      JsonNode sent = JSON.readTree(responses(sim).get(0).body());
      assertThat(sent.get("max_output_tokens").asInt()).isEqualTo(8192);
      assertThat(sent.get("reasoning").get("effort").asText()).isEqualTo("high");
      assertThat(audited.get("attempts")).hasSize(1);
      assertThat(audited.get("attempts").get(0).get("outcome").asText()).isEqualTo("success");
      assertThat(audited.get("incomplete").asBoolean()).isFalse();
    }
  }

  @Test
  void an_incomplete_first_attempt_is_billed_and_audited_with_the_retry_that_answered(
      @TempDir Path dir) throws Exception {
    try (Running run = new Running(dir, "medium")) {
      BedrockSimulator sim = run.sim;
      Stratum stratum = run.stratum;
      SseClient admin = run.admin;
      sim.arm("reasoning=5000", 1); // more than medium's 3072 budgeted: the first attempt is lost

      SseClient.Response r = admin.post("/api/workspaces/security/ask", ASK);
      JsonNode spend = admin.get("/api/workspaces/security/spend").json();
      JsonNode audited = JSON.readTree(lastAnswer(stratum).metadata());

      assertThat(r.body()).contains("event: done");
      assertThat(responses(sim)).hasSize(2);
      JsonNode attempts = audited.get("attempts");
      assertThat(attempts).hasSize(2);
      assertThat(attempts.get(0).get("attempt").asInt()).isEqualTo(1);
      assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("incomplete");
      assertThat(attempts.get(1).get("attempt").asInt()).isEqualTo(2);
      assertThat(attempts.get(1).get("outcome").asText()).isEqualTo("success");
      int first = attempts.get(0).get("usage").get("reasoning").asInt();
      int second = attempts.get(1).get("usage").get("reasoning").asInt();
      assertThat(first).isPositive();
      assertThat(audited.get("usage").get("reasoning").asInt()).isEqualTo(first + second);
      assertThat(spend.get("byModel").get(0).get("reasoningTokens").asInt())
          .isEqualTo(first + second);
    }
  }

  @Test
  void a_failed_answer_bills_and_audits_every_attempt_that_reported_usage(@TempDir Path dir)
      throws Exception {
    try (Running run = new Running(dir, "high")) {
      BedrockSimulator sim = run.sim;
      Stratum stratum = run.stratum;
      SseClient admin = run.admin;
      sim.arm("response-failed=server_error", 10); // every try fails after reasoning 6144 tokens

      admin.post("/api/workspaces/security/ask", ASK);
      JsonNode spend = admin.get("/api/workspaces/security/spend").json();
      AuditRecord audited = lastAnswer(stratum);

      assertThat(responses(sim)).hasSize(4); // the first try and three retries
      assertThat(audited.outcome()).isEqualTo("failure");
      JsonNode attempts = JSON.readTree(audited.metadata()).get("attempts");
      assertThat(attempts).hasSize(4);
      assertThat(attempts)
          .allSatisfy(a -> assertThat(a.get("outcome").asText()).isEqualTo("failed"));
      assertThat(spend.get("byModel").get(0).get("reasoningTokens").asInt()).isEqualTo(4 * 6144);
    }
  }

  @Test
  void an_answer_all_reasoning_and_no_text_is_incomplete_for_the_client_the_audit_and_the_metrics(
      @TempDir Path dir) throws Exception {
    try (Running run = new Running(dir, "xhigh")) {
      BedrockSimulator sim = run.sim;
      Stratum stratum = run.stratum;
      SseClient admin = run.admin;

      SseClient.Response streamed = admin.post("/api/workspaces/security/ask", ASK);
      AuditRecord audited = lastAnswer(stratum);
      SseClient.Response json =
          admin.post("/api/workspaces/security/ask", ASK, "Accept", "application/json");

      assertThat(streamed.body())
          .containsPattern("event: done\\ndata: \\{[^\\n]*\"incomplete\":true");
      assertThat(audited.outcome()).isEqualTo("incomplete");
      assertThat(JSON.readTree(audited.metadata()).get("incomplete").asBoolean()).isTrue();
      assertThat(json.json().get("incomplete").asBoolean()).isTrue();
      assertThat(json.json().get("refused").asBoolean()).isFalse();
      assertThat(stratum.metrics().scrape())
          .contains(
              "stratum_answers_total{stratum_outcome=\"incomplete\",stratum_workspace=\"security\"} 2");
    }
  }
}
