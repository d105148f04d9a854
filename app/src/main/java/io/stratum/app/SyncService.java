package io.stratum.app;

import io.stratum.app.usecase.SyncSchedule;
import io.stratum.app.usecase.SyncWorker;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's share of the jobs: one worker that runs due jobs one at a time (polling the shared
 * queue), and the schedule of the configured sources. Every {@code stratum serve} runs one, so
 * several servers over one database split the jobs between them. Closing it hands the job in
 * progress back to the queue, for another server to take at once.
 *
 * <pre>{@code
 * try (SyncService sync = SyncService.start(stratum, SyncService.Timings.STANDARD)) {
 *   // serve until asked to stop
 * }
 * }</pre>
 *
 * @see io.stratum.sync.JobQueue
 */
public final class SyncService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

  /** How long closing waits for the job in progress to reach a document boundary. */
  static final Duration STOP_WAIT = Duration.ofSeconds(30);

  /**
   * @param poll how often an idle worker looks for a due job
   * @param tick how often the schedule looks for a source whose run has come
   */
  public record Timings(Duration poll, Duration tick) {
    /** A worker looks every second; the schedule every 30 s. */
    public static final Timings STANDARD =
        new Timings(Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  private final SyncWorker worker;
  private final Thread loop;
  private final ScheduledExecutorService ticks;
  private volatile boolean stopped;

  private SyncService(Stratum stratum, Timings timings) {
    this.worker = stratum.syncing().worker();
    worker.recover();
    SyncSchedule schedule = stratum.syncing().schedule();
    this.ticks =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("stratum-sync-schedule").daemon().unstarted(r));
    ticks.scheduleWithFixedDelay(
        () -> guarded("schedule", schedule::tick),
        0,
        timings.tick().toMillis(),
        TimeUnit.MILLISECONDS);
    this.loop =
        Thread.ofPlatform().name("stratum-sync-worker").daemon().start(() -> work(timings.poll()));
  }

  /** Starts the worker and the schedule of {@code stratum}'s configured sources. */
  public static SyncService start(Stratum stratum, Timings timings) {
    return new SyncService(stratum, timings);
  }

  private void work(Duration poll) {
    while (!stopped) {
      boolean ran = guarded("worker", () -> worker.runOnce(null, p -> {}).isPresent());
      if (!ran && !stopped) {
        try {
          Thread.sleep(poll);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Runs {@code step}; a failure (the database away for a moment) is logged and tried again. */
  private static boolean guarded(String what, Supplier<?> step) {
    try {
      Object r = step.get();
      return r instanceof Boolean b ? b : true;
    } catch (RuntimeException e) {
      LOG.warn("jobs: the {} failed and will try again: {}", what, e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    stopped = true;
    ticks.shutdownNow();
    worker.stop();
    try {
      loop.join(STOP_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    worker.close();
  }

  @Override
  public String toString() {
    return "jobs worker " + worker.node();
  }
}
