package io.stratum.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The engines the contract suites run on: SQLite in a temporary directory, and a fresh database on
 * the PostgreSQL server {@code .ci/postgres.sh} starts (named by {@code STRATUM_TEST_PG_*}).
 */
public final class TestDatabases {
  private TestDatabases() {}

  /** Where a suite's state lives. */
  public enum Engine {
    SQLITE,
    POSTGRESQL
  }

  public static Database open(Engine engine, Path dir) {
    return open(engine, dir, Clock.systemUTC());
  }

  public static Database open(Engine engine, Path dir, Clock clock) {
    return switch (engine) {
      case SQLITE -> Database.sqlite(dir.resolve("stratum.db"), clock);
      case POSTGRESQL -> Database.postgres(freshPostgres(), user(), password(), clock);
    };
  }

  /** Skips the calling test, saying how to run it, when no PostgreSQL server is configured. */
  public static void assumePostgres() {
    Assumptions.assumeTrue(
        System.getenv("STRATUM_TEST_PG_ADMIN_URL") != null,
        "no PostgreSQL server: run `. .ci/postgres.sh` first (it sets STRATUM_TEST_PG_*), as"
            + " .ci/run does");
  }

  /** A new, empty database on the test server; returns its JDBC URL. */
  public static String freshPostgres() {
    assumePostgres();
    String admin = System.getenv("STRATUM_TEST_PG_ADMIN_URL");
    String name = "stratum_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(admin);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " OWNER " + user());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database on " + admin, e);
    }
    return admin.substring(0, admin.lastIndexOf('/') + 1) + name;
  }

  public static String user() {
    return System.getenv().getOrDefault("STRATUM_TEST_PG_USER", "stratum");
  }

  public static String password() {
    return System.getenv().getOrDefault("STRATUM_TEST_PG_PASSWORD", "stratum");
  }
}
