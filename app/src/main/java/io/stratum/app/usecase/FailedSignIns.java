package io.stratum.app.usecase;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed sign-ins per source address in windows, so that a flood of wrong tokens writes two
 * audit records per address and window instead of one per attempt: the first failure of a window at
 * once (a SIEM sees an attack start without delay), the rest as one record carrying their count
 * when the window closes, at the address's next failure after it, or on {@link #close}, whichever
 * comes first.
 */
final class FailedSignIns implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FailedSignIns.class);

  /**
   * The failures after the first of one address's window.
   *
   * @param lastReason the reason of the last of them
   */
  record Repeated(String address, int count, String lastReason, Instant since, Duration window) {}

  private static final class Window {
    final Instant since;
    int count;
    String lastReason;

    Window(Instant since) {
      this.since = since;
    }
  }

  private final Duration window;
  private final InstantSource clock;
  private final Consumer<String> first;
  private final Consumer<Repeated> repeated;

  /** In the order the windows opened, so the first closes first. */
  private final Map<String, Window> open = new LinkedHashMap<>();

  private ScheduledExecutorService timer;
  private ScheduledFuture<?> pending;
  private boolean closed;

  /**
   * @param first records the first failure of an address's window, while its request is in progress
   * @param repeated records the failures that followed it, from whichever thread closes the window
   */
  FailedSignIns(
      Duration window, InstantSource clock, Consumer<String> first, Consumer<Repeated> repeated) {
    this.window = window;
    this.clock = clock;
    this.first = first;
    this.repeated = repeated;
  }

  /** A failed sign-in from {@code address} ("" when unknown: the CLI, a test). */
  void failed(String address, String reason) {
    Instant now = clock.instant();
    Repeated due = null;
    boolean opened;
    synchronized (this) {
      Window w = open.get(address);
      if (w != null && !now.isBefore(w.since.plus(window))) {
        open.remove(address);
        due = repeated(address, w);
        w = null;
      }
      opened = w == null;
      if (opened) {
        open.put(address, new Window(now));
        scheduleNext(now);
      } else {
        w.count++;
        w.lastReason = reason;
      }
    }
    if (due != null) {
      repeated.accept(due);
    }
    if (opened) {
      first.accept(reason);
    }
  }

  /** Records the counts of every window that has closed; the timer calls it as each closes. */
  void flushClosed() {
    Instant now = clock.instant();
    List<Repeated> due = new ArrayList<>();
    synchronized (this) {
      open.entrySet().removeIf(e -> !now.isBefore(e.getValue().since.plus(window)) && due(e, due));
    }
    write(due, "in a closed window");
  }

  /** Records the counts of the windows still open, so a shutdown loses none. */
  @Override
  public void close() {
    List<Repeated> due = new ArrayList<>();
    synchronized (this) {
      closed = true;
      if (timer != null) {
        timer.shutdownNow();
      }
      open.entrySet().removeIf(e -> due(e, due));
    }
    write(due, "at shutdown");
  }

  /** Records {@code due}; the timer and a shutdown have no caller to tell, so the log says it. */
  private void write(List<Repeated> due, String when) {
    try {
      due.forEach(repeated);
    } catch (RuntimeException e) {
      LOG.warn("could not record the failed sign-ins counted {}: {}", when, due, e);
    }
  }

  /** Adds the window's count to {@code due} when it has one; true, so the window goes. */
  private boolean due(Map.Entry<String, Window> e, List<Repeated> due) {
    Repeated r = repeated(e.getKey(), e.getValue());
    if (r != null) {
      due.add(r);
    }
    return true;
  }

  private Repeated repeated(String address, Window w) {
    return w.count == 0 ? null : new Repeated(address, w.count, w.lastReason, w.since, window);
  }

  /**
   * Keeps one flush pending, at the close of the first open window. The timer counts on its own
   * clock, which may run a little ahead of {@link #clock}: a flush that finds nothing closed yet
   * schedules the next one all the same.
   */
  private void scheduleNext(Instant now) {
    if (closed || pending != null || open.isEmpty()) {
      return;
    }
    if (timer == null) {
      timer =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread thread = new Thread(r, "failed-sign-ins");
                thread.setDaemon(true);
                return thread;
              });
    }
    Instant closes = open.values().iterator().next().since.plus(window);
    long millis = Math.max(1, Duration.between(now, closes).toMillis() + 1);
    pending = timer.schedule(this::onTimer, millis, TimeUnit.MILLISECONDS);
  }

  private void onTimer() {
    synchronized (this) {
      pending = null;
    }
    flushClosed();
    synchronized (this) {
      scheduleNext(clock.instant());
    }
  }
}
