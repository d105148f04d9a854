package io.stratum.sync;

import io.stratum.corpus.ScanProblem;
import io.stratum.ingest.IngestReport;
import java.time.Instant;
import java.util.List;

/**
 * One ingest of one source, as the queue holds it.
 *
 * @param trigger what asked for it: {@code cli}, {@code manual} ("Sync now") or {@code schedule}
 * @param requestedBy the principal who asked, {@code local-operator} for the CLI, {@code system}
 *     for the schedule
 * @param attempts attempts started so far (a takeover after a node died is one more)
 * @param node the worker holding the job, or that ran it last; null before its first attempt
 * @param leaseExpiresAt when another worker may take the job over; null unless it is in progress
 * @param problems documents that could not be read (at most {@link JobQueue#MAX_PROBLEMS} kept)
 * @param error why the last attempt failed, or null
 */
public record Job(
    String id,
    SyncSource source,
    String trigger,
    String requestedBy,
    JobState state,
    int attempts,
    int maxAttempts,
    Instant nextAttemptAt,
    String node,
    Instant leaseExpiresAt,
    JobCounts counts,
    List<ScanProblem> problems,
    String error,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {
  public Job {
    problems = List.copyOf(problems);
  }

  /** The ingest report of a finished job, as {@code stratum ingest} prints it. */
  public IngestReport report() {
    return new IngestReport(
        source.key(),
        counts.seen(),
        counts.added(),
        counts.updated(),
        counts.unchanged(),
        counts.deleted(),
        counts.chunks(),
        problems,
        counts.elapsedMillis());
  }
}
