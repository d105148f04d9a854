package io.stratum.sync;

import java.util.Arrays;

/**
 * Where a job is: {@code queued → in_progress → success | partial_success | failed | dead}. A
 * {@code failed} job waits for its retry ({@code nextAttemptAt}) and is then taken like a queued
 * one; a {@code dead} one gave up (its attempts are spent, or retrying cannot help) and keeps its
 * last error.
 */
public enum JobState {
  QUEUED("queued"),
  IN_PROGRESS("in_progress"),
  SUCCESS("success"),
  /** Finished, but some documents could not be read; each is in the job's problems. */
  PARTIAL_SUCCESS("partial_success"),
  /** The last attempt failed; the job is retried at its {@code nextAttemptAt}. */
  FAILED("failed"),
  /** Given up: the last error says why. */
  DEAD("dead");

  private final String id;

  JobState(String id) {
    this.id = id;
  }

  /** As stored and shown: {@code in_progress}. */
  public String id() {
    return id;
  }

  /** Whether nothing more will happen to the job. */
  public boolean finished() {
    return this == SUCCESS || this == PARTIAL_SUCCESS || this == DEAD;
  }

  public static JobState of(String id) {
    return Arrays.stream(values())
        .filter(s -> s.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("job state '" + id + "' is unknown"));
  }
}
