package io.stratum.dispatch;

import java.util.Objects;

/**
 * One message of a conversation sent to a model.
 *
 * @param toolCallId for a {@link Role#TOOL} message, the id of the call it answers; else null
 */
public record ChatMessage(Role role, String text, String toolCallId) {
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
    if (role == Role.TOOL && (toolCallId == null || toolCallId.isBlank())) {
      throw new IllegalArgumentException("a tool message needs the id of the call it answers");
    }
  }

  public ChatMessage(Role role, String text) {
    this(role, text, null);
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

  /** The result of tool call {@code callId}. */
  public static ChatMessage toolResult(String callId, String text) {
    return new ChatMessage(Role.TOOL, text, callId);
  }
}
