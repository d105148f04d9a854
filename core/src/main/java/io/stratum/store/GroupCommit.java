package io.stratum.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * SQLite's writes of this process, committed in groups: writers that arrive while another commits
 * queue up, and the next to take the write lock runs every queued unit in one transaction (each
 * behind its own savepoint, so one that fails is undone alone) and syncs the log once for all of
 * them. Alone, a writer commits as it always did. Each caller still gets its own result or
 * exception, and runs its own after-commit work on its own thread once the group is durable.
 *
 * <p>SQLite has one writer at a time, so a disk flush per commit caps a busy server at what the
 * disk syncs per second; grouping lets concurrent model calls share one flush.
 */
final class GroupCommit {
  private final DataSource source;
  private final Dialect dialect;
  // queueing here is fairer and faster than spinning in the driver's busy handler; other
  // processes still wait there
  private final ReentrantLock writers = new ReentrantLock(true);
  private final ThreadLocal<Sql.Tx> current;
  private final ConcurrentLinkedQueue<Unit<?>> waiting = new ConcurrentLinkedQueue<>();

  GroupCommit(DataSource source, Dialect dialect, ThreadLocal<Sql.Tx> current) {
    this.source = source;
    this.dialect = dialect;
    this.current = current;
  }

  /**
   * @param flushed whether the commit must wait for the disk; a group waits when any of its units
   *     must ({@link Sql#writeUnflushed})
   */
  <T> T write(String what, Sql.Work<T> work, boolean flushed) {
    Unit<T> mine = new Unit<>(what, work, flushed);
    waiting.add(mine);
    writers.lock();
    try {
      if (!mine.done) { // else the writer before this one committed it with its own
        commitWaiting();
      }
    } finally {
      writers.unlock();
    }
    return mine.outcome();
  }

  /** Under the write lock: everything queued so far, in one transaction. */
  private void commitWaiting() {
    List<Unit<?>> group = new ArrayList<>();
    for (Unit<?> u = waiting.poll(); u != null; u = waiting.poll()) {
      group.add(u);
    }
    boolean alone = group.size() == 1;
    boolean flushed = group.stream().anyMatch(u -> u.flushed);
    try (Connection c = source.getConnection()) {
      if (!flushed) {
        dialect.unflushed(c, true);
      }
      c.setAutoCommit(false);
      Sql.Tx tx = new Sql.Tx(c, dialect);
      current.set(tx);
      try {
        for (Unit<?> u : group) {
          u.run(tx, c, alone);
        }
        if (alone && group.get(0).failure != null) {
          c.rollback();
        } else {
          c.commit();
        }
      } catch (SQLException | RuntimeException | Error e) {
        Sql.rollback(c, e);
        failAll(group, e);
      } finally {
        current.remove();
        c.setAutoCommit(true);
        if (!flushed) {
          dialect.unflushed(c, false);
        }
      }
    } catch (SQLException e) {
      failAll(group, e);
    } finally {
      for (Unit<?> u : group) {
        u.done = true;
      }
    }
  }

  private static void failAll(List<Unit<?>> group, Throwable cause) {
    for (Unit<?> u : group) {
      if (u.failure == null) {
        u.failure = u.failed(cause);
      }
    }
  }

  /** One caller's work; its fields are written by the committing thread under the write lock. */
  private static final class Unit<T> {
    final String what;
    final Sql.Work<T> work;
    final boolean flushed;
    final List<Runnable> after = new ArrayList<>();
    T result;
    Throwable failure;
    boolean done;

    Unit(String what, Sql.Work<T> work, boolean flushed) {
      this.what = what;
      this.work = work;
      this.flushed = flushed;
    }

    void run(Sql.Tx tx, Connection c, boolean alone) throws SQLException {
      Savepoint before = alone ? null : c.setSavepoint();
      tx.after = after;
      try {
        result = work.run(tx);
        if (before != null) {
          c.releaseSavepoint(before);
        }
      } catch (SQLException | RuntimeException e) {
        failure = failed(e);
        after.clear();
        if (before != null) {
          c.rollback(before); // only this unit's writes; the others still commit
        }
      }
    }

    /** What this caller is told of {@code cause}: a database error says what could not be done. */
    Throwable failed(Throwable cause) {
      return cause instanceof SQLException e ? new StoreException("cannot " + what, e) : cause;
    }

    /** The result, once durable (after this caller's after-commit work), or the failure. */
    T outcome() {
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      for (Runnable r : after) {
        r.run();
      }
      return result;
    }
  }
}
