package io.stratum.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a SIEM receives for each kind of record, field by field. The schema check over every action
 * and outcome is {@code OcsfMappingTest} in providers; this one names the values.
 */
class OcsfTest {
  static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
  final Ocsf ocsf = new Ocsf("1.2.3");

  static AuditRecord record(
      String action,
      String outcome,
      String principal,
      String workspace,
      String requestId,
      String metadata) {
    return new AuditRecord(
        7, AT, action, outcome, principal, workspace, requestId, metadata, null, "bh", "h6", "h7");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sub(Map<String, Object> event, String key) {
    return (Map<String, Object>) event.get(key);
  }

  @Test
  void an_answer_is_api_activity_create_with_its_actor_request_source_and_resources() {
    Map<String, Object> e =
        ocsf.event(
            record(
                "chat.answer",
                "success",
                "alice",
                "security",
                "req-1",
                "{\"model\":\"m\",\"clientIp\":\"10.0.0.1\",\"document\":\"d1\",\"conversationId\":\"c1\"}"));

    assertThat(e)
        .containsEntry("category_uid", 6)
        .containsEntry("category_name", "Application Activity")
        .containsEntry("class_uid", 6003)
        .containsEntry("class_name", "API Activity")
        .containsEntry("activity_id", 1)
        .containsEntry("activity_name", "Create")
        .containsEntry("type_uid", 600301L)
        .containsEntry("type_name", "API Activity: Create")
        .containsEntry("time", AT.toEpochMilli())
        .containsEntry("severity_id", 1)
        .containsEntry("severity", "Informational")
        .containsEntry("status_id", 1)
        .containsEntry("status", "Success")
        .containsEntry("message", "alice chat.answer in security: success")
        .containsEntry("actor", Map.of("user", Map.of("uid", "alice", "name", "alice")))
        .containsEntry("src_endpoint", Map.of("ip", "10.0.0.1"))
        .containsEntry(
            "api",
            Map.of(
                "operation", "chat.answer",
                "service", Map.of("name", "Stratum"),
                "request", Map.of("uid", "req-1")))
        .containsEntry(
            "resources",
            List.of(
                Map.of("type", "workspace", "uid", "security", "name", "security"),
                Map.of("type", "document", "uid", "d1"),
                Map.of("type", "conversation", "uid", "c1")))
        .doesNotContainKey("status_detail");
    assertThat(e.get("metadata"))
        .isEqualTo(
            Map.of(
                "version", "1.3.0",
                "product", Map.of("name", "Stratum", "vendor_name", "Stratum", "version", "1.2.3"),
                "uid", "h7",
                "log_name", "stratum-audit",
                "sequence", 7L,
                "correlation_uid", "req-1"));
    assertThat(e.get("unmapped"))
        .isEqualTo(
            Map.of(
                "action", "chat.answer",
                "outcome", "success",
                "seq", 7L,
                "workspace", "security",
                "details",
                    Map.of(
                        "model", "m",
                        "clientIp", "10.0.0.1",
                        "document", "d1",
                        "conversationId", "c1")));
  }

  @Test
  void a_tool_call_without_workspace_or_request_names_the_tool_and_comes_from_local() {
    Map<String, Object> e =
        ocsf.event(record("mcp.tool_called", "success", "bob", "", "", "{\"tool\":\"search\"}"));

    assertThat(e)
        .containsEntry("activity_id", 99)
        .containsEntry("activity_name", "Tool Call")
        .containsEntry("type_uid", 600399L)
        .containsEntry("message", "bob mcp.tool_called: success")
        .containsEntry("src_endpoint", Map.of("name", "local"))
        .containsEntry(
            "api", Map.of("operation", "tools/call search", "service", Map.of("name", "Stratum")))
        .doesNotContainKey("resources");
    assertThat(sub(e, "metadata")).doesNotContainKey("correlation_uid");
    assertThat(sub(e, "unmapped")).doesNotContainKey("workspace");
  }

  @Test
  void an_action_it_does_not_know_is_api_activity_other_under_its_own_name() {
    Map<String, Object> e = ocsf.event(record("widget.spun", "success", "system", "", "", "{}"));

    assertThat(e)
        .containsEntry("class_uid", 6003)
        .containsEntry("activity_id", 99)
        .containsEntry("activity_name", "widget.spun")
        .containsEntry("type_name", "API Activity: widget.spun")
        .containsEntry("actor", Map.of("app_name", "Stratum"));
    assertThat(Ocsf.knownActions())
        .contains("chat.answer", "auth.failed")
        .doesNotContain("widget.spun");
  }

  @Test
  void a_failed_sign_in_is_authentication_logon_of_an_unknown_user_at_medium_severity() {
    Map<String, Object> e =
        ocsf.event(
            record(
                "auth.failed", "denied", "anonymous", "", "r9", "{\"reason\":\"unknown token\"}"));

    assertThat(e)
        .containsEntry("category_uid", 3)
        .containsEntry("category_name", "Identity & Access Management")
        .containsEntry("class_uid", 3002)
        .containsEntry("class_name", "Authentication")
        .containsEntry("activity_id", 1)
        .containsEntry("type_uid", 300201L)
        .containsEntry("severity_id", 3)
        .containsEntry("severity", "Medium")
        .containsEntry("status_id", 2)
        .containsEntry("status", "Failure")
        .containsEntry("status_detail", "denied: unknown token")
        .containsEntry("user", Map.of("uid", "unknown", "name", "unknown"))
        .containsEntry("is_mfa", false)
        .doesNotContainKey("actor")
        .doesNotContainKey("api");
  }

  @Test
  void a_sign_in_of_a_known_principal_names_it_as_actor_and_user() {
    Map<String, Object> e = ocsf.event(record("session.ended", "success", "carol", "", "", "{}"));

    assertThat(e)
        .containsEntry("activity_name", "Logoff")
        .containsEntry("actor", Map.of("user", Map.of("uid", "carol", "name", "carol")))
        .containsEntry("user", Map.of("uid", "carol", "name", "carol"));
  }

  @Test
  void a_refusal_is_low_severity_and_says_what_was_needed_and_a_failure_says_its_error() {
    Map<String, Object> refused =
        ocsf.event(record("chat.answer", "refused", "alice", "security", "", "{\"needed\":120}"));
    Map<String, Object> failed =
        ocsf.event(
            record("chat.answer", "failure", "alice", "security", "", "{\"error\":\"throttled\"}"));
    Map<String, Object> bare =
        ocsf.event(record("search", "denied", "alice", "security", "", "{}"));

    assertThat(refused)
        .containsEntry("severity_id", 2)
        .containsEntry("severity", "Low")
        .containsEntry("status_detail", "refused: needs 120");
    assertThat(failed)
        .containsEntry("severity_id", 3)
        .containsEntry("status_detail", "failure: throttled");
    assertThat(bare).containsEntry("status_detail", "denied");
  }

  @Test
  void a_token_change_names_its_owner_and_the_credential() {
    Map<String, Object> e =
        ocsf.event(
            record(
                "token.issued",
                "success",
                "root",
                "",
                "",
                "{\"owner\":\"dan\",\"tokenId\":\"t1\"}"));

    assertThat(e)
        .containsEntry("class_uid", 3001)
        .containsEntry("class_name", "Account Change")
        .containsEntry("activity_id", 99)
        .containsEntry("activity_name", "Token Issued")
        .containsEntry("user", Map.of("uid", "dan", "name", "dan", "credential_uid", "t1"))
        .doesNotContainKey("policy");
  }

  @Test
  void a_membership_change_names_the_member_before_the_principal_and_the_role_as_policy() {
    Map<String, Object> added =
        ocsf.event(
            record(
                "member.added",
                "success",
                "root",
                "security",
                "",
                "{\"principal\":\"root\",\"member\":\"dan\",\"after\":\"viewer\"}"));
    Map<String, Object> removed =
        ocsf.event(
            record(
                "member.removed",
                "success",
                "root",
                "security",
                "",
                "{\"member\":\"dan\",\"after\":\"x\"}"));
    Map<String, Object> changed =
        ocsf.event(record("member.role_changed", "success", "root", "security", "", "{}"));

    assertThat(added)
        .containsEntry("activity_id", 7)
        .containsEntry("user", Map.of("uid", "dan", "name", "dan"))
        .containsEntry(
            "policy",
            Map.of("name", "viewer", "uid", "security", "desc", "role in workspace security"));
    assertThat(removed)
        .containsEntry("activity_id", 8)
        .containsEntry(
            "policy",
            Map.of("name", "member", "uid", "security", "desc", "role in workspace security"));
    assertThat(changed)
        .containsEntry("user", Map.of("uid", "unknown", "name", "unknown"))
        .containsEntry(
            "policy",
            Map.of("name", "none", "uid", "security", "desc", "role in workspace security"));
  }

  @Test
  void a_principal_created_is_account_change_of_that_principal() {
    Map<String, Object> e =
        ocsf.event(
            record("principal.created", "success", "root", "", "", "{\"principal\":\"erin\"}"));

    assertThat(e)
        .containsEntry("type_uid", 300101L)
        .containsEntry("user", Map.of("uid", "erin", "name", "erin"))
        .doesNotContainKey("policy");
  }

  @Test
  void workspace_budget_and_source_changes_are_entities_with_before_and_after() {
    Map<String, Object> budget =
        ocsf.event(
            record(
                "budget.set", "success", "root", "security", "", "{\"before\":10,\"after\":20}"));
    Map<String, Object> created =
        ocsf.event(
            record(
                "workspace.created", "success", "root", "finance", "", "{\"name\":\"Finance\"}"));
    Map<String, Object> global =
        ocsf.event(
            record("workspace.global_changed", "success", "root", "", "", "{\"after\":null}"));
    Map<String, Object> source =
        ocsf.event(
            record(
                "source.ingested", "success", "system", "security", "", "{\"source\":\"wiki\"}"));
    Map<String, Object> nameless =
        ocsf.event(record("source.sync_requested", "success", "root", "security", "", "{}"));

    assertThat(budget)
        .containsEntry("class_uid", 3004)
        .containsEntry("class_name", "Entity Management")
        .containsEntry("activity_name", "Update")
        .containsEntry(
            "entity",
            Map.of("type", "budget", "uid", "security", "data", Map.of("before", 10, "after", 20)));
    assertThat(created)
        .containsEntry("activity_name", "Create")
        .containsEntry("entity", Map.of("type", "workspace", "uid", "finance", "name", "Finance"));
    assertThat(sub(global, "entity"))
        .containsEntry("type", "workspace")
        .containsEntry("uid", "unknown")
        .containsKey("data");
    assertThat(source).containsEntry("entity", Map.of("type", "source", "uid", "wiki"));
    assertThat(nameless)
        .containsEntry("activity_name", "Sync Requested")
        .containsEntry("entity", Map.of("type", "source", "uid", "unknown"));
  }

  @Test
  void json_is_the_event_on_one_line_and_unreadable_metadata_names_the_record() {
    AuditRecord r = record("search", "success", "alice", "security", "", "{}");

    assertThat(ocsf.json(r))
        .startsWith("{\"category_uid\":6,\"category_name\":\"Application Activity\",")
        .doesNotContain("\n");
    assertThatThrownBy(() -> ocsf.json(record("search", "success", "a", "", "", "not json")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("audit record 7 has unreadable metadata");
  }
}
