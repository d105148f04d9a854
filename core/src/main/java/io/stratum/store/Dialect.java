package io.stratum.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What differs between the engines Stratum stores its state in. The schema and nearly every query
 * are the same SQL on both; these are the few places they are not.
 */
public enum Dialect {
  /** The embedded default: one file, WAL mode, every commit synced before it returns. */
  SQLITE,
  /** Shared deployments: several app processes, a managed database (RDS, Aurora). */
  POSTGRESQL;

  /** The UTC calendar day ({@code YYYY-MM-DD}) of a timestamp column, as text. */
  public String dayOf(String column) {
    return switch (this) {
      // the SQLite driver stores a timestamp as epoch milliseconds
      case SQLITE -> "strftime('%Y-%m-%d', " + column + " / 1000, 'unixepoch')";
      case POSTGRESQL -> "CAST(CAST(" + column + " AS DATE) AS VARCHAR(10))";
    };
  }

  /**
   * What ends a {@code SELECT} that picks a row to take (a job to run) so that processes taking
   * rows at once each get a different one: PostgreSQL locks the row and skips the rows others hold
   * ({@code FOR UPDATE SKIP LOCKED}); SQLite's one writer ({@code BEGIN IMMEDIATE}) already makes a
   * read-then-update transaction take the row alone.
   */
  public String skipLocked() {
    return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
  }

  /**
   * Serializes, across every process sharing the database, the transactions that take the lock
   * named {@code name} (the audit chain, a workspace's budget), until the transaction ends. A
   * SQLite write transaction already holds the whole database ({@code BEGIN IMMEDIATE}).
   */
  public void lock(Connection c, String name) throws SQLException {
    if (this == POSTGRESQL) {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + name.hashCode() + ")");
      }
    }
  }
}
