package io.stratum.dispatch;

/**
 * The most one call may use, for reserving its cost before it is made: how many times its prompt is
 * sent (a retry resends it) and how many output tokens come back, reasoning included.
 *
 * @param promptSends 1, or 2 when the call may be retried with a larger output ceiling
 * @param outputTokens every output token of every send together
 */
public record WorstCase(int promptSends, int outputTokens) {
  /** When a request names no ceiling and the client knows none: a long answer. */
  public static final int UNKNOWN_CEILING = 32_000;

  public WorstCase {
    if (promptSends < 1 || outputTokens < 0) {
      throw new IllegalArgumentException(
          "a worst case sends the prompt at least once, got %d sends and %d output tokens"
              .formatted(promptSends, outputTokens));
    }
  }
}
