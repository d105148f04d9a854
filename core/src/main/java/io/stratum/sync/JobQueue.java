package io.stratum.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.corpus.ScanProblem;
import io.stratum.ingest.IngestReport;
import io.stratum.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The ingest jobs every server shares, in the database: queued by the CLI, "Sync now" and the
 * schedule, taken by the worker of any server. A worker {@linkplain #claim claims} a due job
 * ({@code SELECT … FOR UPDATE SKIP LOCKED} on PostgreSQL, so workers never wait on each other;
 * SQLite's single writer makes the same read-then-update take the job alone), holds it by a lease
 * it renews ({@link #heartbeat}), and records progress and the outcome, each fenced by its lease
 * (node and attempt): a worker that lost its lease changes nothing. A job whose lease expired is
 * taken over by the next claim; a failed attempt is retried after {@link JobPolicy#retryAfter}, and
 * after {@link JobPolicy#maxAttempts} the job is dead with its last error.
 *
 * <p>A source never has two jobs running (a partial unique index), nor two waiting: a request for a
 * source that already has a job waiting joins that job.
 *
 * <pre>{@code
 * JobQueue jobs = new JobQueue(db.sql(), JobPolicy.STANDARD);
 * jobs.enqueue(new SyncSource("adr", "/srv/corpus/adr", "security"), "cli", "local-operator");
 * jobs.claim("app-1", null).ifPresent(job -> jobs.finish(job, ingestor.ingest(...), done -> {}));
 * }</pre>
 */
public final class JobQueue {
  /** Problems kept with a job; the rest are counted only. */
  public static final int MAX_PROBLEMS = 500;

  private static final int MAX_REASON = 300;
  private static final int MAX_ERROR = 2000;
  private static final String WAITING = "('queued', 'failed')";
  private static final String COLUMNS =
      "id, kind, target, workspace_id, trigger_kind, requested_by, state, attempts, max_attempts,"
          + " next_attempt_at, lease_owner, lease_expires_at, docs_total, docs_seen, docs_added,"
          + " docs_updated, docs_unchanged, docs_deleted, docs_failed, chunks_embedded, elapsed_ms,"
          + " problems, error, created_at, started_at, finished_at";

  /** The lease a job is held by: its holder, and the attempt it holds. */
  private static final String FENCE =
      " WHERE id = ? AND state = 'in_progress' AND lease_owner = ? AND attempts = ?";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<Map<String, String>>> PROBLEMS = new TypeReference<>() {};

  private final Sql sql;
  private final JobPolicy policy;

  public JobQueue(Sql sql, JobPolicy policy) {
    this.sql = sql;
    this.policy = policy;
  }

  public JobPolicy policy() {
    return policy;
  }

  /** The clock the queue's times are read from (the database's). */
  public Clock clock() {
    return sql.clock();
  }

  /** A job asked for: a new one, or the one already waiting for the source ({@code !created}). */
  public record Enqueued(Job job, boolean created) {}

  /**
   * Queues a sync of {@code source}, due now; if the source already has a job waiting, that job is
   * returned instead (made due now, were it waiting for a retry).
   */
  public Enqueued enqueue(SyncSource source, String trigger, String requestedBy) {
    return sql.write(
        "queue a sync of " + source.key(), tx -> enqueue(tx, source, trigger, requestedBy, true));
  }

  /**
   * Queues the scheduled run of {@code schedule} for the slot starting at {@code slot}, unless a
   * node already has: the first to record the slot queues it, so a run is queued once however many
   * servers run the schedule.
   */
  public Optional<Enqueued> enqueueScheduled(SourceSchedule schedule, Instant slot, String node) {
    String key = schedule.source().key();
    return sql.write(
        "queue the scheduled sync of " + key,
        tx -> {
          int taken =
              tx.update(
                  "INSERT INTO sync_slots (source, slot_start, node, created_at)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  key,
                  ts(slot),
                  node,
                  ts(now()));
          if (taken == 0) {
            return Optional.empty();
          }
          Enqueued e = enqueue(tx, schedule.source(), "schedule", "system", false);
          tx.update(
              "UPDATE sync_slots SET job_id = ? WHERE source = ? AND slot_start = ?",
              e.job().id(),
              key,
              ts(slot));
          return Optional.of(e);
        });
  }

  /** The start of the newest slot of {@code sourceKey} a node has queued, if any. */
  public Optional<Instant> lastSlot(String sourceKey) {
    return sql.read(
        "read the last scheduled run of " + sourceKey,
        tx ->
            tx.one(
                "SELECT MAX(slot_start) FROM sync_slots WHERE source = ?",
                rs -> instant(rs, 1),
                sourceKey));
  }

  /** Forgets the slots that started before {@code before}; returns how many. */
  public int pruneSlots(Instant before) {
    return sql.write(
        "forget old scheduled runs",
        tx -> tx.update("DELETE FROM sync_slots WHERE slot_start < ?", ts(before)));
  }

  private Enqueued enqueue(
      Sql.Tx tx, SyncSource s, String trigger, String requestedBy, boolean dueNow)
      throws SQLException {
    Instant now = now();
    // Twice at most: on PostgreSQL another node may queue the source between the read and the
    // insert; the insert then does nothing, and the second read finds that node's job.
    for (int round = 0; round < 2; round++) {
      Optional<Job> waiting = waiting(tx, s.key(), null);
      if (waiting.isPresent()) {
        Job w = waiting.get();
        if (dueNow && w.nextAttemptAt().isAfter(now)) {
          tx.update("UPDATE ingest_jobs SET next_attempt_at = ? WHERE id = ?", ts(now), w.id());
          w = load(tx, w.id());
        }
        return new Enqueued(w, false);
      }
      String id = UUID.randomUUID().toString();
      int inserted =
          tx.update(
              "INSERT INTO ingest_jobs (id, source, kind, target, workspace_id, trigger_kind,"
                  + " requested_by, state, attempts, max_attempts, next_attempt_at, created_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?) ON CONFLICT DO NOTHING",
              id,
              s.key(),
              s.kind(),
              s.target(),
              s.workspace(),
              trigger,
              requestedBy,
              policy.maxAttempts(),
              ts(now),
              ts(now));
      if (inserted == 1) {
        return new Enqueued(load(tx, id), true);
      }
    }
    throw new IllegalStateException("cannot queue a sync of " + s.key() + ": the queue is busy");
  }

  /**
   * Takes the next due job for {@code node}: a queued one, a failed one whose retry is due, or one
   * whose holder's lease expired (a takeover: one more attempt), never one of a source that has a
   * job running. Only the jobs in {@code only} are considered when it is not null.
   */
  public Optional<Job> claim(String node, Collection<String> only) {
    if (only != null && only.isEmpty()) {
      return Optional.empty();
    }
    return sql.write(
        "take a job",
        tx -> {
          Instant now = now();
          List<Object> args = new ArrayList<>(List.of(ts(now), ts(now)));
          String restrict = "";
          if (only != null) {
            restrict =
                " AND j.id IN (" + String.join(", ", only.stream().map(i -> "?").toList()) + ")";
            args.addAll(only);
          }
          Optional<String> id =
              tx.one(
                  "SELECT j.id FROM ingest_jobs j WHERE ((j.state IN "
                      + WAITING
                      + " AND j.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM ingest_jobs r"
                      + " WHERE r.source = j.source AND r.state = 'in_progress'))"
                      + " OR (j.state = 'in_progress' AND j.lease_expires_at < ?"
                      + " AND j.attempts < j.max_attempts))"
                      + restrict
                      + " ORDER BY j.next_attempt_at, j.created_at LIMIT 1"
                      + tx.dialect().skipLocked(),
                  rs -> rs.getString(1),
                  args.toArray());
          if (id.isEmpty()) {
            return Optional.<Job>empty();
          }
          tx.update(
              "UPDATE ingest_jobs SET state = 'in_progress', attempts = attempts + 1,"
                  + " lease_owner = ?, lease_expires_at = ?, heartbeat_at = ?,"
                  + " started_at = COALESCE(started_at, ?) WHERE id = ?",
              node,
              ts(now.plus(policy.lease())),
              ts(now),
              ts(now),
              id.get());
          return Optional.of(load(tx, id.get()));
        });
  }

  /** Renews {@code job}'s lease; false when its worker no longer holds it. */
  public boolean heartbeat(Job job) {
    return renew(job, "renew the lease of job ", "");
  }

  /** Records how far {@code job} has got and renews its lease; false when the lease is lost. */
  public boolean progress(Job job, JobCounts c) {
    return renew(
        job,
        "record the progress of job ",
        "docs_total = ?, docs_seen = ?, docs_added = ?, docs_updated = ?, docs_unchanged = ?,"
            + " docs_deleted = ?, docs_failed = ?, chunks_embedded = ?, elapsed_ms = ?, ",
        c.total(),
        c.seen(),
        c.added(),
        c.updated(),
        c.unchanged(),
        c.deleted(),
        c.failed(),
        c.chunks(),
        c.elapsedMillis());
  }

  /** Sets {@code set} (ending in ", ") to {@code values} and renews the lease, if still held. */
  private boolean renew(Job job, String what, String set, Object... values) {
    return sql.write(
        what + job.id(),
        tx -> {
          Instant now = now();
          List<Object> args = new ArrayList<>(List.of(values));
          args.addAll(
              List.of(ts(now.plus(policy.lease())), ts(now), job.id(), job.node(), job.attempts()));
          String sql = "UPDATE ingest_jobs SET " + set + "lease_expires_at = ?, heartbeat_at = ?";
          return tx.update(sql + FENCE, args.toArray()) == 1;
        });
  }

  /**
   * Records {@code job}'s report: {@code success}, or {@code partial_success} when documents could
   * not be read. {@code then} runs in the same transaction (the audit record).
   *
   * @throws LeaseLostException when its worker no longer holds it; nothing is recorded
   */
  public Job finish(Job job, IngestReport r, Consumer<Job> then) {
    return sql.write(
        "finish job " + job.id(),
        tx -> {
          Instant now = now();
          int n =
              tx.update(
                  "UPDATE ingest_jobs SET state = ?, docs_total = ?, docs_seen = ?,"
                      + " docs_added = ?, docs_updated = ?, docs_unchanged = ?, docs_deleted = ?,"
                      + " docs_failed = ?, chunks_embedded = ?, elapsed_ms = ?, problems = ?,"
                      + " error = NULL, lease_expires_at = NULL, finished_at = ?"
                      + FENCE,
                  (r.problems().isEmpty() ? JobState.SUCCESS : JobState.PARTIAL_SUCCESS).id(),
                  r.scanned(),
                  r.scanned(),
                  r.added(),
                  r.updated(),
                  r.unchanged(),
                  r.deleted(),
                  r.problems().size(),
                  r.chunksEmbedded(),
                  r.elapsedMillis(),
                  problemsJson(r.problems()),
                  ts(now),
                  job.id(),
                  job.node(),
                  job.attempts());
          return fenced(tx, job, n, then);
        });
  }

  /**
   * Records that {@code job}'s attempt failed with {@code error}: {@code failed}, to be retried
   * after {@link JobPolicy#retryAfter}, or {@code dead} when its attempts are spent, retrying
   * cannot help ({@code !retriable}), or another job of the source is already waiting to run.
   * {@code then} runs in the same transaction.
   *
   * @throws LeaseLostException when its worker no longer holds it; nothing is recorded
   */
  public Job fail(Job job, String error, boolean retriable, Consumer<Job> then) {
    return sql.write(
        "record the failure of job " + job.id(),
        tx -> {
          Instant now = now();
          Optional<Job> next = waiting(tx, job.source().key(), job.id());
          String why =
              next.map(w -> error + "; not retried: job " + w.id() + " syncs the source again")
                  .orElse(error);
          int n;
          if (retriable && job.attempts() < job.maxAttempts() && next.isEmpty()) {
            n =
                tx.update(
                    "UPDATE ingest_jobs SET state = 'failed', next_attempt_at = ?, error = ?,"
                        + " lease_expires_at = NULL"
                        + FENCE,
                    ts(now.plus(policy.retryAfter(job.attempts()))),
                    bounded(why, MAX_ERROR),
                    job.id(),
                    job.node(),
                    job.attempts());
          } else {
            n = bury(tx, job, why, now);
          }
          return fenced(tx, job, n, then);
        });
  }

  /**
   * Hands {@code job} back, not counting the attempt: its worker is stopping (a server shutting
   * down), so another worker may take it at once rather than after its lease expires.
   */
  public Job release(Job job, Consumer<Job> then) {
    return sql.write(
        "hand back job " + job.id(),
        tx ->
            fenced(
                tx,
                job,
                retire(
                    tx,
                    job,
                    "stopped: " + job.node() + " shut down during attempt " + job.attempts(),
                    true),
                then));
  }

  /**
   * Puts back the jobs {@code node} held when it stopped without handing them back (killed): a
   * worker calls it when it starts, holding what only one process of that node may hold (the
   * index). Each is queued again, or dead when its attempts are spent or another job of its source
   * is waiting. Returns the ones that are dead.
   */
  public List<Job> recoverOrphans(String node) {
    return sql.write(
        "recover the jobs of " + node,
        tx -> {
          List<Job> dead = new ArrayList<>();
          for (Job j :
              tx.list(
                  "SELECT "
                      + COLUMNS
                      + " FROM ingest_jobs WHERE state = 'in_progress' AND lease_owner = ?",
                  JobQueue::row,
                  node)) {
            retire(
                tx,
                j,
                "interrupted: "
                    + node
                    + " stopped during attempt "
                    + j.attempts()
                    + " of "
                    + j.maxAttempts(),
                false);
            Job now = load(tx, j.id());
            if (now.state() == JobState.DEAD) {
              dead.add(now);
            }
          }
          return dead;
        });
  }

  /**
   * Marks dead the jobs whose holder stopped renewing its lease during their last attempt, so they
   * are not taken over again; returns them (each once, whichever node marks it).
   */
  public List<Job> buryExpired() {
    return sql.write(
        "retire the jobs whose last attempt lost its worker",
        tx -> {
          Instant now = now();
          List<Job> dead = new ArrayList<>();
          for (Job j :
              tx.list(
                  "SELECT "
                      + COLUMNS
                      + " FROM ingest_jobs WHERE state = 'in_progress' AND lease_expires_at < ?"
                      + " AND attempts >= max_attempts"
                      + tx.dialect().skipLocked(),
                  JobQueue::row,
                  ts(now))) {
            String why =
                "lease expired: %s stopped renewing it during attempt %d of %d"
                    .formatted(j.node(), j.attempts(), j.maxAttempts());
            if (bury(tx, j, why, now) == 1) {
              dead.add(load(tx, j.id()));
            }
          }
          return dead;
        });
  }

  public Optional<Job> job(String id) {
    return sql.read(
        "read job " + id,
        tx -> tx.one("SELECT " + COLUMNS + " FROM ingest_jobs WHERE id = ?", JobQueue::row, id));
  }

  /** The newest jobs first. */
  public List<Job> recent(int limit) {
    return sql.read(
        "list recent jobs",
        tx ->
            tx.list(
                "SELECT " + COLUMNS + " FROM ingest_jobs ORDER BY created_at DESC, id LIMIT ?",
                JobQueue::row,
                limit));
  }

  /** The newest job of {@code sourceKey}, whatever its state. */
  public Optional<Job> last(String sourceKey) {
    return sql.read(
        "read the last job of " + sourceKey,
        tx ->
            tx.one(
                "SELECT "
                    + COLUMNS
                    + " FROM ingest_jobs WHERE source = ? ORDER BY created_at DESC, id LIMIT 1",
                JobQueue::row,
                sourceKey));
  }

  /**
   * Queues {@code job} again (its attempt not counted when {@code uncount}), or, when its attempts
   * are spent or another job of its source is waiting, marks it dead with {@code why}. Fenced.
   */
  private int retire(Sql.Tx tx, Job job, String why, boolean uncount) throws SQLException {
    Optional<Job> next = waiting(tx, job.source().key(), job.id());
    int attempts = uncount ? job.attempts() - 1 : job.attempts();
    if (next.isPresent()) {
      return bury(tx, job, why + "; job " + next.get().id() + " syncs the source again", now());
    }
    if (attempts >= job.maxAttempts()) {
      return bury(tx, job, why, now());
    }
    return tx.update(
        "UPDATE ingest_jobs SET state = 'queued', attempts = ?, next_attempt_at = ?, error = ?,"
            + " lease_expires_at = NULL"
            + FENCE,
        attempts,
        ts(now()),
        bounded(why, MAX_ERROR),
        job.id(),
        job.node(),
        job.attempts());
  }

  private static int bury(Sql.Tx tx, Job job, String why, Instant now) throws SQLException {
    return tx.update(
        "UPDATE ingest_jobs SET state = 'dead', error = ?, finished_at = ?,"
            + " lease_expires_at = NULL"
            + FENCE,
        bounded(why, MAX_ERROR),
        ts(now),
        job.id(),
        job.node(),
        job.attempts());
  }

  private Job fenced(Sql.Tx tx, Job job, int changed, Consumer<Job> then) throws SQLException {
    if (changed != 1) {
      throw new LeaseLostException(job, job.node());
    }
    Job after = load(tx, job.id());
    then.accept(after);
    return after;
  }

  /** The job of {@code sourceKey} waiting to run, other than {@code except}. */
  private static Optional<Job> waiting(Sql.Tx tx, String sourceKey, String except)
      throws SQLException {
    return tx.one(
        "SELECT "
            + COLUMNS
            + " FROM ingest_jobs WHERE source = ? AND state IN "
            + WAITING
            + " AND id <> ?",
        JobQueue::row,
        sourceKey,
        except == null ? "" : except);
  }

  private static Job load(Sql.Tx tx, String id) throws SQLException {
    return tx.one("SELECT " + COLUMNS + " FROM ingest_jobs WHERE id = ?", JobQueue::row, id)
        .orElseThrow(() -> new IllegalStateException("job " + id + " vanished"));
  }

  private Instant now() {
    return sql.clock().instant();
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static String bounded(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  static String problemsJson(List<ScanProblem> problems) {
    List<Map<String, String>> kept =
        problems.stream()
            .limit(MAX_PROBLEMS)
            .map(p -> Map.of("path", p.path(), "reason", bounded(p.reason(), MAX_REASON)))
            .toList();
    try {
      return JSON.writeValueAsString(kept);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of string maps is JSON", e);
    }
  }

  private static List<ScanProblem> problems(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, PROBLEMS).stream()
          .map(m -> new ScanProblem(m.get("path"), m.get("reason")))
          .toList();
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  private static Job row(ResultSet rs) throws SQLException {
    return new Job(
        rs.getString(1),
        new SyncSource(rs.getString(2), rs.getString(3), rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        JobState.of(rs.getString(7)),
        rs.getInt(8),
        rs.getInt(9),
        instant(rs, 10),
        rs.getString(11),
        instant(rs, 12),
        new JobCounts(
            rs.getInt(13),
            rs.getInt(14),
            rs.getInt(15),
            rs.getInt(16),
            rs.getInt(17),
            rs.getInt(18),
            rs.getInt(19),
            rs.getInt(20),
            rs.getLong(21)),
        problems(rs.getString(22)),
        rs.getString(23),
        instant(rs, 24),
        instant(rs, 25),
        instant(rs, 26));
  }
}
