package io.stratum.dispatch;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation sent to a model.
 *
 * @param toolCallId for a {@link Role#TOOL} message, the id of the call it answers; else null
 * @param toolCalls for an {@link Role#ASSISTANT} message, the tools it called (each wire carries
 *     them in history, so a later tool result has its call); else empty
 */
public record ChatMessage(Role role, String text, String toolCallId, List<ToolCall> toolCalls) {
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    if (role == Role.TOOL && (toolCallId == null || toolCallId.isBlank())) {
      throw new IllegalArgumentException("a tool message needs the id of the call it answers");
    }
    if (role != Role.ASSISTANT && !toolCalls.isEmpty()) {
      throw new IllegalArgumentException(
          "only an assistant message calls tools, got " + toolCalls.size() + " on a " + role);
    }
  }

  public ChatMessage(Role role, String text, String toolCallId) {
    this(role, text, toolCallId, List.of());
  }

  public ChatMessage(Role role, String text) {
    this(role, text, null, List.of());
  }

  public static ChatMessage system(String text) {
    return new ChatMessage(Role.SYSTEM, text);
  }

  public static ChatMessage user(String text) {
    return new ChatMessage(Role.USER, text);
  }

  public static ChatMessage assistant(String text) {
    return new ChatMessage(Role.ASSISTANT, text);
  }

  /** An assistant turn that called tools, with whatever text it wrote before (may be empty). */
  public static ChatMessage assistant(String text, List<ToolCall> calls) {
    return new ChatMessage(Role.ASSISTANT, text, null, calls);
  }

  /** The result of tool call {@code callId}. */
  public static ChatMessage toolResult(String callId, String text) {
    return new ChatMessage(Role.TOOL, text, callId);
  }
}
