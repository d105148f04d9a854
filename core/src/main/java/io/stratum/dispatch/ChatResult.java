package io.stratum.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a model returned, normalized.
 *
 * @param reasoning the model's reasoning text when it exposed one (kept, never silently lost)
 * @param modelId the model that served the turn
 * @param backend the backend that carried it ({@code local}, {@code converse}, {@code responses})
 * @param route the rule that chose the backend, recorded for the audit trail
 * @param droppedParams parameters removed because the target rejects them
 * @param renamedParams parameters renamed for the target, normalized name → wire name
 * @param firstByte time until the first byte of the answer arrived
 * @param notes every other adjustment the dispatcher made, in words (clamps, retries, raised
 *     ceilings), so nothing it changed is silent
 * @param usage what every attempt consumed together: each one that returned usage is billed
 * @param attempts each upstream call that returned usage, in order
 */
public record ChatResult(
    String text,
    String reasoning,
    List<ToolCall> toolCalls,
    StopReason stopReason,
    Usage usage,
    String modelId,
    String backend,
    String route,
    List<String> droppedParams,
    Map<String, String> renamedParams,
    Duration latency,
    Duration firstByte,
    List<String> notes,
    List<UpstreamAttempt> attempts) {

  public ChatResult {
    toolCalls = List.copyOf(toolCalls);
    droppedParams = List.copyOf(droppedParams);
    renamedParams = Map.copyOf(renamedParams);
    notes = List.copyOf(notes);
    attempts = List.copyOf(attempts);
  }

  /** One upstream call: the result is its only attempt. */
  public ChatResult(
      String text,
      String reasoning,
      List<ToolCall> toolCalls,
      StopReason stopReason,
      Usage usage,
      String modelId,
      String backend,
      String route,
      List<String> droppedParams,
      Map<String, String> renamedParams,
      Duration latency,
      Duration firstByte,
      List<String> notes) {
    this(
        text,
        reasoning,
        toolCalls,
        stopReason,
        usage,
        modelId,
        backend,
        route,
        droppedParams,
        renamedParams,
        latency,
        firstByte,
        notes,
        List.of(new UpstreamAttempt(1, UpstreamAttempt.Outcome.of(stopReason), usage)));
  }

  /**
   * Reasoning spent the whole output budget: the model stopped at the ceiling with no visible text
   * and no tool call.
   */
  public boolean incomplete() {
    return UpstreamAttempt.Outcome.of(stopReason) == UpstreamAttempt.Outcome.INCOMPLETE
        && text.isBlank()
        && toolCalls.isEmpty();
  }
}
