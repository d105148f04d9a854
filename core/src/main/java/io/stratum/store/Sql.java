package io.stratum.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * Short JDBC units of work on one database, shared by the feature stores (documents, accounts,
 * usage). A write runs in one transaction; any failure rolls it back and surfaces as a {@link
 * StoreException} saying what could not be done.
 */
public final class Sql {
  private final String url;
  private final Clock clock;

  Sql(String url, Clock clock) {
    this.url = url;
    this.clock = clock;
  }

  /** A unit of work on a connection. */
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  public <T> T read(String what, Work<T> work) {
    try (Connection c = DriverManager.getConnection(url)) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("cannot " + what, e);
    }
  }

  public <T> T write(String what, Work<T> work) {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot " + what, e);
    }
  }

  public Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  public Clock clock() {
    return clock;
  }
}
