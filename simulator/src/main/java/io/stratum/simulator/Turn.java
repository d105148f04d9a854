package io.stratum.simulator;

/**
 * What a simulated model produced for one request, before it is put on a wire.
 *
 * @param reasoning visible reasoning text (may be empty even when reasoning tokens were spent)
 * @param stop one of {@code end_turn}, {@code max_tokens}, {@code stop_sequence}, {@code tool_use}
 * @param toolName the tool the model calls, or null
 */
record Turn(
    String text,
    String reasoning,
    String signature,
    int inputTokens,
    int outputTokens,
    int reasoningTokens,
    int cacheRead,
    int cacheWrite,
    String stop,
    String toolName,
    String toolId,
    String toolInput) {

  boolean callsTool() {
    return toolName != null;
  }

  /** Deterministic latency the metrics report: it grows with output. */
  long latencyMs() {
    return 40L + 2L * (outputTokens + reasoningTokens);
  }
}
