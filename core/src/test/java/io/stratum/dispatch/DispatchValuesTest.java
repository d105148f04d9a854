package io.stratum.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The dispatch layer's values: what they accept, what they refuse and say, what they compute. */
class DispatchValuesTest {
  static final ToolCall CALL = new ToolCall("t1", "search", "{}");

  static ChatResult result(String text, List<ToolCall> calls, StopReason stop) {
    return new ChatResult(
        text,
        "",
        calls,
        stop,
        Usage.ZERO,
        "m",
        "converse",
        "r",
        List.of(),
        Map.of(),
        Duration.ZERO,
        Duration.ZERO,
        List.of());
  }

  @Test
  void only_a_tool_message_names_a_call_and_only_an_assistant_calls_tools() {
    assertThat(ChatMessage.toolResult("t1", "found"))
        .isEqualTo(new ChatMessage(Role.TOOL, "found", "t1", List.of()));
    assertThat(ChatMessage.assistant("let me look", List.of(CALL)).toolCalls())
        .containsExactly(CALL);
    assertThat(ChatMessage.assistant("done")).isEqualTo(new ChatMessage(Role.ASSISTANT, "done"));

    assertThatThrownBy(() -> new ChatMessage(Role.TOOL, "found", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a tool message needs the id of the call it answers");
    assertThatThrownBy(() -> new ChatMessage(Role.TOOL, "found", null))
        .hasMessage("a tool message needs the id of the call it answers");
    assertThatThrownBy(() -> new ChatMessage(Role.USER, "hi", null, List.of(CALL)))
        .hasMessage("only an assistant message calls tools, got 1 on a USER");
  }

  @Test
  void a_request_needs_a_message_and_a_ceiling_of_at_least_one_and_joins_its_system_texts() {
    ChatRequest r =
        ChatRequest.of(
            ChatMessage.system("Be brief."),
            ChatMessage.user("first"),
            ChatMessage.system("Cite."),
            ChatMessage.assistant("ok"));

    assertThat(r.systemText()).isEqualTo("Be brief.\n\nCite.");
    assertThat(r.lastUserText()).isEqualTo("first");
    assertThat(ChatRequest.of(ChatMessage.user("only")).lastUserText()).isEqualTo("only");
    assertThat(r.withMaxOutputTokens(1).maxOutputTokens()).isEqualTo(1);
    ToolSpec spec = new ToolSpec("search", "Search", "{}");
    assertThat(r.withTools(List.of(spec)).tools()).containsExactly(spec);
    assertThatThrownBy(() -> r.withMaxOutputTokens(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxOutputTokens must be at least 1, got 0");
    assertThatThrownBy(() -> ChatRequest.of()).hasMessage("messages must not be empty");
    assertThatThrownBy(() -> ChatRequest.of(ChatMessage.system("x")).lastUserText())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the request has no user message");
  }

  @Test
  void a_result_is_incomplete_only_when_a_ceiling_left_no_text_and_no_tool_call() {
    assertThat(result("", List.of(), StopReason.MAX_TOKENS).incomplete()).isTrue();
    assertThat(result(" ", List.of(), StopReason.INCOMPLETE).incomplete()).isTrue();
    assertThat(result("partial", List.of(), StopReason.MAX_TOKENS).incomplete()).isFalse();
    assertThat(result("", List.of(CALL), StopReason.MAX_TOKENS).incomplete()).isFalse();
    assertThat(result("", List.of(), StopReason.END_TURN).incomplete()).isFalse();
  }

  @Test
  void usage_adds_up_every_kind_of_token_and_attempts_add_up_their_usage() {
    Usage a = new Usage(1, 2, 4, 8, 16);
    Usage b = new Usage(32, 64, 128, 256, 512);

    assertThat(a.total()).isEqualTo(31);
    assertThat(
            UpstreamAttempt.total(
                List.of(
                    new UpstreamAttempt(1, UpstreamAttempt.Outcome.FAILED, a),
                    new UpstreamAttempt(2, UpstreamAttempt.Outcome.SUCCESS, b))))
        .isEqualTo(new Usage(33, 66, 132, 264, 528));
    assertThatNoException().isThrownBy(() -> new Usage(0, 0, 0, 0, 0));
    assertThatThrownBy(() -> new Usage(0, 0, 0, 0, -1))
        .hasMessage(
            "token counts must not be negative, got input=0 output=0 reasoning=0 cacheRead=0 cacheWrite=-1");
    assertThat(UpstreamAttempt.Outcome.INCOMPLETE.id()).isEqualTo("incomplete");
    assertThatThrownBy(() -> new UpstreamAttempt(0, UpstreamAttempt.Outcome.SUCCESS, a))
        .hasMessage("attempt numbers start at 1, got 0");
  }

  @Test
  void a_worst_case_sends_the_prompt_at_least_once_and_may_allow_no_output() {
    assertThatNoException().isThrownBy(() -> new WorstCase(1, 0));
    assertThatThrownBy(() -> new WorstCase(0, 10))
        .hasMessage(
            "a worst case sends the prompt at least once, got 0 sends and 10 output tokens");
    assertThatThrownBy(() -> new WorstCase(1, -1))
        .hasMessage(
            "a worst case sends the prompt at least once, got 1 sends and -1 output tokens");
  }

  @Test
  void an_effort_is_parsed_from_any_case_and_a_bad_one_lists_the_accepted() {
    assertThat(ReasoningEffort.parse(" High ")).isEqualTo(ReasoningEffort.HIGH);
    assertThatThrownBy(() -> ReasoningEffort.parse("extreme"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reasoningEffort: expected none|minimal|low|medium|high|xhigh, got 'extreme'");
    assertThatThrownBy(() -> ReasoningEffort.parse(null))
        .hasMessage("reasoningEffort: expected none|minimal|low|medium|high|xhigh, got 'null'");
  }

  @Test
  void a_plain_client_chats_through_its_stream_and_reserves_its_own_ceiling_once() {
    ChatResult done = result("hi", List.of(), StopReason.END_TURN);
    ModelClient client =
        new ModelClient() {
          @Override
          public String modelId() {
            return "m";
          }

          @Override
          public ChatResult stream(ChatRequest request, Consumer<ChatEvent> listener) {
            listener.accept(new ChatEvent.Completed(done));
            return done;
          }
        };
    ChatRequest ask = ChatRequest.of(ChatMessage.user("hi"));

    assertThat(client.chat(ask)).isSameAs(done);
    assertThat(client.worstCase(ask.withMaxOutputTokens(200))).isEqualTo(new WorstCase(1, 200));
    assertThat(client.worstCase(ask)).isEqualTo(new WorstCase(1, WorstCase.UNKNOWN_CEILING));
    assertThat(client.answerBudget(300, ReasoningEffort.HIGH)).isEqualTo(300);
  }

  @Test
  void a_dispatcher_shows_its_catalog_and_settings_and_strict_mode_is_a_setting() {
    DispatchSettings settings = DispatchSettings.defaults(Backend.CONVERSE).withStrict(true);
    Planner planner = new Planner(ModelCatalog.standard());
    Dispatcher d = new Dispatcher(planner, List.of(), settings);

    assertThat(settings.strict()).isTrue();
    assertThat(DispatchSettings.defaults(Backend.CONVERSE).strict()).isFalse();
    assertThat(d.settings()).isSameAs(settings);
    assertThat(d.catalog()).isSameAs(planner.catalog());
    assertThat(planner.catalog().resolve("openai.gpt-5.5")).isPresent();
  }
}
