package io.stratum.dispatch;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chat turn in the normalized form every backend accepts. Nullable fields mean "the model's
 * default"; each backend translates names and drops what its target rejects.
 *
 * @param maxOutputTokens ceiling on generated tokens, or null
 * @param temperature sampling temperature, or null
 * @param topP nucleus sampling, or null
 * @param stop stop sequences (may be empty)
 * @param reasoningEffort how hard to think, or null for the model's default
 * @param extra backend-specific parameters passed through by name
 * @param tools tools the model may call (may be empty)
 */
public record ChatRequest(
    List<ChatMessage> messages,
    Integer maxOutputTokens,
    Double temperature,
    Double topP,
    List<String> stop,
    ReasoningEffort reasoningEffort,
    Map<String, Object> extra,
    List<ToolSpec> tools) {

  public ChatRequest {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("messages must not be empty");
    }
    if (maxOutputTokens != null && maxOutputTokens < 1) {
      throw new IllegalArgumentException(
          "maxOutputTokens must be at least 1, got " + maxOutputTokens);
    }
    stop = stop == null ? List.of() : List.copyOf(stop);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
    tools = tools == null ? List.of() : List.copyOf(tools);
  }

  /** A request with just messages and every parameter at the model's default. */
  public static ChatRequest of(ChatMessage... messages) {
    return new ChatRequest(
        List.of(messages), null, null, null, List.of(), null, Map.of(), List.of());
  }

  public ChatRequest withMaxOutputTokens(Integer max) {
    return new ChatRequest(messages, max, temperature, topP, stop, reasoningEffort, extra, tools);
  }

  public ChatRequest withTemperature(Double t) {
    return new ChatRequest(messages, maxOutputTokens, t, topP, stop, reasoningEffort, extra, tools);
  }

  public ChatRequest withTopP(Double p) {
    return new ChatRequest(
        messages, maxOutputTokens, temperature, p, stop, reasoningEffort, extra, tools);
  }

  public ChatRequest withStop(List<String> s) {
    return new ChatRequest(
        messages, maxOutputTokens, temperature, topP, s, reasoningEffort, extra, tools);
  }

  public ChatRequest withReasoningEffort(ReasoningEffort e) {
    return new ChatRequest(messages, maxOutputTokens, temperature, topP, stop, e, extra, tools);
  }

  public ChatRequest withExtra(Map<String, Object> x) {
    return new ChatRequest(
        messages, maxOutputTokens, temperature, topP, stop, reasoningEffort, x, tools);
  }

  public ChatRequest withTools(List<ToolSpec> t) {
    return new ChatRequest(
        messages, maxOutputTokens, temperature, topP, stop, reasoningEffort, extra, t);
  }

  /** The text of the last user message. */
  public String lastUserText() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        return messages.get(i).text();
      }
    }
    throw new IllegalStateException("the request has no user message");
  }

  /** The system messages joined, or empty. */
  public String systemText() {
    return String.join(
        "\n\n",
        messages.stream()
            .filter(m -> Objects.equals(m.role(), Role.SYSTEM))
            .map(ChatMessage::text)
            .toList());
  }
}
