package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.app.AuditExports;
import io.stratum.app.SampleCorpus;
import io.stratum.audit.AuditLog;
import io.stratum.audit.Ocsf;
import io.stratum.store.TestDatabases;
import io.stratum.testkit.OcsfSchema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A whole session over HTTP leaves a verifiable audit trail: sign-in failures, admin actions with
 * before and after, answers with their model, surface and usage, searches, document reads and
 * denials, each with its request id. No token appears in the trail or in the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailIT {
  /** Where state is kept; a subclass runs the suite on PostgreSQL. */
  TestDatabases.Engine engine() {
    return TestDatabases.Engine.SQLITE;
  }

  static final ObjectMapper JSON = new ObjectMapper();
  Served served;
  SseClient admin;
  String danaToken;
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  void session(@TempDir Path dir) throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    served =
        Served.local(engine(), dir.resolve("data"), SampleCorpus.extractTo(dir.resolve("corpus")));
    admin = served.admin();
    new SseClient(served.api().port(), "stt_" + "forged".repeat(8)).get("/api/workspaces");
    admin.post("/api/principals", "{\"id\": \"dana\"}");
    admin.put("/api/workspaces/security/members/dana", "{\"role\": \"member\"}");
    admin.put("/api/workspaces/operations/members/dana", "{\"role\": \"workspace_admin\"}");
    danaToken = admin.post("/api/tokens", "{\"principal\": \"dana\"}").json().get("token").asText();
    SseClient dana = admin.as(danaToken);
    dana.ask("security", "How often are customer master keys rotated?");
    dana.get(
        "/api/workspaces/security/search?q="
            + URLEncoder.encode("key rotation", StandardCharsets.UTF_8));
    dana.get("/api/workspaces/compliance/search?q=backups", "X-Request-Id", "req-denied-1");
    dana.get(
        "/api/documents/"
            + URLEncoder.encode(
                "security:security/adr-0003-key-management.md", StandardCharsets.UTF_8));
    admin.put("/api/workspaces/security/budget", "{\"monthlyCapUsd\": 20, \"hardCap\": true}");
    admin.put("/api/workspaces/operations/prompt", "{\"prompt\": \"Be brief.\"}");
    dana.post("/api/conversations", "{\"workspaces\": [\"compliance\"]}");
  }

  @AfterAll
  void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    if (served != null) { // null when the engine was skipped (no PostgreSQL server)
      served.close();
    }
  }

  private List<JsonNode> records(SseClient who, String query) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    who.get("/api/audit?limit=1000" + query).json().get("records").forEach(out::add);
    return out;
  }

  @Test
  void every_action_of_the_session_is_recorded_in_order_and_the_chain_verifies() throws Exception {
    List<String> actions =
        records(admin, "").stream()
            .map(r -> r.get("action").asText() + ":" + r.get("outcome").asText())
            .toList();

    assertThat(actions)
        .containsSubsequence(
            "auth.failed:failure",
            "principal.created:success",
            "member.added:success",
            "member.added:success",
            "token.issued:success",
            "chat.answer:success",
            "search:success",
            "search:denied",
            "document.read:success",
            "budget.set:success",
            "workspace.prompt_changed:success");
    assertThat(served.stratum().auditLog().verify().ok()).isTrue();
  }

  @Test
  void an_answer_records_model_surface_usage_cost_passages_and_the_texts_apart() throws Exception {
    JsonNode answer = records(admin, "&action=chat.answer&principal=dana").get(0);

    assertThat(answer.get("workspace").asText()).isEqualTo("security");
    assertThat(answer.at("/metadata/model").asText()).isEqualTo("stratum-local-extractive");
    assertThat(answer.at("/metadata/backend").asText()).isEqualTo("local");
    assertThat(answer.at("/metadata/usage/output").asInt()).isPositive();
    assertThat(answer.at("/metadata/costUsd").asText()).isEqualTo("0");
    assertThat(answer.at("/metadata/citations/0").asText())
        .isEqualTo("security:security/adr-0003-key-management.md");
    assertThat(answer.at("/body/question").asText())
        .isEqualTo("How often are customer master keys rotated?");
    assertThat(answer.get("requestId").asText()).hasSize(36);
  }

  @Test
  void the_trail_filters_by_the_model_that_served_a_call() throws Exception {
    List<JsonNode> local = records(admin, "&model=stratum-local-extractive");
    List<JsonNode> other = records(admin, "&model=openai.gpt-5.5");

    assertThat(local)
        .isNotEmpty()
        .allSatisfy(
            r ->
                assertThat(r.at("/metadata/model").asText()).isEqualTo("stratum-local-extractive"));
    assertThat(local).extracting(r -> r.get("action").asText()).contains("chat.answer");
    assertThat(other).isEmpty();
  }

  @Test
  void a_denial_carries_the_callers_request_id_and_a_token_change_its_before_and_after()
      throws Exception {
    JsonNode denied = records(admin, "&action=search&principal=dana").get(1);
    JsonNode role = records(admin, "&action=member.*&workspace=security").get(0);

    assertThat(denied.get("outcome").asText()).isEqualTo("denied");
    assertThat(denied.get("requestId").asText()).isEqualTo("req-denied-1");
    assertThat(role.at("/metadata/before").asText()).isEqualTo("none");
    assertThat(role.at("/metadata/after").asText()).isEqualTo("member");
  }

  @Test
  void a_conversation_refused_at_its_start_is_audited_as_denied() throws Exception {
    JsonNode denied = records(admin, "&action=conversation.started&principal=dana").get(0);

    assertThat(denied.get("outcome").asText()).isEqualTo("denied");
    assertThat(denied.get("workspace").asText()).isEqualTo("compliance");
  }

  @Test
  void a_workspace_admin_reads_only_their_workspaces_records_and_members_none() throws Exception {
    SseClient dana = admin.as(danaToken);
    List<JsonNode> mine = records(dana, "");
    SseClient.Response other = dana.get("/api/audit?workspace=security");

    assertThat(mine)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.get("workspace").asText()).isEqualTo("operations"));
    assertThat(other.status()).isEqualTo(403);
  }

  @Test
  void every_record_of_the_session_exports_as_a_valid_ocsf_1_3_0_event(@TempDir Path out)
      throws Exception {
    Assumptions.assumeTrue(
        Files.isDirectory(OcsfSchema.sharedDir()),
        OcsfSchema.sharedDir() + " is not beside the checkout");
    OcsfSchema schema = OcsfSchema.load(OcsfSchema.sharedDir());
    long sent = served.stratum().auditExporter("test").drain(AuditExports.jsonl(out, 1 << 20), 100);
    List<String> lines = Files.readAllLines(out.resolve("stratum-audit.ocsf.jsonl"));
    Map<String, List<String>> problems = new TreeMap<>();
    Set<Integer> classes = new TreeSet<>();
    Set<String> actions = new TreeSet<>();
    for (String line : lines) {
      JsonNode e = JSON.readTree(line);
      List<String> p = schema.problems(e);
      if (!p.isEmpty()) {
        problems.put(e.at("/unmapped/seq").asText(), p);
      }
      classes.add(e.get("class_uid").asInt());
      actions.add(e.at("/unmapped/action").asText());
    }

    assertThat(lines).hasSize((int) sent).hasSizeGreaterThan(10);
    assertThat(problems).isEmpty();
    assertThat(classes).containsExactly(3001, 3002, 3004, 6003);
    assertThat(Ocsf.knownActions()).containsAll(actions);
  }

  @Test
  void no_token_reaches_the_audit_trail_or_the_log() {
    List<String> cells =
        served
            .stratum()
            .auditLog()
            .query(new AuditLog.Query(null, null, null, null, null, 0, 10_000))
            .stream()
            .map(Object::toString)
            .toList();
    String adminToken = admin.token();

    assertThat(cells).isNotEmpty().noneMatch(c -> c.contains(danaToken) || c.contains(adminToken));
    assertThat(cells).noneMatch(c -> c.contains("stt_"));
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(m -> m.contains("stt_"));
  }
}
