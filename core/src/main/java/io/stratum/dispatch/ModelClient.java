package io.stratum.dispatch;

import java.util.function.Consumer;

/**
 * The one call site for every model: application code asks for a chat turn, configuration decides
 * which model and which backend serve it.
 *
 * <pre>{@code
 * ChatResult r = model.chat(ChatRequest.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi")));
 * model.stream(request, event -> { if (event instanceof ChatEvent.TextDelta d) out.print(d.text()); });
 * }</pre>
 */
public interface ModelClient {
  /**
   * The model this client sends to, e.g. {@code us.anthropic.claude-sonnet-4-6} or {@code local}.
   */
  String modelId();

  /**
   * Runs the turn, passing each event to {@code listener} as it arrives; the last event is {@link
   * ChatEvent.Completed}. Returns the same result that event carries.
   */
  ChatResult stream(ChatRequest request, Consumer<ChatEvent> listener);

  /**
   * The most a call with {@code request} may use: the request's own ceiling, sent once, unless the
   * client knows better (the dispatcher knows each family's ceiling and its one retry).
   */
  default WorstCase worstCase(ChatRequest request) {
    Integer max = request.maxOutputTokens();
    return new WorstCase(1, max == null ? WorstCase.UNKNOWN_CEILING : max);
  }

  /**
   * The output ceiling to ask for when the caller wants an answer of about {@code visibleTokens} at
   * {@code effort} (null: the model's default): the visible answer plus what the model reasons at
   * that effort, bounded by its ceiling. A client that knows nothing of reasoning asks for the
   * visible answer alone; the dispatcher asks its catalog.
   */
  default int answerBudget(int visibleTokens, ReasoningEffort effort) {
    return visibleTokens;
  }

  /** Runs the turn and returns the whole result. */
  default ChatResult chat(ChatRequest request) {
    return stream(request, event -> {});
  }
}
