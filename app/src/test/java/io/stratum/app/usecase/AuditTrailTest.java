package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.audit.AuditRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditTrailTest extends UseCaseTest {
  AuditTrail trail;

  @BeforeEach
  void setUp() {
    trail = new AuditTrail(u.guard, u.log);
    u.auditor.system("budget.alert", "security", Map.of());
    u.auditor.system("budget.alert", "operations", Map.of());
  }

  private static AuditTrail.Filter in(String workspace) {
    return new AuditTrail.Filter(null, null, null, workspace, "budget.*", null, 0, 100);
  }

  @Test
  void an_org_admin_reads_every_workspace_s_records() {
    assertThat(trail.query(Principal.LOCAL_OPERATOR, in(null))).hasSize(2);
  }

  @Test
  void a_workspace_admin_reads_only_the_workspaces_they_administer() {
    assertThat(trail.query(u.olga, in(null)))
        .extracting(AuditRecord::workspace)
        .containsExactly("operations");
    assertThatThrownBy(() -> trail.query(u.olga, in("security")))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("'olga' may not administer workspace 'security'");
  }

  @Test
  void a_member_is_denied_and_the_denial_is_itself_a_record() {
    assertThatThrownBy(() -> trail.query(u.dana, in(null)))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("'dana' may not read the audit trail: org admins and workspace admins only");
    assertThat(u.audited("audit.read"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("denied"));
  }

  @Test
  void newest_first_pages_backwards_from_the_cursor_and_an_outcome_narrows_the_records() {
    u.auditor.system("budget.alert", "compliance", Map.of());
    AuditTrail.Filter newest =
        new AuditTrail.Filter(null, null, null, null, "budget.*", null, "success", 0, true, 2);

    List<AuditRecord> first = trail.query(Principal.LOCAL_OPERATOR, newest);
    assertThat(first)
        .extracting(AuditRecord::workspace)
        .containsExactly("compliance", "operations");
    List<AuditRecord> older =
        trail.query(
            Principal.LOCAL_OPERATOR,
            new AuditTrail.Filter(
                null, null, null, null, "budget.*", null, "success", first.get(1).seq(), true, 2));
    assertThat(older).extracting(AuditRecord::workspace).containsExactly("security");
    assertThat(
            trail.query(
                Principal.LOCAL_OPERATOR,
                new AuditTrail.Filter(
                    null, null, null, null, "budget.*", null, "failure", 0, true, 10)))
        .isEmpty();
  }

  @Test
  void a_page_larger_than_a_thousand_names_the_field() {
    assertThatThrownBy(
            () ->
                trail.query(
                    Principal.LOCAL_OPERATOR,
                    new AuditTrail.Filter(null, null, null, null, null, null, 0, 1001)))
        .hasMessage("limit: expected a number from 1 to 1000, got 1001");
  }

  @Test
  void an_answer_drawn_also_from_a_workspace_the_reader_may_not_read_is_redacted() {
    u.accounts.grant("dana", "operations", Role.MEMBER);
    Principal dana = u.accounts.principal("dana").orElseThrow();
    String id =
        new Conversations(u.guard, u.stores.conversations, u.auditor)
            .start(dana, List.of("operations", "security"), "");
    u.answering().send(dana, id, "How often are customer master keys rotated?", e -> {});
    AuditTrail.Filter answers =
        new AuditTrail.Filter(null, null, null, null, "chat.answer", null, 0, 100);

    AuditRecord seenByOlga = trail.query(u.olga, answers).get(0);
    AuditRecord seenByRoot = trail.query(Principal.LOCAL_OPERATOR, answers).get(0);

    assertThat(seenByRoot.body()).contains("Master keys rotate");
    assertThat(seenByRoot.metadata()).contains("\"citations\":[\"security:");
    assertThat(seenByOlga.workspace()).isEqualTo("operations");
    assertThat(seenByOlga.body()).isNull();
    assertThat(seenByOlga.metadata())
        .doesNotContain("security:")
        .contains("\"redacted\":\"drawn also from a workspace you may not read\"");
  }
}
