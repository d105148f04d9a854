package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.Principal;
import io.stratum.audit.AuditRecord;
import io.stratum.chunk.Chunker;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.ingest.Ingestor;
import io.stratum.retrieval.Passage;
import io.stratum.sync.Job;
import io.stratum.sync.JobPolicy;
import io.stratum.sync.JobQueue;
import io.stratum.sync.JobState;
import io.stratum.sync.SourceSchedule;
import io.stratum.sync.SyncSource;
import io.stratum.testing.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest as jobs over the real stores and index: requests and who may make them, the worker that
 * runs them (retries, takeover after a lease expires), and the schedule, each step audited.
 */
class SyncingTest {
  /** Leases and retries short enough to wait for in a test. */
  static final JobPolicy FAST = new JobPolicy(Duration.ofMillis(600), Duration.ofMillis(100), 3);

  final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T09:00:00Z"));
  @TempDir Path dir;
  UseCases u;
  Ingestor ingestor;
  SyncSource security;
  SyncSource operations;
  Principal root;

  @BeforeEach
  void setUp() {
    u = new UseCases(dir, clock);
    ingestor = new Ingestor(u.stores.workspaces, u.stores.documents, u.index, new Chunker(1200));
    security = source("security");
    operations = source("operations");
    u.accounts.createPrincipal("root", "root", true);
    root = u.accounts.principal("root").orElseThrow();
  }

  @AfterEach
  void close() {
    u.close();
  }

  private SyncSource source(String ws) {
    return new SyncSource("markdown", dir.resolve("corpus/" + ws).toString(), ws);
  }

  private Syncing syncing(String node, JobPolicy policy, SyncWorker.Ingest ingest) {
    return new Syncing(
        u.guard,
        new JobQueue(u.stores.sql(), policy),
        ingest,
        List.of(
            new SourceSchedule(security, Duration.ofMinutes(15)),
            new SourceSchedule(operations, Duration.ofHours(1))),
        u.auditor,
        node);
  }

  private Syncing syncing(String node) {
    return syncing(
        node,
        FAST,
        (s, p) -> ingestor.ingest(MarkdownConnector.into(Path.of(s.target()), s.workspace()), p));
  }

  private List<String> found(String workspace, String query) {
    return new Search(u.guard, u.retriever(), u.auditor)
        .search(root, List.of(workspace), query, 5, List.of()).passages().stream()
            .map(Passage::documentId)
            .toList();
  }

  @Test
  void sync_now_queues_a_job_a_worker_runs_and_the_request_and_the_outcome_are_audited() {
    Syncing syncing = syncing("node-a");
    JobQueue.Enqueued asked = syncing.request(root, security.id()).orElseThrow();
    JobQueue.Enqueued again = syncing.request(root, security.id()).orElseThrow();
    Job done;
    try (SyncWorker worker = syncing.worker()) {
      done = worker.runOnce(null, p -> {}).orElseThrow();
    }

    assertThat(again.created()).isFalse();
    assertThat(again.job().id()).isEqualTo(asked.job().id());
    assertThat(done.id()).isEqualTo(asked.job().id());
    assertThat(done.state()).isEqualTo(JobState.SUCCESS);
    assertThat(done.trigger()).isEqualTo("manual");
    assertThat(done.requestedBy()).isEqualTo("root");
    assertThat(done.node()).isEqualTo("node-a");
    assertThat(done.counts().seen()).isEqualTo(1);
    assertThat(u.audited("source.sync_requested"))
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.principal()).isEqualTo("root");
              assertThat(r.workspace()).isEqualTo("security");
              assertThat(r.metadata())
                  .contains("\"job\":\"" + done.id() + "\"", "\"trigger\":\"manual\"");
            });
    AuditRecord ingested = u.audited("source.ingested").getLast();
    assertThat(ingested.outcome()).isEqualTo("success");
    assertThat(ingested.principal()).isEqualTo("root");
    assertThat(ingested.metadata())
        .contains("\"job\":\"" + done.id() + "\"", "\"state\":\"success\"", "\"node\":\"node-a\"");
  }

  @Test
  void a_workspace_admin_syncs_the_sources_of_their_workspace_and_no_other() {
    Syncing syncing = syncing("node-a");
    Job ops = syncing.request(u.olga, operations.id()).orElseThrow().job();
    Job sec = syncing.request(root, security.id()).orElseThrow().job();

    assertThatThrownBy(() -> syncing.request(u.olga, security.id()))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage(
            "'olga' may not sync %s: only admins of workspace 'security' may", security.key());
    assertThatThrownBy(() -> syncing.request(u.dana, security.id()))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(syncing.request(u.olga, "markdown-0000000000")).isEmpty();
    assertThat(syncing.sources(u.olga))
        .extracting(s -> s.schedule().source())
        .containsExactly(operations);
    assertThat(syncing.sources(u.dana)).isEmpty();
    assertThat(syncing.sources(root)).hasSize(2);
    assertThat(syncing.job(u.olga, ops.id())).isPresent();
    assertThat(syncing.job(u.olga, sec.id())).isEmpty();
    assertThat(u.audited("source.sync_requested"))
        .filteredOn(r -> r.outcome().equals("denied"))
        .extracting(AuditRecord::principal)
        .containsExactly("olga", "dana");
    assertThat(u.audited("job.read"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("denied"));
  }

  @Test
  void a_job_whose_worker_died_is_taken_over_once_its_lease_expires_and_finished_elsewhere()
      throws Exception {
    JobQueue queue = new JobQueue(u.stores.sql(), FAST);
    queue.enqueue(security, "manual", "root");
    Job held = queue.claim("node-dead", null).orElseThrow(); // then the node is killed
    clock.advance(Duration.ofMillis(599));
    Optional<Job> early;
    Job taken;
    try (SyncWorker b = syncing("node-b").worker()) {
      early = b.runOnce(null, p -> {});
      clock.advance(Duration.ofMillis(2));
      taken = b.runOnce(null, p -> {}).orElseThrow();
    }

    assertThat(early).as("the dead node's lease still holds").isEmpty();
    assertThat(taken.id()).isEqualTo(held.id());
    assertThat(taken.attempts()).isEqualTo(2);
    assertThat(taken.node()).isEqualTo("node-b");
    assertThat(taken.state()).isEqualTo(JobState.SUCCESS);
  }

  @Test
  void a_source_that_keeps_failing_is_retried_with_backoff_then_dead_with_its_last_error_audited() {
    Syncing failing =
        syncing(
            "node-a",
            FAST,
            (s, p) -> {
              throw new IllegalStateException("Jira answered 503 Service Unavailable");
            });
    failing.request(root, security.id()).orElseThrow();
    List<Job> attempts = new ArrayList<>();
    try (SyncWorker worker = failing.worker()) {
      for (int i = 0; i < 3; i++) {
        Job j = worker.runOnce(null, p -> {}).orElseThrow();
        attempts.add(j);
        if (j.state() == JobState.FAILED) {
          assertThat(worker.runOnce(null, p -> {})).as("its retry is not due").isEmpty();
          clock.advance(Duration.between(clock.now, j.nextAttemptAt()));
        }
      }
    }

    assertThat(attempts)
        .extracting(Job::state)
        .containsExactly(JobState.FAILED, JobState.FAILED, JobState.DEAD);
    assertThat(attempts.get(1).nextAttemptAt())
        .isEqualTo(attempts.get(0).nextAttemptAt().plusMillis(400));
    assertThat(attempts.getLast().error()).isEqualTo("Jira answered 503 Service Unavailable");
    assertThat(u.audited("source.ingested"))
        .filteredOn(r -> r.metadata().contains("\"state\":\"dead\""))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo("failure");
              assertThat(r.metadata()).contains("\"error\":\"Jira answered 503");
            });
  }

  @Test
  void a_scheduled_run_picks_up_a_changed_file_and_drops_a_deleted_one_without_any_command()
      throws Exception {
    // at the start of operations' hourly slot, so that 15 minutes later only security's is new
    clock.now = new SourceSchedule(operations, Duration.ofHours(1)).slot(clock.now);
    Syncing a = syncing("node-a");
    Syncing b = syncing("node-b");
    List<JobQueue.Enqueued> first = a.schedule().tick();
    List<JobQueue.Enqueued> byB = b.schedule().tick(); // the same slots, on another node
    try (SyncWorker worker = a.worker()) {
      while (worker.runOnce(null, p -> {}).isPresent()) {}
      Path sec = dir.resolve("corpus/security");
      Files.writeString(
          sec.resolve("ceremony.md"),
          "# Key ceremony\n\nThe hardware security module ceremony happens every quarter.\n");
      Files.delete(sec.resolve("keys.md"));
      List<JobQueue.Enqueued> sameSlot = a.schedule().tick();
      clock.advance(Duration.ofMinutes(15));
      List<JobQueue.Enqueued> next = a.schedule().tick();
      while (worker.runOnce(null, p -> {}).isPresent()) {}

      assertThat(first).hasSize(2);
      assertThat(byB).isEmpty();
      assertThat(sameSlot).isEmpty();
      assertThat(next)
          .as("only security's 15-minute slot has come round")
          .singleElement()
          .satisfies(e -> assertThat(e.job().source()).isEqualTo(security));
      assertThat(found("security", "hardware security module ceremony quarter"))
          .contains("security:ceremony.md");
      assertThat(found("security", "customer master keys rotated every 365 days"))
          .doesNotContain("security:keys.md");
      assertThat(a.sources(root))
          .filteredOn(s -> s.schedule().source().equals(security))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.last().orElseThrow().counts().deleted()).isEqualTo(1);
                assertThat(s.nextRun()).isAfter(clock.now);
              });
    }
  }
}
