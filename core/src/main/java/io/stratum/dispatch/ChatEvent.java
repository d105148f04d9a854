package io.stratum.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a streaming call emits, in order: the dispatcher's {@link Planned} first, {@link Completed}
 * always last.
 */
public sealed interface ChatEvent {
  /**
   * How the dispatcher will send the call, before anything goes upstream: the backend, the rule
   * that chose it, and the parameters it drops or renames for the target, so an HTTP layer can say
   * so in a response header before the first byte of a stream.
   *
   * @param droppedParams as {@link ChatResult#droppedParams()}: {@code name=value (why)}
   */
  record Planned(
      String modelId,
      String backend,
      String route,
      List<String> droppedParams,
      Map<String, String> renamedParams)
      implements ChatEvent {
    public Planned {
      droppedParams = List.copyOf(droppedParams);
      renamedParams = Map.copyOf(renamedParams);
    }
  }

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
