package io.stratum.app;

import java.time.Duration;

/** The engine's fixed sizes and limits, chosen once for every deployment. */
final class Tuning {
  private Tuning() {}

  /** Characters per chunk, which is also the size of a passage in a prompt. */
  static final int CHUNK_CHARS = 1200;

  static final double MIN_TERM_COVERAGE = 0.6;

  /** Passages in an answer's prompt. */
  static final int ANSWER_PASSAGES = 6;

  /**
   * The visible answer's length; each call asks for this plus what its model's family reasons at
   * the tier's effort, within the family's ceiling ({@code ModelClient.answerBudget}).
   */
  static final int ANSWER_TOKENS = 1024;

  /** A call still reserved this long after it started was cut off by a crash of any process. */
  static final Duration STALE_CALL = Duration.ofMinutes(30);
}
