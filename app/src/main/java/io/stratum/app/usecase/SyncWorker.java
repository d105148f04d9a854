package io.stratum.app.usecase;

import io.stratum.ingest.IngestProgress;
import io.stratum.ingest.IngestReport;
import io.stratum.sync.Job;
import io.stratum.sync.JobCounts;
import io.stratum.sync.JobQueue;
import io.stratum.sync.JobState;
import io.stratum.sync.LeaseLostException;
import io.stratum.sync.SyncSource;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ingest jobs for one node: takes a due job from the shared queue, ingests its source while a
 * heartbeat renews its lease and its progress is recorded (at most once a second), then records the
 * report, or the failure (retried with backoff, or dead), and audits how it ended as {@code
 * source.ingested}. A worker that finds its lease lost stops at the next document and records
 * nothing: the job's new holder runs it again, and unchanged documents cost it nothing.
 *
 * <pre>{@code
 * try (SyncWorker worker = stratum.syncing().worker()) {
 *   worker.recover();                                   // what this node held when it was killed
 *   worker.runOnce(null, p -> {}).ifPresent(job -> System.out.println(job.state()));
 * }
 * }</pre>
 */
public final class SyncWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);
  private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

  /** Ingests a source: the connector it names, through the ingestor. */
  @FunctionalInterface
  public interface Ingest {
    IngestReport ingest(SyncSource source, Consumer<IngestProgress> progress);
  }

  private final JobQueue jobs;
  private final Ingest ingest;
  private final Auditor audit;
  private final String node;
  private final ScheduledExecutorService heartbeats;
  private volatile boolean stopping;

  SyncWorker(JobQueue jobs, Ingest ingest, Auditor audit, String node) {
    this.jobs = jobs;
    this.ingest = ingest;
    this.audit = audit;
    this.node = node;
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("stratum-job-heartbeat").daemon().unstarted(r));
  }

  /** The node this worker holds jobs as. */
  public String node() {
    return node;
  }

  /**
   * Puts back the jobs this node held when it was killed. Call once, from the one process of the
   * node that may run jobs (it holds the index).
   */
  public void recover() {
    jobs.recoverOrphans(node).forEach(this::audited);
  }

  /**
   * Takes one due job (one of {@code only}, or any when it is null) and runs it.
   *
   * @return the job as its run left it, or empty when none was due
   */
  public Optional<Job> runOnce(Collection<String> only, Consumer<IngestProgress> progress) {
    jobs.buryExpired().forEach(this::audited);
    if (stopping) {
      return Optional.empty();
    }
    return jobs.claim(node, only).map(job -> run(job, progress));
  }

  /** Asks the job in progress to stop at its next document; it is handed back, not failed. */
  public void stop() {
    stopping = true;
  }

  @Override
  public void close() {
    stop();
    heartbeats.shutdownNow();
  }

  private Job run(Job job, Consumer<IngestProgress> progress) {
    Held held = new Held(job);
    long every = jobs.policy().heartbeat().toMillis();
    ScheduledFuture<?> beat =
        heartbeats.scheduleAtFixedRate(held::renew, every, every, TimeUnit.MILLISECONDS);
    try {
      IngestReport r =
          ingest.ingest(
              job.source(),
              p -> {
                held.check();
                held.record(p);
                progress.accept(p);
              });
      return jobs.finish(job, r, this::audited);
    } catch (LeaseLostException e) {
      LOG.warn("{}", e.getMessage());
      return jobs.job(job.id()).orElse(job);
    } catch (Stopping e) {
      return jobs.release(job, j -> {});
    } catch (RuntimeException e) {
      return failed(job, e);
    } finally {
      beat.cancel(false);
    }
  }

  /** Records the failure: retried unless it is a bad source (retrying cannot help). */
  private Job failed(Job job, RuntimeException e) {
    String error = e.getMessage() == null ? e.toString() : e.getMessage();
    LOG.warn(
        "job {} of {} failed (attempt {}): {}",
        job.id(),
        job.source().key(),
        job.attempts(),
        error);
    LOG.debug("job {} failed", job.id(), e);
    try {
      return jobs.fail(
          job,
          error,
          !(e instanceof IllegalArgumentException),
          j -> {
            if (j.state() == JobState.DEAD) {
              audited(j);
            }
          });
    } catch (LeaseLostException lost) {
      LOG.warn("{}", lost.getMessage());
      return jobs.job(job.id()).orElse(job);
    }
  }

  /** How a job ended, as {@code source.ingested}: by whoever asked for it. */
  private void audited(Job j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", j.source().key());
    m.put("job", j.id());
    m.put("trigger", j.trigger());
    m.put("state", j.state().id());
    m.put("attempt", j.attempts());
    m.put("node", j.node() == null ? "" : j.node());
    m.put("scanned", j.counts().seen());
    m.put("added", j.counts().added());
    m.put("updated", j.counts().updated());
    m.put("deleted", j.counts().deleted());
    m.put("problems", j.counts().failed());
    if (j.error() != null) {
      m.put("error", j.error());
    }
    String ws = j.source().workspace() == null ? "" : j.source().workspace();
    String outcome = j.state() == JobState.SUCCESS ? "success" : "failure";
    audit.record("source.ingested", outcome, j.requestedBy(), ws, m, null);
  }

  /** The worker is stopping; the job in progress is handed back. */
  private static final class Stopping extends RuntimeException {
    Stopping() {
      super("the worker is stopping", null, false, false);
    }
  }

  /** The job this worker holds: whether its lease still holds, and its progress to record. */
  private final class Held {
    private final Job job;
    private volatile boolean lost;
    private long recordedAt = System.nanoTime();

    Held(Job job) {
      this.job = job;
    }

    void renew() {
      try {
        if (!lost && !jobs.heartbeat(job)) {
          lost = true;
        }
      } catch (RuntimeException e) {
        LOG.warn("cannot renew the lease of job {}: {}", job.id(), e.getMessage());
      }
    }

    void check() {
      if (lost) {
        throw new LeaseLostException(job, node);
      }
      if (stopping) {
        throw new Stopping();
      }
    }

    void record(IngestProgress p) {
      long now = System.nanoTime();
      if (now - recordedAt < PROGRESS_EVERY_NANOS && p.done() < p.total()) {
        return;
      }
      recordedAt = now;
      JobCounts c =
          new JobCounts(
              p.total(),
              p.done(),
              p.added(),
              p.updated(),
              p.unchanged(),
              0,
              p.failed(),
              p.chunksEmbedded(),
              p.elapsedMillis());
      if (!jobs.progress(job, c)) {
        lost = true;
        check();
      }
    }
  }
}
