package io.stratum.dispatch;

import java.util.Objects;

/** One message of a conversation sent to a model. */
public record ChatMessage(Role role, String text) {
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
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
}
