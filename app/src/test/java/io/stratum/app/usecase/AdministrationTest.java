package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.budget.Budget;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdministrationTest extends UseCaseTest {
  static final Principal ROOT = Principal.LOCAL_OPERATOR;

  Administration admin;

  @BeforeEach
  void setUp() {
    admin = u.administration();
  }

  @Test
  void a_workspace_admin_grants_roles_in_their_workspace_and_the_change_is_audited() {
    admin.grant(u.olga, "dana", "operations", Role.MEMBER);
    admin.grant(u.olga, "dana", "operations", Role.VIEWER);

    assertThat(u.accounts.principal("dana").orElseThrow().roles())
        .containsEntry("operations", Role.VIEWER);
    assertThat(u.audited("member.added")).hasSize(1);
    assertThat(u.audited("member.role_changed"))
        .singleElement()
        .satisfies(r -> assertThat(r.metadata()).contains("\"before\":\"member\""));
  }

  @Test
  void a_workspace_admin_may_not_touch_another_workspace() {
    assertThatThrownBy(() -> admin.grant(u.olga, "vic", "security", Role.MEMBER))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("'olga' may not administer workspace 'security'");
    assertThat(u.audited("member.role_changed"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("denied"));
  }

  @Test
  void only_org_admins_create_workspaces_set_budgets_and_tiers() {
    assertThatThrownBy(() -> admin.createWorkspace(u.olga, "finance", "Finance", false))
        .hasMessage("'olga' may not create workspaces: org admins only");
    assertThatThrownBy(
            () -> admin.setBudget(u.olga, "operations", new Budget(BigDecimal.TEN, true)))
        .hasMessage("'olga' may not set budgets: org admins only");
    assertThatThrownBy(() -> admin.setTiers(u.olga, "operations", List.of("basic")))
        .hasMessage("'olga' may not set model tiers: org admins only");

    Administration.WorkspaceView w = admin.createWorkspace(ROOT, "finance", "Finance", true);
    assertThat(w).isEqualTo(new Administration.WorkspaceView("finance", "Finance", true));
    assertThat(admin.workspaces(u.dana))
        .extracting(Administration.WorkspaceView::id)
        .containsExactlyInAnyOrder("security", "finance");
  }

  @Test
  void creating_a_workspace_twice_says_it_exists() {
    assertThatThrownBy(() -> admin.createWorkspace(ROOT, "security", "Security", false))
        .hasMessage("workspace 'security' already exists");
  }

  @Test
  void bad_values_name_the_field() {
    assertThatThrownBy(() -> admin.setTiers(ROOT, "security", List.of("premium")))
        .hasMessage("tiers: expected advanced and/or basic, got 'premium'");
    assertThatThrownBy(() -> admin.setPrompt(ROOT, "security", "x".repeat(8001)))
        .hasMessage("prompt: must be at most 8000 characters, got 8001");
  }

  @Test
  void deleting_a_workspace_takes_its_chunks_documents_and_conversations_with_it() {
    u.answering().ask(u.dana, "security", "How often are master keys rotated?", e -> {});

    admin.deleteWorkspace(ROOT, "security");

    assertThat(u.stores.workspaces.workspace("security")).isEmpty();
    assertThat(u.stores.conversations.conversationsOf("dana", null, 10)).isEmpty();
    assertThat(u.stores.documents.sourcesOf("security")).isEmpty();
    assertThat(u.index.size()).isEqualTo(1); // operations' one chunk
    assertThat(u.audited("workspace.deleted"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("success"));
  }

  @Test
  void a_token_for_someone_else_needs_an_org_admin_and_revoking_an_unknown_one_says_so() {
    assertThatThrownBy(() -> admin.issueToken(u.dana, "vic", "", null))
        .hasMessage("'dana' may not issue tokens for others: org admins only");
    assertThat(admin.issueToken(u.dana, "dana", "laptop", null).token()).startsWith("stt_");
    assertThat(admin.revokeToken(ROOT, "no-such-token")).isFalse();
    assertThat(u.audited("token.revoked"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("failure"));
  }

  @Test
  void anyone_may_revoke_their_own_token_and_only_org_admins_anyone_else_s() {
    String mine = admin.issueToken(u.dana, "dana", "laptop", null).id();
    String vics = admin.issueToken(u.vic, "vic", "laptop", null).id();

    assertThatThrownBy(() -> admin.revokeToken(u.dana, vics))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("'dana' may not revoke tokens of others: org admins only");
    assertThat(admin.revokeToken(u.dana, mine)).isTrue();
    assertThat(admin.revokeToken(ROOT, vics)).isTrue();
  }
}
