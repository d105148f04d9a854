package io.stratum.app;

import io.stratum.store.Database;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Where state is kept.
 *
 * @param jdbcUrl a PostgreSQL URL, or null for SQLite in the data directory
 * @param password from the environment, never from a configuration file
 * @param owner names this process on the calls it reserves, so its next start bills what a crash
 *     left unbilled: a stable node id for a server, null for a one-off process (the CLI)
 */
public record Storage(String jdbcUrl, String user, String password, String owner) {
  public static final Storage EMBEDDED = new Storage(null, null, null, null);

  Database open(Path dataDir) {
    return jdbcUrl == null
        ? Database.sqliteIn(dataDir)
        : Database.postgres(jdbcUrl, user, password, Clock.systemUTC());
  }
}
