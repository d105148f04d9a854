package io.stratum.app.cli;

import io.stratum.access.Principal;
import io.stratum.app.Stratum;
import io.stratum.app.usecase.SyncWorker;
import io.stratum.app.usecase.Syncing;
import io.stratum.ingest.IngestProgress;
import io.stratum.sync.Job;
import io.stratum.sync.JobCounts;
import io.stratum.sync.JobState;
import io.stratum.sync.SyncSource;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code stratum ingest} as jobs: queues one job per source, then sees each through. When no server
 * holds this data directory (this process may write the index), it runs its jobs itself, printing
 * their progress; beside a running server it follows the server's run of them. Either way it prints
 * each job's report, as an ingest always has.
 */
final class IngestJobs {
  private static final Duration FOLLOW_EVERY = Duration.ofMillis(500);

  private final Stratum stratum;
  private final PrintWriter out;
  private final PrintWriter err;

  IngestJobs(Stratum stratum, PrintWriter out, PrintWriter err) {
    this.stratum = stratum;
    this.out = out;
    this.err = err;
  }

  /** Queues the sources' jobs and, unless {@code noWait}, sees them through; the exit code. */
  int run(List<SyncSource> sources, boolean noWait) throws InterruptedException {
    Syncing sync = stratum.syncing();
    boolean local = !stratum.indexReadOnly();
    try (SyncWorker worker = local ? sync.worker() : null) {
      if (local) {
        worker.recover(); // what a killed `stratum ingest` on this node left in progress
      }
      List<Job> jobs = new ArrayList<>();
      for (SyncSource s : sources) {
        jobs.add(sync.enqueue(Principal.LOCAL_OPERATOR, s, "cli").job());
      }
      if (noWait) {
        jobs.forEach(j -> out.println(j.id() + "  " + j.state().id() + "  " + j.source().key()));
        out.flush();
        return ExitCode.OK.code;
      }
      int exit = ExitCode.OK.code;
      for (Job j : jobs) {
        exit = Math.max(exit, seeThrough(j, worker));
      }
      return exit;
    }
  }

  /** Runs {@code job} here when it is due and free, else follows whoever runs it; its exit code. */
  private int seeThrough(Job job, SyncWorker worker) throws InterruptedException {
    Progress progress = new Progress(err);
    String said = "";
    JobCounts shown = null;
    while (true) {
      Job now = stratum.syncing().job(Principal.LOCAL_OPERATOR, job.id()).orElseThrow();
      if (now.state().finished()) {
        return report(now);
      }
      if (worker != null && worker.runOnce(Set.of(job.id()), progress).isPresent()) {
        continue;
      }
      String note = note(now, worker != null);
      if (!note.equals(said)) {
        err.println(note);
        err.flush();
        said = note;
      }
      if (now.state() == JobState.IN_PROGRESS && !now.counts().equals(shown)) {
        shown = now.counts();
        JobCounts c = now.counts();
        progress.accept(
            new IngestProgress(
                c.seen(),
                c.total(),
                c.chunks(),
                c.elapsedMillis(),
                c.added(),
                c.updated(),
                c.unchanged(),
                c.failed()));
      }
      Thread.sleep(FOLLOW_EVERY);
    }
  }

  /** What the job waits for, said once each time it changes. */
  private static String note(Job j, boolean local) {
    String job = "ingest: job " + j.id() + " of " + j.source().key();
    return switch (j.state()) {
      case FAILED ->
          "%s: attempt %d of %d failed (%s); retrying at %s"
              .formatted(job, j.attempts(), j.maxAttempts(), j.error(), j.nextAttemptAt());
      case IN_PROGRESS -> "%s is running on %s".formatted(job, j.node());
      default ->
          local
              ? job + " is queued behind another job of its source"
              : job
                  + " is queued: another process holds this data directory's index; a server"
                  + " runs the job, another stratum ingest does not (Ctrl-C stops waiting, not"
                  + " the job)";
    };
  }

  private int report(Job j) {
    if (j.state() == JobState.DEAD) {
      err.printf(
          "stratum: ingest of %s failed after %d attempt%s (job %s): %s%n",
          j.source().key(), j.attempts(), j.attempts() == 1 ? "" : "s", j.id(), j.error());
      err.flush();
      return ExitCode.INGEST_FAILED.code;
    }
    return IngestReports.print(j.report(), out, err);
  }
}
