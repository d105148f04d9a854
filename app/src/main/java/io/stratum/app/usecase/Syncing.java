package io.stratum.app.usecase;

import io.stratum.access.Action;
import io.stratum.access.Principal;
import io.stratum.sync.Job;
import io.stratum.sync.JobQueue;
import io.stratum.sync.SourceSchedule;
import io.stratum.sync.SyncSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ingest as jobs, as people reach it: "Sync now" for a configured source, a job's state as it
 * moves, the configured sources with their last job and next scheduled run, and the CLI's own
 * requests. Org admins act on every source; a workspace admin on the sources of their workspace (a
 * source without one, Markdown by directory, is the org admins'). Each request is audited as {@code
 * source.sync_requested}; how a job ended, by its worker, as {@code source.ingested}.
 */
public final class Syncing {
  private final Guard guard;
  private final JobQueue jobs;
  private final SyncWorker.Ingest ingest;
  private final List<SourceSchedule> configured;
  private final Auditor audit;
  private final String node;

  /**
   * @param configured the sources of the configuration's {@code stratum_sources} block
   * @param node names this process's worker on the jobs it holds
   */
  public Syncing(
      Guard guard,
      JobQueue jobs,
      SyncWorker.Ingest ingest,
      List<SourceSchedule> configured,
      Auditor audit,
      String node) {
    this.guard = guard;
    this.jobs = jobs;
    this.ingest = ingest;
    this.configured = List.copyOf(configured);
    this.audit = audit;
    this.node = node;
  }

  /** A configured source as the API shows it: its last job, and when the schedule runs it next. */
  public record SourceStatus(SourceSchedule schedule, Optional<Job> last, Instant nextRun) {}

  /**
   * "Sync now": queues a sync of the configured source {@code sourceId}, or returns the job already
   * waiting for it; empty when no configured source has that id.
   *
   * @throws io.stratum.access.AccessDeniedException unless {@code who} administers the source
   */
  public Optional<JobQueue.Enqueued> request(Principal who, String sourceId) {
    Optional<SourceSchedule> s =
        configured.stream().filter(c -> c.source().id().equals(sourceId)).findFirst();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    SyncSource source = s.get().source();
    if (!administers(who, source)) {
      throw guard.deny(who, "source.sync_requested", workspace(source), sync(source));
    }
    return Optional.of(enqueue(who, source, "manual"));
  }

  /** Queues a sync of any source, as the CLI's operator does ({@code trigger} {@code cli}). */
  public JobQueue.Enqueued enqueue(Principal who, SyncSource source, String trigger) {
    JobQueue.Enqueued e = jobs.enqueue(source, trigger, who.id());
    requested(who, e, trigger);
    return e;
  }

  /** Audits a request; {@code who} is null for the schedule (actor {@code system}). */
  void requested(Principal who, JobQueue.Enqueued e, String trigger) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", e.job().source().key());
    m.put("job", e.job().id());
    m.put("trigger", trigger);
    m.put("joined", !e.created());
    audit.record("source.sync_requested", "success", who, workspace(e.job().source()), m, null);
  }

  /**
   * Job {@code id}, if it exists and {@code who} administers its source; otherwise empty either way
   * (a denial is audited as {@code job.read}).
   */
  public Optional<Job> job(Principal who, String id) {
    return jobs.job(id)
        .filter(
            j -> {
              if (administers(who, j.source())) {
                return true;
              }
              guard.deny(who, "job.read", workspace(j.source()), "read job " + id);
              return false;
            });
  }

  /** The newest jobs of every source: the org admins' (the CLI's operator is one). */
  public List<Job> recent(Principal who, int limit) {
    guard.requireOrgAdmin(who, "list every job", "job.read", "");
    return jobs.recent(limit);
  }

  /** The configured sources {@code who} administers, each with its last job and next run. */
  public List<SourceStatus> sources(Principal who) {
    Instant now = jobs.clock().instant();
    return configured.stream()
        .filter(s -> administers(who, s.source()))
        .map(
            s -> {
              Instant slot = s.slot(now);
              boolean queued =
                  jobs.lastSlot(s.source().key()).filter(t -> !t.isBefore(slot)).isPresent();
              return new SourceStatus(
                  s, jobs.last(s.source().key()), queued ? slot.plus(s.interval()) : now);
            })
        .toList();
  }

  /** A worker for this process; the caller runs it (a server's loop, or the CLI) and closes it. */
  public SyncWorker worker() {
    return new SyncWorker(jobs, ingest, audit, node);
  }

  /** The schedule of the configured sources, ticked by a server. */
  public SyncSchedule schedule() {
    return new SyncSchedule(jobs, configured, this, node);
  }

  private boolean administers(Principal who, SyncSource s) {
    return who.orgAdmin()
        || (s.workspace() != null && guard.allows(who, Action.ADMINISTER, s.workspace()));
  }

  private static String workspace(SyncSource s) {
    return s.workspace() == null ? "" : s.workspace();
  }

  private static String sync(SyncSource s) {
    return s.workspace() == null
        ? "sync " + s.key() + ": it fills every workspace, so only org admins may"
        : "sync " + s.key() + ": only admins of workspace '" + s.workspace() + "' may";
  }
}
