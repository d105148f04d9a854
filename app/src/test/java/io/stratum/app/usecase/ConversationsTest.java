package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationsTest extends UseCaseTest {
  Conversations conversations;

  @BeforeEach
  void setUp() {
    conversations = new Conversations(u.guard, u.stores.conversations, u.auditor);
  }

  @Test
  void a_conversation_starts_over_workspaces_its_owner_may_ask_in() {
    String id = conversations.start(u.dana, List.of("security", "security"), "Keys");

    assertThat(conversations.find(u.dana, id).orElseThrow().workspaces())
        .containsExactly("security");
    assertThat(conversations.list(u.dana, null, 10))
        .singleElement()
        .satisfies(h -> assertThat(h.title()).isEqualTo("Keys"));
  }

  @Test
  void starting_one_where_the_caller_may_only_read_is_denied_and_audited() {
    assertThatThrownBy(() -> conversations.start(u.vic, List.of("security"), ""))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("'vic' may not ask in workspace 'security'");
    assertThat(u.audited("conversation.started"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("denied"));
  }

  @Test
  void another_member_finds_nothing_as_if_it_did_not_exist_and_the_attempt_is_audited() {
    String id = conversations.start(u.dana, List.of("security"), "");

    assertThat(conversations.find(u.vic, id)).isEmpty();
    assertThat(u.audited("conversation.read"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("denied"));
  }

  @Test
  void a_page_size_outside_one_to_fifty_names_the_field() {
    assertThatThrownBy(() -> conversations.list(u.dana, null, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("limit: expected a number from 1 to 50, got 0");
  }

  /** Dana, now a member of both, asks over operations and security; billed to operations. */
  private String askedOverBoth() {
    u.accounts.grant("dana", "operations", Role.MEMBER);
    Principal dana = u.accounts.principal("dana").orElseThrow();
    String id = conversations.start(dana, List.of("operations", "security"), "");
    u.answering().send(dana, id, "How often are customer master keys rotated?", e -> {});
    return id;
  }

  @Test
  void the_admin_of_one_workspace_cannot_read_a_conversation_that_also_drew_on_another() {
    String id = askedOverBoth();

    assertThat(conversations.find(u.olga, id)).isEmpty();
    assertThat(conversations.find(Principal.LOCAL_OPERATOR, id)).isPresent();
  }

  @Test
  void a_member_removed_from_one_of_its_workspaces_can_no_longer_read_their_own_conversation() {
    String id = askedOverBoth();
    u.accounts.removeMember("dana", "operations");

    assertThat(conversations.find(u.accounts.principal("dana").orElseThrow(), id)).isEmpty();
    assertThat(u.audited("conversation.read"))
        .extracting(r -> r.outcome())
        .containsExactly("denied");
  }
}
