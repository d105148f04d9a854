package io.stratum.audit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the audit chain's signed head off the writer's thread. Signing and replacing the head file
 * costs more than the record's own commit, and only the newest head matters: records committed
 * while one head is being written are covered by the next, so a burst of records signs a few heads,
 * not one each. The head may lag the database by the records of the last few milliseconds, never
 * lead it: it is moved only after a commit.
 */
final class HeadMover {
  private static final Logger LOG = LoggerFactory.getLogger(HeadMover.class);

  /**
   * The least time between two heads: a signature and a file replaced cost about a millisecond of
   * CPU and a journal commit, and at a hundred records a second one head per record would take most
   * of a core. The head trails the records by at most this, plus one write.
   */
  static final long PAUSE_MILLIS = 20;

  private record Pending(long seq, String hash) {}

  private final BiConsumer<Long, String> write;
  private final AtomicReference<Pending> latest = new AtomicReference<>();
  private final AtomicBoolean running = new AtomicBoolean();

  /**
   * @param write writes the head at (seq, hash) unless the file is already further on
   */
  HeadMover(BiConsumer<Long, String> write) {
    this.write = write;
  }

  /** Record {@code seq} with chain hash {@code hash} is committed; the head follows shortly. */
  void moved(long seq, String hash) {
    Pending p = new Pending(seq, hash);
    latest.accumulateAndGet(p, (a, b) -> a == null || b.seq() > a.seq() ? b : a);
    if (running.compareAndSet(false, true)) {
      Thread.ofVirtual().name("audit-head").start(this::drain);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes the newest head now, on this thread; returns once the file holds it. */
  void flush() {
    Pending p = latest.get();
    if (p != null) {
      write.accept(p.seq(), p.hash());
    }
  }

  private void drain() {
    Pending done = null;
    while (true) {
      Pending p = latest.get();
      if (p != done) {
        try {
          write.accept(p.seq(), p.hash());
        } catch (RuntimeException e) {
          // the records are committed; a head left behind only narrows what a cut end shows
          LOG.error("cannot move the audit head to record {}: {}", p.seq(), e.getMessage(), e);
        }
        done = p;
        pause();
      }
      running.set(false);
      // a record committed after the read above, whose caller saw this thread still running
      if (latest.get() == done || !running.compareAndSet(false, true)) {
        return;
      }
    }
  }
}
