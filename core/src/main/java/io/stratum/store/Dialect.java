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
   * Outside a transaction: makes the connection's next commits stop (or, with {@code on} false, go
   * back to) waiting for the disk. SQLite's {@code synchronous} applies per connection, and in WAL
   * mode at NORMAL a commit is written to the log, not synced; the next FULL commit syncs the log
   * with it. PostgreSQL's is set inside the transaction ({@link #unflushedInTransaction}).
   */
  void unflushed(Connection c, boolean on) throws SQLException {
    if (this == SQLITE) {
      try (Statement s = c.createStatement()) {
        s.execute(on ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL");
      }
    }
  }

  /**
   * Inside a transaction: its commit does not wait for the server's WAL flush (PostgreSQL's {@code
   * synchronous_commit} off, for this transaction only). The commit survives any app process dying;
   * only a crash of the database server itself within about three {@code wal_writer_delay} (600 ms
   * by default) can lose it.
   */
  void unflushedInTransaction(Connection c) throws SQLException {
    if (this == POSTGRESQL) {
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL synchronous_commit TO OFF");
      }
    }
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
