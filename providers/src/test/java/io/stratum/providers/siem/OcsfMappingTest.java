package io.stratum.providers.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.audit.AuditEvent;
import io.stratum.audit.AuditLog;
import io.stratum.audit.AuditRecord;
import io.stratum.audit.Ocsf;
import io.stratum.store.Database;
import io.stratum.testkit.OcsfSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every action Stratum records, in every outcome, maps to an OCSF 1.3.0 event that the official
 * schema's definitions accept (read from {@code ../shared/data/ocsf-schema-1.3.0}).
 */
class OcsfMappingTest {
  static OcsfSchema SCHEMA;
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  Database store;
  AuditLog log;
  final Ocsf ocsf = new Ocsf("0.1.0");

  @BeforeAll
  static void schema() {
    Assumptions.assumeTrue(
        Files.isDirectory(OcsfSchema.sharedDir()),
        OcsfSchema.sharedDir() + " is not beside the checkout");
    SCHEMA = OcsfSchema.load(OcsfSchema.sharedDir());
  }

  @BeforeEach
  void open() {
    store = Database.sqliteIn(dir);
    log = new AuditLog(store.sql(), dir.resolve("audit-signing.key"), dir.resolve("audit-head"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Metadata each action carries when the product records it. */
  static Map<String, Object> metadataFor(String action) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (action) {
      case "search" -> m.putAll(Map.of("k", 8, "passages", List.of("a#0"), "tookMs", 3.2));
      case "chat.answer" ->
          m.putAll(
              Map.of(
                  "model",
                  "anthropic.claude-sonnet-4-5",
                  "surface",
                  "converse",
                  "costUsd",
                  "0.01"));
      case "document.read" -> m.put("document", "security:adr-0003.md");
      case "conversation.read" -> m.put("conversationId", "c-1");
      case "mcp.tool_called" -> m.putAll(Map.of("tool", "search", "via", "mcp"));
      case "auth.failed" -> m.put("reason", "unknown token");
      case "principal.created" -> m.putAll(Map.of("principal", "dana", "orgAdmin", false));
      case "token.issued" ->
          m.putAll(Map.of("tokenId", "tok-1", "owner", "dana", "expiresAt", "never"));
      case "token.revoked" -> m.put("tokenId", "tok-1");
      case "member.added", "member.role_changed" ->
          m.putAll(Map.of("member", "dana", "before", "none", "after", "member"));
      case "member.removed" -> m.put("member", "dana");
      case "workspace.created" -> m.putAll(Map.of("name", "Security", "global", false));
      case "budget.set" -> m.putAll(Map.of("before", "none", "after", "20 hard"));
      case "budget.alert" -> m.putAll(Map.of("thresholdPercent", 80, "spentUsd", "16.1"));
      case "source.ingested" -> m.putAll(Map.of("source", "adr:/corpus/adr", "added", 12));
      case "source.sync_requested" ->
          m.putAll(Map.of("source", "adr:/corpus/adr", "job", "j-1", "trigger", "manual"));
      default -> {}
    }
    m.put("clientIp", "127.0.0.1");
    return m;
  }

  @Test
  void every_known_action_in_every_outcome_is_a_valid_ocsf_event() throws Exception {
    Map<String, List<String>> problems = new TreeMap<>();
    for (String action : Ocsf.knownActions()) {
      for (String outcome : List.of("success", "denied", "refused", "failure")) {
        String principal = action.equals("budget.alert") ? "system" : "dana";
        log.record(
            new AuditEvent(
                action,
                outcome,
                action.equals("auth.failed") ? "anonymous" : principal,
                action.startsWith("token.") || action.startsWith("principal.") ? "" : "security",
                "req-1",
                metadataFor(action),
                Map.of("question", "secret body")));
      }
    }
    List<AuditRecord> records = log.sealedAfter(0, 1000);
    for (AuditRecord r : records) {
      List<String> p = SCHEMA.problems(JSON.readTree(ocsf.json(r)));
      if (!p.isEmpty()) {
        problems.put(r.action() + ":" + r.outcome(), p);
      }
    }

    assertThat(records).hasSize(Ocsf.knownActions().size() * 4);
    assertThat(problems).isEmpty();
    assertThat(SCHEMA.version()).isEqualTo(Ocsf.VERSION);
  }

  @Test
  void actions_land_in_the_classes_a_siem_expects() throws Exception {
    Map<String, String> classes = new TreeMap<>();
    for (String action :
        List.of("search", "auth.failed", "member.added", "token.issued", "budget.set")) {
      log.record(
          new AuditEvent(action, "success", "dana", "security", "", metadataFor(action), null));
    }
    for (AuditRecord r : log.sealedAfter(0, 10)) {
      JsonNode e = JSON.readTree(ocsf.json(r));
      classes.put(r.action(), e.get("class_uid").asInt() + " " + e.get("type_name").asText());
    }

    assertThat(classes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "search", "6003 API Activity: Read",
                "auth.failed", "3002 Authentication: Logon",
                "member.added", "3001 Account Change: Attach Policy",
                "token.issued", "3001 Account Change: Token Issued",
                "budget.set", "3004 Entity Management: Update"));
  }

  @Test
  void the_event_key_is_the_chain_hash_and_bodies_never_leave() throws Exception {
    log.record(
        new AuditEvent(
            "chat.answer",
            "success",
            "dana",
            "security",
            "req-9",
            metadataFor("chat.answer"),
            Map.of("question", "what is our secret plan?")));
    AuditRecord r = log.sealedAfter(0, 1).get(0);

    JsonNode e = JSON.readTree(ocsf.json(r));

    assertThat(e.at("/metadata/uid").asText()).isEqualTo(r.hash());
    assertThat(e.at("/metadata/correlation_uid").asText()).isEqualTo("req-9");
    assertThat(e.at("/unmapped/action").asText()).isEqualTo("chat.answer");
    assertThat(e.at("/unmapped/details/model").asText()).isEqualTo("anthropic.claude-sonnet-4-5");
    assertThat(e.toString()).doesNotContain("secret plan");
  }

  @Test
  void the_validator_rejects_what_the_schema_forbids() throws Exception {
    log.record(
        new AuditEvent("search", "success", "dana", "security", "", metadataFor("search"), null));
    ObjectNode e = (ObjectNode) JSON.readTree(ocsf.json(log.sealedAfter(0, 1).get(0)));
    ((ObjectNode) e.get("metadata")).remove("product");
    e.put("activity_name", "Update");
    e.put("mood", "happy");
    ((ObjectNode) e.get("src_endpoint")).put("ip", "not-an-ip");
    e.put("severity_id", 7);

    assertThat(SCHEMA.problems(e))
        .containsExactlyInAnyOrder(
            "api_activity.metadata: missing required attribute product",
            "api_activity.activity_name: expected 'Read' for activity_id 2, got \"Update\"",
            "api_activity.mood: not an attribute of api_activity",
            "api_activity.src_endpoint.ip: 'not-an-ip' does not match ip_t",
            "api_activity.severity_id: 7 is not one of [0, 1, 2, 3, 4, 5, 6, 99]");
  }
}
