package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.Member;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.access.TokenInfo;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminReadsTest extends UseCaseTest {
  private AdminReads reads;
  private final Principal root = new Principal("root", "root", true, Map.of());

  @BeforeEach
  void open() {
    reads = new AdminReads(u.guard, u.accounts, u.ledger, u.stores.workspaces);
  }

  @Test
  void a_workspace_admin_reads_the_members_and_settings_of_their_workspace() {
    AdminReads.WorkspaceDetail w = reads.workspace(u.olga, "operations");

    assertThat(w.members()).containsExactly(new Member("olga", "olga", Role.WORKSPACE_ADMIN));
    assertThat(w.budget().capUsd()).isNull();
    assertThat(w.prompt()).isEmpty();
  }

  @Test
  void a_member_may_not_read_a_workspaces_settings_and_the_refusal_is_audited() {
    assertThatThrownBy(() -> reads.workspace(u.dana, "security"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("'dana' may not administer workspace 'security'");
    assertThat(u.audited("workspace.read"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("denied"));
  }

  @Test
  void everyone_lists_their_own_tokens_and_only_org_admins_list_others() {
    u.accounts.issueToken("dana", "laptop", null);
    u.accounts.issueToken("vic", "phone", null);

    assertThat(reads.tokens(u.dana, null)).extracting(TokenInfo::name).containsExactly("laptop");
    assertThatThrownBy(() -> reads.tokens(u.dana, "vic"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("'dana' may not list tokens of others: org admins only");
    assertThat(reads.tokens(root, "vic")).extracting(TokenInfo::principalId).containsExactly("vic");
    assertThat(reads.tokens(root, null)).hasSize(2);
  }
}
