package io.stratum.dispatch;

import java.time.Duration;

/** What a streaming call emits, in order; {@link Completed} is always last. */
public sealed interface ChatEvent {
  /** Visible answer text. */
  record TextDelta(String text) implements ChatEvent {}

  /** Reasoning text, when the model exposes it. */
  record ReasoningDelta(String text) implements ChatEvent {}

  /** Part of a tool call. */
  record ToolCallDelta(String id, String name, String argumentsJson) implements ChatEvent {}

  /** The upstream has been silent for {@code silentFor}; an HTTP layer sends a comment. */
  record KeepAlive(Duration silentFor) implements ChatEvent {}

  /** The call is over. */
  record Completed(ChatResult result) implements ChatEvent {}
}
