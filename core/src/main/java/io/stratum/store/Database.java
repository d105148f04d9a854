package io.stratum.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database Stratum keeps its state in: the embedded default, SQLite in one file (WAL mode,
 * every commit synced to disk before it returns, so a killed process loses nothing it
 * acknowledged), or PostgreSQL for shared deployments. Both run the same Flyway migrations ({@code
 * db/migration}). Several processes may open the same SQLite file at once (a running {@code stratum
 * serve} and the CLI): readers never wait, writers take turns.
 *
 * <pre>{@code
 * try (Database db = Database.sqlite(Path.of("stratum-data/stratum.db"), Clock.systemUTC())) {
 *   WorkspaceStore workspaces = new WorkspaceStore(db.sql());
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {
  /** How long a writer waits for another process's write to finish before it gives up. */
  static final int BUSY_TIMEOUT_MS = 30_000;

  private final HikariDataSource pool;
  private final Sql sql;
  private final String description;

  private Database(HikariDataSource pool, Dialect dialect, Clock clock, String description) {
    this.pool = pool;
    this.sql = new Sql(pool, dialect, clock);
    this.description = description;
  }

  /** The embedded default: {@code stratum.db} in the data directory, on the system clock. */
  public static Database sqliteIn(Path dataDir) {
    return sqlite(dataDir.resolve("stratum.db"), Clock.systemUTC());
  }

  /** Opens (creating if needed, owner-only) the SQLite database {@code file}. */
  public static Database sqlite(Path file, Clock clock) {
    Path abs = file.toAbsolutePath().normalize();
    createOwnerOnly(abs);
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL: the WAL is synced at every commit, so a commit survives a power cut, not only a kill.
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    // Writers take the write lock when they begin: a transaction that read first and wrote later
    // could otherwise fail when another process wrote in between.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + abs);
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(ds);
    hc.setPoolName("stratum-sqlite");
    hc.setMaximumPoolSize(8);
    hc.setMinimumIdle(1);
    hc.setAutoCommit(true);
    String version;
    HikariDataSource pool = open(hc, "the database " + abs);
    try (Connection c = pool.getConnection()) {
      version = c.getMetaData().getDatabaseProductVersion();
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
      }
    } catch (SQLException e) {
      pool.close();
      throw new StoreException("cannot open the database " + abs, e);
    }
    return migrated(
        new Database(
            pool,
            Dialect.SQLITE,
            clock,
            "SQLite " + version + " at " + abs + " (WAL, synchronous=FULL)"));
  }

  /**
   * Connects to PostgreSQL at {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db}).
   *
   * @param password from the environment or a secret store, never from a file under review
   */
  public static Database postgres(String jdbcUrl, String user, String password, Clock clock) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(jdbcUrl);
    hc.setUsername(user);
    hc.setPassword(password);
    hc.setPoolName("stratum-postgresql");
    hc.setMaximumPoolSize(16);
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(10_000);
    hc.setAutoCommit(true);
    String where = redact(jdbcUrl);
    HikariDataSource pool = open(hc, "the PostgreSQL database " + where);
    String version;
    try (Connection c = pool.getConnection()) {
      version = c.getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      pool.close();
      throw new StoreException("cannot connect to the PostgreSQL database " + where, e);
    }
    return migrated(
        new Database(pool, Dialect.POSTGRESQL, clock, "PostgreSQL " + version + " at " + where));
  }

  private static HikariDataSource open(HikariConfig hc, String what) {
    // Fail at once with the driver's reason rather than after a pool timeout.
    hc.setInitializationFailTimeout(1);
    try {
      return new HikariDataSource(hc);
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new StoreException("cannot open " + what + ": " + root.getMessage());
    }
  }

  private static Database migrated(Database db) {
    try {
      Flyway.configure()
          .dataSource(db.pool)
          .locations("classpath:db/migration")
          .failOnMissingLocations(true)
          .loggers("slf4j")
          .load()
          .migrate();
      return db;
    } catch (FlywayException e) {
      db.close();
      throw new StoreException("cannot bring the schema of " + db.description + " up to date", e);
    }
  }

  /** The shared unit-of-work helper every store writes through. */
  public Sql sql() {
    return sql;
  }

  public Dialect dialect() {
    return sql.dialect();
  }

  /** The engine, its version and where it is, for the startup log ({@code password} never). */
  @Override
  public String toString() {
    return description;
  }

  /**
   * Writes a consistent copy of the whole database to {@code target} while others keep writing
   * (SQLite's {@code VACUUM INTO}). PostgreSQL is backed up by its own tools (RDS snapshots and
   * point-in-time recovery, or {@code pg_dump}).
   */
  public void backupTo(Path target) {
    if (dialect() != Dialect.SQLITE) {
      throw new UnsupportedOperationException(
          "PostgreSQL is backed up with its own tools: RDS/Aurora snapshots and point-in-time"
              + " recovery, or pg_dump");
    }
    Path abs = target.toAbsolutePath().normalize();
    if (Files.exists(abs)) {
      throw new IllegalArgumentException("backup target " + abs + " already exists");
    }
    sql.read(
        "back up the database to " + abs,
        tx -> {
          try (Statement s = tx.connection().createStatement()) {
            s.execute("VACUUM INTO '" + abs.toString().replace("'", "''") + "'");
          }
          return null;
        });
    ownerOnly(abs);
  }

  @Override
  public void close() {
    pool.close();
  }

  /** Creates {@code file} readable by its owner only, so SQLite's WAL and index files are too. */
  private static void createOwnerOnly(Path file) {
    try {
      Files.createDirectories(file.getParent());
      if (Files.notExists(file)) {
        Files.createFile(file);
      }
      ownerOnly(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the database file " + file, e);
    }
  }

  static void ownerOnly(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the data directory's own permissions protect it
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict the permissions of " + file, e);
    }
  }

  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }
}
