package io.stratum.dispatch;

import java.util.List;
import java.util.Locale;

/**
 * One upstream call of a dispatched call that returned usage: billed and audited each, so a first
 * attempt that reasoning left incomplete costs what it cost even when a retry answers.
 *
 * @param number the upstream request's place in the call, from 1 (retries before the first byte
 *     count too, though they return no usage)
 * @param outcome how it ended
 * @param usage what it consumed, as the backend reported it
 */
public record UpstreamAttempt(int number, Outcome outcome, Usage usage) {
  /** How an attempt ended. */
  public enum Outcome {
    /** The model finished (an answer, a tool call, a stop sequence). */
    SUCCESS,
    /** The model stopped at the output ceiling. */
    INCOMPLETE,
    /** The request failed after the upstream had counted tokens (retried, or the call failed). */
    FAILED;

    /** The word the audit trail uses. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome of(StopReason stop) {
      return stop == StopReason.INCOMPLETE || stop == StopReason.MAX_TOKENS ? INCOMPLETE : SUCCESS;
    }
  }

  public UpstreamAttempt {
    if (number < 1) {
      throw new IllegalArgumentException("attempt numbers start at 1, got " + number);
    }
  }

  /** What all {@code attempts} consumed together. */
  public static Usage total(List<UpstreamAttempt> attempts) {
    int input = 0;
    int output = 0;
    int reasoning = 0;
    int cacheRead = 0;
    int cacheWrite = 0;
    for (UpstreamAttempt a : attempts) {
      input += a.usage().input();
      output += a.usage().output();
      reasoning += a.usage().reasoning();
      cacheRead += a.usage().cacheRead();
      cacheWrite += a.usage().cacheWrite();
    }
    return new Usage(input, output, reasoning, cacheRead, cacheWrite);
  }
}
