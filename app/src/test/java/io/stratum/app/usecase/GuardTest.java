package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.Action;
import io.stratum.access.Principal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardTest extends UseCaseTest {

  @Test
  void a_denial_is_audited_with_what_was_needed_before_it_is_thrown() {
    assertThatThrownBy(() -> u.guard.require(u.vic, Action.ASK, "security", "chat.answer"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("'vic' may not ask in workspace 'security'");

    assertThat(u.audited("chat.answer"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo("denied");
              assertThat(r.principal()).isEqualTo("vic");
              assertThat(r.workspace()).isEqualTo("security");
              assertThat(r.metadata()).isEqualTo("{\"needed\":\"ask in\"}");
            });
  }

  @Test
  void an_allowed_action_leaves_no_record() {
    u.guard.require(u.dana, Action.ASK, "security", "chat.answer");

    assertThat(u.audited("chat.answer")).isEmpty();
  }

  @Test
  void an_unknown_workspace_names_only_the_ones_the_caller_may_read() {
    assertThatThrownBy(() -> u.guard.require(u.dana, Action.READ, "finance", "search"))
        .isInstanceOf(UnknownWorkspaceException.class)
        .hasMessage("workspace 'finance' does not exist; known workspaces: security");
    assertThatThrownBy(
            () -> u.guard.require(Principal.LOCAL_OPERATOR, Action.READ, "finance", "search"))
        .hasMessage("workspace 'finance' does not exist; known workspaces: operations, security");
    Principal nobody = new Principal("nobody", "Nobody", false, Map.of());
    assertThatThrownBy(() -> u.guard.require(nobody, Action.READ, "finance", "search"))
        .hasMessage("workspace 'finance' does not exist; known workspaces: none you may read");
    assertThat(u.audited("search")).isEmpty();
  }

  @Test
  void org_admin_only_actions_are_denied_to_workspace_admins_and_audited() {
    assertThatThrownBy(
            () -> u.guard.requireOrgAdmin(u.olga, "set budgets", "budget.set", "operations"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("'olga' may not set budgets: org admins only");
    assertThat(u.audited("budget.set"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("denied"));
    u.guard.requireOrgAdmin(Principal.LOCAL_OPERATOR, "set budgets", "budget.set", "operations");
  }

  @Test
  void narrowing_a_scope_keeps_the_permitted_workspaces_in_order_without_a_record() {
    assertThat(u.guard.permitted(u.dana, Action.ASK, List.of("operations", "security", "security")))
        .containsExactly("security");
    assertThat(u.audited("*")).isEmpty();
  }
}
