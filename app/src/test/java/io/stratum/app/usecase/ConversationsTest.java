package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import java.util.Collections;
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
  void a_title_is_one_line_of_200_characters_at_most() {
    assertThatThrownBy(() -> conversations.start(u.dana, List.of("security"), "t".repeat(100_000)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("title: must be at most 200 characters, got 100000");
    assertThatThrownBy(() -> conversations.start(u.dana, List.of("security"), "a\nb"))
        .hasMessage("title: must not contain control characters, got U+000A at index 1");
    assertThatThrownBy(() -> conversations.start(u.dana, List.of("security"), "a\ud800"))
        .hasMessage("title: must be valid Unicode, got a lone surrogate U+D800 at index 1");

    assertThat(conversations.list(u.dana, null, 10)).isEmpty();
  }

  @Test
  void a_title_made_from_a_question_fits_whatever_the_question_holds() {
    String title = Conversations.titleFrom("MCP: " + "Why?\n\u0000".repeat(1000));

    assertThat(title).hasSize(200).startsWith("MCP: Why? Why? ").endsWith("…");
    assertThat(conversations.start(u.dana, List.of("security"), title)).isNotBlank();
    assertThat(Conversations.titleFrom("  Keys\t rotation ")).isEqualTo("Keys rotation");
  }

  @Test
  void a_conversation_spans_20_workspaces_at_most_and_a_cursor_is_an_id() {
    assertThatThrownBy(() -> conversations.start(u.dana, Collections.nCopies(21, "security"), ""))
        .hasMessage("workspaces: must have at most 20 entries, got 21");
    assertThatThrownBy(() -> conversations.start(u.dana, List.of("s".repeat(100_000)), ""))
        .hasMessage("workspaces: must be at most 64 characters, got 100000");
    assertThatThrownBy(() -> conversations.list(u.dana, "c".repeat(65), 10))
        .hasMessage("cursor: must be at most 64 characters, got 65");
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
