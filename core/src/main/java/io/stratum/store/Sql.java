package io.stratum.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Short units of work on the database, shared by every store (workspaces, documents, conversations,
 * accounts, usage, audit). A write runs in one transaction; any failure rolls it back and surfaces
 * as a {@link StoreException} saying what could not be done.
 *
 * <p>A write started inside another write on the same thread joins it, so several stores can commit
 * one outcome together ({@link #transaction}): an answer's usage row, conversation turn and audit
 * record are all durable, or none is. Work that must wait until the data is durable (the audit head
 * outside the database) is registered with {@link #afterCommit}.
 *
 * <pre>{@code
 * sql.write("create workspace ops", tx -> tx.update(
 *     "INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)", "ops", "Ops", sql.now()));
 * List<String> ids = sql.read("list workspaces",
 *     tx -> tx.list("SELECT id FROM workspaces ORDER BY id", rs -> rs.getString(1)));
 * }</pre>
 */
public final class Sql {
  private final DataSource source;
  private final Dialect dialect;
  private final Clock clock;
  private final ThreadLocal<Tx> current = new ThreadLocal<>();
  // SQLite has one writer at a time: this process's writers queue there and share commits
  private final GroupCommit grouped;

  Sql(DataSource source, Dialect dialect, Clock clock) {
    this.source = source;
    this.dialect = dialect;
    this.clock = clock;
    this.grouped = new GroupCommit(source, dialect, current);
  }

  /** A unit of work. */
  public interface Work<T> {
    T run(Tx tx) throws SQLException;
  }

  /** A unit of work that returns nothing. */
  public interface Action {
    void run(Tx tx) throws SQLException;
  }

  /** Maps the current row of a result set. */
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Reads; inside a write on this thread, sees that write's uncommitted rows. */
  public <T> T read(String what, Work<T> work) {
    Tx open = current.get();
    if (open != null) {
      return run(what, work, open);
    }
    try (Connection c = source.getConnection()) {
      return work.run(new Tx(c, dialect));
    } catch (SQLException e) {
      throw new StoreException("cannot " + what, e);
    }
  }

  /** Writes in one transaction, or as part of the one this thread has open. */
  public <T> T write(String what, Work<T> work) {
    return write(what, work, true);
  }

  /**
   * As {@link #write(String, Work)}, but the commit does not wait for the disk: once this returns
   * the write survives this process being killed, and it survives a power cut once the next flushed
   * commit (or the database's own background flush) has synced the log behind it. For a record that
   * only matters if the process dies before a later, flushed write supersedes it (a budget
   * reservation, settled by the bill written after the call). Inside an open write it joins that
   * write, and is as durable as it.
   */
  public <T> T writeUnflushed(String what, Work<T> work) {
    return write(what, work, false);
  }

  private <T> T write(String what, Work<T> work, boolean flushed) {
    Tx open = current.get();
    if (open != null) {
      return run(what, work, open);
    }
    if (dialect == Dialect.SQLITE) {
      return grouped.write(what, work, flushed);
    }
    Tx tx = null;
    T result;
    try (Connection c = source.getConnection()) {
      c.setAutoCommit(false);
      tx = new Tx(c, dialect);
      current.set(tx);
      try {
        if (!flushed) {
          dialect.unflushedInTransaction(c);
        }
        result = work.run(tx);
        c.commit();
      } catch (SQLException | RuntimeException | Error e) {
        rollback(c, e);
        throw e;
      } finally {
        current.remove();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot " + what, e);
    }
    tx.committed();
    return result;
  }

  /** As {@link #write(String, Work)}, for work without a result. */
  public void update(String what, Action action) {
    write(
        what,
        tx -> {
          action.run(tx);
          return null;
        });
  }

  /** Runs {@code work} in one transaction that every store's writes inside it join. */
  public <T> T transaction(String what, Supplier<T> work) {
    return write(what, tx -> work.get());
  }

  /** Runs {@code after} once the current transaction has committed (now, outside one). */
  public void afterCommit(Runnable after) {
    Tx open = current.get();
    if (open == null) {
      after.run();
    } else {
      open.after.add(after);
    }
  }

  private static <T> T run(String what, Work<T> work, Tx tx) {
    try {
      return work.run(tx);
    } catch (SQLException e) {
      throw new StoreException("cannot " + what, e);
    }
  }

  static void rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  public Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  public Clock clock() {
    return clock;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Money as the database sums it: SQLite adds decimals as doubles, so round to 8 places. */
  public static BigDecimal usd(BigDecimal summed) {
    return summed == null
        ? BigDecimal.ZERO
        : summed.setScale(8, RoundingMode.HALF_UP).stripTrailingZeros();
  }

  /** One connection's work: statements with positional arguments, mapped rows. */
  public static final class Tx {
    private final Connection connection;
    private final Dialect dialect;
    // where afterCommit puts work; a group commit points it at each unit's own list in turn
    List<Runnable> after = new ArrayList<>();

    Tx(Connection connection, Dialect dialect) {
      this.connection = connection;
      this.dialect = dialect;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
    public int update(String sql, Object... args) throws SQLException {
      try (PreparedStatement ps = prepare(sql, args)) {
        return ps.executeUpdate();
      }
    }

    /** Runs one statement for each argument list, as a batch. */
    public void batch(String sql, List<Object[]> rows) throws SQLException {
      if (rows.isEmpty()) {
        return;
      }
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        for (Object[] args : rows) {
          bind(ps, args);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }

    public <T> List<T> list(String sql, Row<T> row, Object... args) throws SQLException {
      List<T> out = new ArrayList<>();
      try (PreparedStatement ps = prepare(sql, args);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.map(rs));
        }
      }
      return out;
    }

    public <T> Optional<T> one(String sql, Row<T> row, Object... args) throws SQLException {
      try (PreparedStatement ps = prepare(sql, args);
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
      }
    }

    /** Takes the named cross-process lock until this transaction ends ({@link Dialect#lock}). */
    public void lock(String name) throws SQLException {
      dialect.lock(connection, name);
    }

    public Dialect dialect() {
      return dialect;
    }

    /** A statement to fill and run by hand, for work the helpers above do not cover. */
    public PreparedStatement prepareStatement(String sql) throws SQLException {
      return connection.prepareStatement(sql);
    }

    /** A plain statement, for work the helpers above do not cover. */
    public Statement createStatement() throws SQLException {
      return connection.createStatement();
    }

    /** The connection, for work the helpers above do not cover. */
    public Connection connection() {
      return connection;
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
      PreparedStatement ps = connection.prepareStatement(sql);
      try {
        bind(ps, args);
        return ps;
      } catch (SQLException e) {
        ps.close();
        throw e;
      }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a == null) {
          ps.setObject(i + 1, null);
        } else if (a instanceof Timestamp t) {
          ps.setTimestamp(i + 1, t);
        } else if (a instanceof BigDecimal d) {
          ps.setBigDecimal(i + 1, d);
        } else {
          ps.setObject(i + 1, a);
        }
      }
    }

    private void committed() {
      for (Runnable r : after) {
        r.run();
      }
    }
  }
}
