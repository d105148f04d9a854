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
    List<String> notes) {

  public ChatResult {
    toolCalls = List.copyOf(toolCalls);
    droppedParams = List.copyOf(droppedParams);
    renamedParams = Map.copyOf(renamedParams);
    notes = List.copyOf(notes);
  }
}
