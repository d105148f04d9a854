package io.stratum.sync;

import java.time.Duration;

/**
 * How jobs are held and retried.
 *
 * @param lease how long a worker holds a job without renewing it; its heartbeat renews it every
 *     third of that, so a node that dies loses its jobs one lease after its last heartbeat
 * @param backoff the wait before the first retry; each later retry waits four times longer
 * @param maxAttempts attempts before a job is dead, counting one a dead node cut short
 */
public record JobPolicy(Duration lease, Duration backoff, int maxAttempts) {
  /** A 60 s lease renewed every 20 s; retries after 30 s and 2 min; dead after 3 attempts. */
  public static final JobPolicy STANDARD =
      new JobPolicy(Duration.ofSeconds(60), Duration.ofSeconds(30), 3);

  public JobPolicy {
    if (lease.isNegative() || lease.isZero() || backoff.isNegative() || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "a job policy needs a lease > 0, a backoff >= 0 and at least one attempt, got "
              + lease
              + ", "
              + backoff
              + ", "
              + maxAttempts);
    }
  }

  /** This policy with {@code lease} instead of its own. */
  public JobPolicy withLease(Duration lease) {
    return new JobPolicy(lease, backoff, maxAttempts);
  }

  /** How often a worker renews its lease. */
  public Duration heartbeat() {
    return lease.dividedBy(3);
  }

  /** The wait after attempt {@code attempt} (1-based) failed: backoff × 4^(attempt-1). */
  public Duration retryAfter(int attempt) {
    return backoff.multipliedBy(1L << (2 * Math.min(Math.max(attempt - 1, 0), 10)));
  }
}
