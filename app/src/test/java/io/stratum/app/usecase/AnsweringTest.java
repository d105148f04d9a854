package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.budget.Budget;
import io.stratum.budget.BudgetExceededException;
import io.stratum.dispatch.ChatMessage;
import io.stratum.store.Conversation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnsweringTest extends UseCaseTest {
  static final String QUESTION = "How often are customer master keys rotated?";

  @Test
  void a_one_shot_ask_is_the_first_turn_of_a_new_conversation_billed_and_audited_together() {
    Answering.Turn t = u.answering().ask(u.dana, "security", QUESTION, e -> {});

    Conversation c = u.stores.conversations.conversation(t.conversationId()).orElseThrow();
    assertThat(c.principal()).isEqualTo("dana");
    assertThat(c.workspaces()).containsExactly("security");
    assertThat(u.stores.conversations.conversationsOf("dana", null, 10))
        .singleElement()
        .satisfies(h -> assertThat(h.title()).isEqualTo(QUESTION));
    assertThat(c.messages()).extracting(m -> m.role()).containsExactly("user", "assistant");
    assertThat(t.answer().text()).isEqualTo("Master keys rotate every 365 days [1].");
    assertThat(t.cost()).isPositive();
    assertThat(u.ledger.spend("security", u.ledger.currentMonth()).spentUsd())
        .isEqualByComparingTo(t.cost());
    assertThat(u.audited("chat.answer"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo("success");
              assertThat(r.principal()).isEqualTo("dana");
              assertThat(r.metadata()).contains("\"conversationId\":\"" + t.conversationId());
            });
  }

  @Test
  void a_one_shot_ask_carries_the_workspace_instructions_like_any_turn() {
    u.stores.workspaces.setPrompt("security", "Answer in one sentence.");

    u.answering().ask(u.dana, "security", QUESTION, e -> {});

    assertThat(u.advanced.requests().get(0).messages())
        .extracting(ChatMessage::text)
        .anySatisfy(text -> assertThat(text).contains("Answer in one sentence."));
  }

  @Test
  void a_follow_up_continues_the_conversation_rewritten_by_the_basic_model() {
    Answering answering = u.answering();
    String id = answering.ask(u.dana, "security", QUESTION, e -> {}).conversationId();

    Answering.Turn next = answering.send(u.dana, id, "Who approves that?", e -> {}).orElseThrow();

    assertThat(next.conversationId()).isEqualTo(id);
    assertThat(next.query()).isEqualTo("How often are master keys rotated?");
    assertThat(u.basic.requests()).hasSize(1);
    assertThat(u.stores.conversations.conversation(id).orElseThrow().messages()).hasSize(4);
  }

  @Test
  void without_a_basic_model_a_follow_up_keeps_the_previous_question_s_terms() {
    Answering answering = u.answering(u.advanced, u.basic, true);
    String id = answering.ask(u.dana, "security", QUESTION, e -> {}).conversationId();

    Answering.Turn next = answering.send(u.dana, id, "Who approves that?", e -> {}).orElseThrow();

    assertThat(next.query()).isEqualTo(QUESTION + " Who approves that?");
    assertThat(u.basic.requests()).isEmpty();
  }

  @Test
  void someone_else_s_conversation_is_not_there_to_continue() {
    Answering answering = u.answering();
    String id = answering.ask(u.dana, "security", QUESTION, e -> {}).conversationId();
    u.accounts.createPrincipal("eve", "Eve", false);
    u.accounts.grant("eve", "security", Role.MEMBER);
    Principal eve = u.accounts.principal("eve").orElseThrow();

    assertThat(answering.send(eve, id, "And?", e -> {})).isEmpty();
    assertThat(u.advanced.requests()).hasSize(1);
  }

  @Test
  void a_viewer_may_not_ask_and_the_denial_is_audited_before_any_model_call() {
    assertThatThrownBy(() -> u.answering().ask(u.vic, "security", QUESTION, e -> {}))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("'vic' may not ask in workspace 'security'");

    assertThat(u.advanced.requests()).isEmpty();
    assertThat(u.audited("chat.answer"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("denied"));
  }

  @Test
  void a_member_who_lost_access_is_denied_the_next_turn_of_their_own_conversation() {
    Answering answering = u.answering();
    String id = answering.ask(u.dana, "security", QUESTION, e -> {}).conversationId();
    u.accounts.removeMember("dana", "security");
    Principal now = u.accounts.principal("dana").orElseThrow();

    assertThatThrownBy(() -> answering.send(now, id, "And?", e -> {}))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("'dana' may not ask in workspace 'security'");
    assertThat(u.advanced.requests()).hasSize(1);
  }

  @Test
  void a_hard_cap_refuses_before_the_model_is_called_and_the_refusal_is_audited() {
    u.ledger.setBudget("security", new Budget(new BigDecimal("0.001"), true));

    assertThatThrownBy(() -> u.answering().ask(u.dana, "security", QUESTION, e -> {}))
        .isInstanceOf(BudgetExceededException.class);

    assertThat(u.advanced.requests()).isEmpty();
    assertThat(u.audited("chat.answer"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("refused"));
  }

  @Test
  void a_failed_model_call_releases_the_reservation_and_is_audited_as_a_failure() {
    Answering answering = u.answering(UseCases.failing("throttled"), u.basic, false);

    assertThatThrownBy(() -> answering.ask(u.dana, "security", QUESTION, e -> {}))
        .hasMessage("throttled");

    assertThat(u.ledger.spend("security", u.ledger.currentMonth()).spentUsd()).isZero();
    assertThat(u.audited("chat.answer"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo("failure");
              assertThat(r.metadata()).contains("\"error\":\"throttled\"");
            });
    assertThat(u.stores.conversations.conversationsOf("dana", null, 10)).isEmpty();
  }

  @Test
  void a_question_the_corpus_does_not_cover_is_refused_without_a_model_call_or_a_bill() {
    Answering.Turn t =
        u.answering().ask(u.dana, "security", "What is the cafeteria menu on Friday?", e -> {});

    assertThat(t.answer().refused()).isTrue();
    assertThat(t.cost()).isZero();
    assertThat(u.advanced.requests()).isEmpty();
  }

  @Test
  void an_empty_question_names_the_field() {
    assertThatThrownBy(() -> u.answering().ask(u.dana, "security", "  ", e -> {}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("question: must not be empty");
  }

  @Test
  void a_workspace_without_the_advanced_tier_is_answered_by_the_basic_model() {
    u.stores.workspaces.setTiers("security", Set.of("basic"));

    Answering.Turn t = u.answering().ask(u.dana, "security", QUESTION, e -> {});

    assertThat(t.tier()).isEqualTo("basic");
    assertThat(u.advanced.requests()).isEmpty();
    assertThat(u.basic.requests()).hasSize(1);
    assertThat(List.of(t.workspace())).containsExactly("security");
  }

  @Test
  void a_hard_cap_is_never_overspent_even_when_every_byte_of_the_prompt_is_a_token() {
    // 3,000 CJK characters of instructions: 9,000 bytes, which characters / 4 counted as 750
    u.stores.workspaces.setPrompt("security", "回答要簡潔。".repeat(500));
    u.ledger.setBudget("security", new Budget(new BigDecimal("0.30"), true));
    Answering answering = u.answering(UseCases.billingEveryByte(), u.basic, true);

    int answered = 0;
    try {
      while (answered < 100) {
        answering.ask(u.dana, "security", QUESTION, e -> {});
        answered++;
      }
    } catch (BudgetExceededException e) {
      assertThat(e.getMessage()).contains("security");
    }

    assertThat(answered).isBetween(1, 99);
    assertThat(u.ledger.spend("security", u.ledger.currentMonth()).spentUsd())
        .isLessThanOrEqualTo(new BigDecimal("0.30"));
  }
}
