package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.budget.Budget;
import java.math.BigDecimal;
import java.time.Duration;
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
  void names_ids_and_titles_are_bounded_before_anything_is_stored_or_audited() {
    assertThatThrownBy(() -> admin.createWorkspace(ROOT, "finance", "F".repeat(900_000), false))
        .hasMessage("name: must be at most 200 characters, got 900000");
    assertThatThrownBy(() -> admin.createWorkspace(ROOT, "f".repeat(65), null, false))
        .hasMessage("id: must be at most 64 characters, got 65");
    assertThatThrownBy(() -> admin.createWorkspace(ROOT, "Finance", null, false))
        .hasMessage(
            "id: expected lower-case letters, digits and '-' (1 to 64, starting with a letter or"
                + " digit), got 'Finance'");
    assertThatThrownBy(() -> admin.createPrincipal(ROOT, "zoe", "Zoe\u0000", false))
        .hasMessage("name: must not contain control characters, got U+0000 at index 3");
    assertThatThrownBy(() -> admin.grant(ROOT, "z".repeat(100_000), "security", Role.MEMBER))
        .hasMessage("principal: must be at most 64 characters, got 100000");
    assertThatThrownBy(() -> admin.issueToken(ROOT, "dana", "t".repeat(201), null))
        .hasMessage("name: must be at most 200 characters, got 201");

    assertThat(admin.createWorkspace(ROOT, "finance", " ", false).name()).isEqualTo("finance");
    assertThat(u.audited("workspace.created")).hasSize(1);
  }

  @Test
  void a_monthly_cap_is_from_0_to_a_million_dollars_in_whole_cents() {
    assertThatThrownBy(() -> admin.setBudget(ROOT, "security", cap("1e30")))
        .hasMessage("monthlyCapUsd: expected a number from 0 to 1000000, got 1E+30");
    assertThatThrownBy(() -> admin.setBudget(ROOT, "security", cap("9".repeat(1000))))
        .hasMessage(
            "monthlyCapUsd: expected a number from 0 to 1000000, got "
                + "9".repeat(40)
                + "… (1000 characters)");
    assertThatThrownBy(() -> admin.setBudget(ROOT, "security", cap("-0.01")))
        .hasMessage("monthlyCapUsd: expected a number from 0 to 1000000, got -0.01");
    assertThatThrownBy(() -> admin.setBudget(ROOT, "security", cap("1e-9")))
        .hasMessage("monthlyCapUsd: expected whole cents (2 decimal places at most), got 1E-9");

    admin.setBudget(ROOT, "security", cap("1000000.00"));
    admin.setBudget(ROOT, "security", cap("0.01"));
    assertThat(u.audited("budget.set")).hasSize(2);
  }

  private static Budget cap(String usd) {
    return new Budget(new BigDecimal(usd), true);
  }

  @Test
  void a_token_lives_at_most_ten_years() {
    assertThatThrownBy(() -> admin.issueToken(ROOT, "dana", "", Duration.ofDays(3651)))
        .hasMessage("expiresInDays: must be at most 3650 days, got 3651 days");
    assertThatThrownBy(() -> admin.issueToken(ROOT, "dana", "", Duration.ZERO))
        .hasMessage("expiresInDays: must be positive, got PT0S");

    assertThat(admin.issueToken(ROOT, "dana", "", Duration.ofDays(3650)).expiresAt()).isNotNull();
  }

  @Test
  void tiers_name_each_tier_once_at_most() {
    assertThatThrownBy(
            () -> admin.setTiers(ROOT, "security", List.of("basic", "advanced", "basic")))
        .hasMessage("tiers: must have at most 2 entries, got 3");
    assertThatThrownBy(() -> admin.setTiers(ROOT, "security", List.of("b".repeat(100))))
        .hasMessage(
            "tiers: expected advanced and/or basic, got '"
                + "b".repeat(40)
                + "… (100 characters)'");
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
