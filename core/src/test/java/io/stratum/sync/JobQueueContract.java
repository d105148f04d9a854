package io.stratum.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.corpus.ScanProblem;
import io.stratum.ingest.IngestReport;
import io.stratum.store.Database;
import io.stratum.store.TestDatabases;
import io.stratum.store.TestStores;
import io.stratum.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the job queue promises, whichever engine holds it. Two nodes are two connection pools on the
 * same database, as two servers (or the CLI beside a server) would open it; time is a clock the
 * tests move, so a lease expires without waiting. One subclass per engine runs it.
 */
abstract class JobQueueContract {
  static final JobPolicy POLICY = new JobPolicy(Duration.ofSeconds(60), Duration.ofSeconds(30), 3);
  static final SyncSource ADR = new SyncSource("adr", "/corpus/adr", "security");
  static final SyncSource RUNBOOKS = new SyncSource("runbooks", "/corpus/runbooks", "operations");

  @TempDir Path dir;
  final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T09:00:00Z"));
  TestStores stores;
  Database second;
  JobQueue a;
  JobQueue b;

  abstract TestDatabases.Engine engine();

  @BeforeEach
  void open() {
    stores = TestStores.open(engine(), dir, clock);
    second = stores.another();
    a = new JobQueue(stores.sql(), POLICY);
    b = new JobQueue(second.sql(), POLICY);
  }

  @AfterEach
  void close() {
    // both null when the engine is missing and the test was skipped
    if (second != null) {
      second.close();
    }
    if (stores != null) {
      stores.close();
    }
  }

  private static IngestReport report(SyncSource s, List<ScanProblem> problems) {
    return new IngestReport(s.key(), 5, 2, 1, 2, 1, 7, problems, 420);
  }

  @Test
  void a_request_for_a_source_with_a_job_waiting_joins_it_and_one_running_gets_one_queued_behind()
      throws Exception {
    JobQueue.Enqueued first = a.enqueue(ADR, "manual", "dana");
    JobQueue.Enqueued again = b.enqueue(ADR, "cli", "local-operator");
    Job running = a.claim("node-a", null).orElseThrow();
    JobQueue.Enqueued behind = b.enqueue(ADR, "manual", "olga");

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.job().id()).isEqualTo(first.job().id());
    assertThat(running.id()).isEqualTo(first.job().id());
    assertThat(running.state()).isEqualTo(JobState.IN_PROGRESS);
    assertThat(running.attempts()).isEqualTo(1);
    assertThat(running.node()).isEqualTo("node-a");
    assertThat(running.leaseExpiresAt()).isEqualTo(clock.now.plusSeconds(60));
    assertThat(behind.created()).isTrue();
    assertThat(b.claim("node-b", null)).as("the source has a job running").isEmpty();
  }

  @Test
  void a_source_never_has_two_jobs_running_when_two_nodes_claim_at_once() throws Exception {
    List<SyncSource> sources = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      SyncSource s = new SyncSource("markdown", "/corpus/" + i, "ws-" + i);
      sources.add(s);
      a.enqueue(s, "schedule", "system");
    }
    assertThat(a.claim("node-a", Set.of())).as("an empty restriction takes nothing").isEmpty();
    ConcurrentHashMap<String, String> holders = new ConcurrentHashMap<>();
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<List<Job>>> runs = new ArrayList<>();
    for (JobQueue q : List.of(a, b)) {
      String node = q == a ? "node-a" : "node-b";
      Callable<List<Job>> claimAll =
          () -> {
            start.await();
            List<Job> mine = new ArrayList<>();
            for (Optional<Job> j = q.claim(node, null); j.isPresent(); j = q.claim(node, null)) {
              mine.add(j.get());
              assertThat(holders.putIfAbsent(j.get().source().key(), node))
                  .as("a second running job of " + j.get().source().key())
                  .isNull();
              q.enqueue(j.get().source(), "manual", "dana"); // queued behind the running one
            }
            return mine;
          };
      runs.add(pool.submit(claimAll));
    }
    List<Job> claimed = new ArrayList<>();
    for (Future<List<Job>> f : runs) {
      claimed.addAll(f.get());
    }
    pool.shutdown();

    assertThat(claimed).hasSize(12);
    assertThat(claimed.stream().map(Job::id).distinct()).hasSize(12);
    assertThat(holders).hasSize(12);
  }

  @Test
  void a_worker_whose_lease_expired_is_taken_over_and_its_late_writes_change_nothing() {
    a.enqueue(ADR, "manual", "dana");
    Job first = a.claim("node-a", null).orElseThrow();
    assertThat(a.progress(first, new JobCounts(5, 2, 2, 0, 0, 0, 0, 6, 900))).isTrue();

    clock.advance(Duration.ofSeconds(59));
    assertThat(b.claim("node-b", null)).as("the lease still holds").isEmpty();
    clock.advance(Duration.ofSeconds(2)); // node-a was killed: no heartbeat for 61 s
    Job taken = b.claim("node-b", null).orElseThrow();

    assertThat(taken.id()).isEqualTo(first.id());
    assertThat(taken.attempts()).isEqualTo(2);
    assertThat(taken.node()).isEqualTo("node-b");
    assertThat(taken.counts().seen()).as("the progress the dead node recorded").isEqualTo(2);
    assertThat(a.heartbeat(first)).isFalse();
    assertThat(a.progress(first, JobCounts.NONE)).isFalse();
    assertThatThrownBy(() -> a.finish(first, report(ADR, List.of()), j -> {}))
        .isInstanceOf(LeaseLostException.class)
        .hasMessage(
            "job %s of adr:/corpus/adr: node-a no longer holds its lease (attempt 1); another"
                + " worker took it over",
            first.id());
    Job done = b.finish(taken, report(ADR, List.of()), j -> {});
    assertThat(done.state()).isEqualTo(JobState.SUCCESS);
    assertThat(done.node()).isEqualTo("node-b");
    assertThat(a.job(first.id()).orElseThrow().report().summary())
        .isEqualTo(
            "adr:/corpus/adr: 5 documents (2 new, 1 changed, 2 unchanged, 1 removed, 0 failed), 7"
                + " chunks embedded in 420 ms");
  }

  @Test
  void a_heartbeat_keeps_a_long_job_from_being_taken_over() {
    a.enqueue(ADR, "manual", "dana");
    Job job = a.claim("node-a", null).orElseThrow();
    for (int i = 0; i < 10; i++) {
      clock.advance(POLICY.heartbeat());
      assertThat(a.heartbeat(job)).isTrue();
      assertThat(b.claim("node-b", null)).isEmpty();
    }
  }

  @Test
  void a_failed_attempt_is_retried_after_30_s_then_2_min_and_then_the_job_is_dead_with_its_error() {
    a.enqueue(ADR, "manual", "dana");
    List<Instant> retries = new ArrayList<>();
    Job last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      Job j = a.claim("node-a", null).orElseThrow();
      last = a.fail(j, "Jira answered 503 (attempt " + attempt + ")", true, x -> {});
      if (attempt < 3) {
        assertThat(last.state()).isEqualTo(JobState.FAILED);
        retries.add(last.nextAttemptAt());
        clock.advance(Duration.between(clock.now, last.nextAttemptAt()).minusSeconds(1));
        assertThat(a.claim("node-a", null)).as("not due yet").isEmpty();
        clock.advance(Duration.ofSeconds(1));
      }
    }

    Instant t0 = Instant.parse("2026-12-02T09:00:00Z");
    assertThat(retries).containsExactly(t0.plusSeconds(30), t0.plusSeconds(30 + 120));
    assertThat(last.state()).isEqualTo(JobState.DEAD);
    assertThat(last.attempts()).isEqualTo(3);
    assertThat(last.error()).isEqualTo("Jira answered 503 (attempt 3)");
    assertThat(last.finishedAt()).isEqualTo(clock.now);
    assertThat(a.claim("node-a", null)).isEmpty();
  }

  @Test
  void a_failure_retrying_cannot_help_is_dead_at_once_and_a_new_request_queues_a_new_job() {
    a.enqueue(RUNBOOKS, "cli", "local-operator");
    Job j = a.claim("node-a", null).orElseThrow();
    Job dead = a.fail(j, "set STRATUM_ATLASSIAN_URL in the environment", false, x -> {});
    JobQueue.Enqueued again = a.enqueue(RUNBOOKS, "cli", "local-operator");

    assertThat(dead.state()).isEqualTo(JobState.DEAD);
    assertThat(dead.attempts()).isEqualTo(1);
    assertThat(again.created()).isTrue();
  }

  @Test
  void a_node_restarted_after_a_kill_puts_back_the_jobs_it_held_and_the_last_attempt_is_dead() {
    a.enqueue(ADR, "cli", "local-operator");
    a.enqueue(RUNBOOKS, "cli", "local-operator");
    Job adr = a.claim("node-a", null).orElseThrow();
    Job runbooks = a.claim("node-a", null).orElseThrow();

    List<Job> dead = b.recoverOrphans("node-a"); // node-a started again, before its lease expired
    Job again = b.claim("node-a", null).orElseThrow();

    assertThat(dead).isEmpty();
    assertThat(again.attempts()).as("the killed attempt counts").isEqualTo(2);
    assertThat(List.of(adr.id(), runbooks.id())).contains(again.id());
    assertThat(a.job(again.id()).orElseThrow().state()).isEqualTo(JobState.IN_PROGRESS);
    assertThat(a.job(again.id()).orElseThrow().error())
        .isEqualTo("interrupted: node-a stopped during attempt 1 of 3");
  }

  @Test
  void a_job_killed_on_its_last_attempt_is_buried_by_one_node_with_why() {
    a.enqueue(ADR, "manual", "dana");
    for (int i = 0; i < 3; i++) {
      a.claim("node-" + i, null).orElseThrow();
      clock.advance(Duration.ofSeconds(61)); // each holder dies
    }

    List<Job> byB = b.buryExpired();
    List<Job> byA = a.buryExpired();

    assertThat(byA).isEmpty();
    assertThat(byB)
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.state()).isEqualTo(JobState.DEAD);
              assertThat(j.error())
                  .isEqualTo("lease expired: node-2 stopped renewing it during attempt 3 of 3");
            });
    assertThat(a.claim("node-a", null)).isEmpty();
  }

  @Test
  void a_job_handed_back_at_shutdown_is_taken_at_once_without_counting_the_attempt() {
    a.enqueue(ADR, "schedule", "system");
    Job held = a.claim("node-a", null).orElseThrow();
    Job back = a.release(held, j -> {});
    Job taken = b.claim("node-b", null).orElseThrow();

    assertThat(back.state()).isEqualTo(JobState.QUEUED);
    assertThat(back.attempts()).isZero();
    assertThat(taken.attempts()).isEqualTo(1);
  }

  @Test
  void a_failed_job_with_another_job_of_its_source_waiting_is_not_retried() {
    a.enqueue(ADR, "manual", "dana");
    Job running = a.claim("node-a", null).orElseThrow();
    Job waiting = a.enqueue(ADR, "schedule", "system").job();

    Job failed = a.fail(running, "disk full", true, j -> {});

    assertThat(failed.state()).isEqualTo(JobState.DEAD);
    assertThat(failed.error())
        .isEqualTo("disk full; not retried: job " + waiting.id() + " syncs the source again");
    assertThat(a.claim("node-a", null).orElseThrow().id()).isEqualTo(waiting.id());
  }

  @Test
  void a_report_with_unreadable_documents_is_a_partial_success_that_keeps_each_problem() {
    a.enqueue(ADR, "cli", "local-operator");
    Job j = a.claim("node-a", null).orElseThrow();
    List<ScanProblem> problems =
        List.of(new ScanProblem("adr/bad.md", "front matter is not valid YAML"));

    Job done = a.finish(j, report(ADR, problems), x -> {});

    Job read = b.job(done.id()).orElseThrow();
    assertThat(read.state()).isEqualTo(JobState.PARTIAL_SUCCESS);
    assertThat(read.problems()).isEqualTo(problems);
    assertThat(read.counts().failed()).isEqualTo(1);
    assertThat(b.recent(10)).extracting(Job::id).containsExactly(done.id());
    assertThat(b.last(ADR.key())).contains(read);
  }

  @Test
  void a_scheduled_run_is_queued_by_exactly_one_of_several_nodes() throws Exception {
    SourceSchedule hourly = new SourceSchedule(ADR, Duration.ofHours(1));
    Instant slot = hourly.slot(clock.now);
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Optional<JobQueue.Enqueued>>> tries = new ArrayList<>();
    for (JobQueue q : List.of(a, b)) {
      tries.add(
          pool.submit(
              () -> {
                start.await();
                return q.enqueueScheduled(hourly, slot, q == a ? "node-a" : "node-b");
              }));
    }
    List<Optional<JobQueue.Enqueued>> got = new ArrayList<>();
    for (Future<Optional<JobQueue.Enqueued>> f : tries) {
      got.add(f.get());
    }
    pool.shutdown();

    assertThat(got.stream().filter(Optional::isPresent)).hasSize(1);
    assertThat(a.enqueueScheduled(hourly, slot, "node-a")).isEmpty();
    assertThat(a.lastSlot(ADR.key())).contains(slot);
    assertThat(a.recent(10))
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.trigger()).isEqualTo("schedule");
              assertThat(j.requestedBy()).isEqualTo("system");
            });
    assertThat(a.pruneSlots(slot.plusSeconds(1))).isEqualTo(1);
  }
}
