package io.stratum.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * A configured source and how often it is synced. Runs fall in slots of {@code interval}, offset
 * per source (by its key's hash) so that sources do not all start at the top of the hour; every
 * node computes the same slots without talking to the others.
 */
public record SourceSchedule(SyncSource source, Duration interval) {
  public SourceSchedule {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("a sync interval must be > 0, got " + interval);
    }
  }

  /** Where the slot holding {@code now} starts. */
  public Instant slot(Instant now) {
    long every = interval.toMillis();
    long offset = Math.floorMod((long) source.key().hashCode(), every);
    long t = now.toEpochMilli();
    return Instant.ofEpochMilli(Math.floorDiv(t - offset, every) * every + offset);
  }
}
