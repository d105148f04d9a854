package io.stratum.app.usecase;

import io.stratum.sync.JobQueue;
import io.stratum.sync.SourceSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The schedule of the configured sources: each tick, every source whose slot has come gets its job,
 * queued by exactly one node (the first to record the slot; {@link JobQueue#enqueueScheduled})
 * however many servers tick. A source never synced runs at the first tick.
 */
public final class SyncSchedule {
  /** Slots are remembered this long (or two intervals of the slowest source), then forgotten. */
  static final Duration KEEP_SLOTS = Duration.ofDays(7);

  private final JobQueue jobs;
  private final List<SourceSchedule> schedules;
  private final Syncing syncing;
  private final String node;
  private Instant pruned = Instant.EPOCH;

  SyncSchedule(JobQueue jobs, List<SourceSchedule> schedules, Syncing syncing, String node) {
    this.jobs = jobs;
    this.schedules = List.copyOf(schedules);
    this.syncing = syncing;
    this.node = node;
  }

  /** Queues the runs that are due and no node has queued; returns the ones this node queued. */
  public List<JobQueue.Enqueued> tick() {
    Instant now = jobs.clock().instant();
    List<JobQueue.Enqueued> queued = new ArrayList<>();
    for (SourceSchedule s : schedules) {
      jobs.enqueueScheduled(s, s.slot(now), node)
          .ifPresent(
              e -> {
                syncing.requested(null, e, "schedule");
                queued.add(e);
              });
    }
    if (Duration.between(pruned, now).compareTo(Duration.ofHours(1)) > 0) {
      Duration keep = KEEP_SLOTS;
      for (SourceSchedule s : schedules) {
        keep =
            keep.compareTo(s.interval().multipliedBy(2)) >= 0 ? keep : s.interval().multipliedBy(2);
      }
      jobs.pruneSlots(now.minus(keep));
      pruned = now;
    }
    return queued;
  }
}
