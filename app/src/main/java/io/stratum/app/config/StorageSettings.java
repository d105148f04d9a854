package io.stratum.app.config;

import static io.stratum.app.config.ServiceKeys.DATABASE_PASSWORD;
import static io.stratum.app.config.ServiceKeys.DATABASE_URL;
import static io.stratum.app.config.ServiceKeys.DATABASE_USER;
import static io.stratum.app.config.ServiceKeys.JOB_LEASE;
import static io.stratum.app.config.ServiceKeys.NODE_ID;

import io.stratum.sync.JobPolicy;
import java.time.Duration;
import java.util.List;

/**
 * Where Stratum keeps its state.
 *
 * @param databaseUrl {@code stratum_database_url}: a PostgreSQL JDBC URL, or null for SQLite in the
 *     data directory
 * @param user from {@code STRATUM_DATABASE_USER}
 * @param password from {@code STRATUM_DATABASE_PASSWORD}, never from a file
 * @param nodeId {@code stratum_node_id}: names this server on the model calls it reserves, so its
 *     next start bills the ones a crash cut off; null: the host name
 * @param jobLease {@code stratum_job_lease_seconds}: how long a server holds an ingest job in the
 *     shared queue without renewing it
 */
public record StorageSettings(
    String databaseUrl, String user, String password, String nodeId, Duration jobLease) {
  public static final String USER_ENV = DATABASE_USER.env();
  public static final String PASSWORD_ENV = DATABASE_PASSWORD.env();
  public static final StorageSettings EMBEDDED =
      new StorageSettings(null, null, null, null, JobPolicy.STANDARD.lease());

  /**
   * {@code stratum_database_url} (PostgreSQL; unset: SQLite in the data directory) and {@code
   * stratum_node_id}. The user and password come from the environment only.
   */
  static StorageSettings read(Values v) {
    String node = v.get(NODE_ID);
    Duration lease = v.get(JOB_LEASE);
    String url = v.get(DATABASE_URL);
    if (url == null) {
      return new StorageSettings(null, null, null, node, lease);
    }
    for (Key<String> secret : List.of(DATABASE_USER, DATABASE_PASSWORD)) {
      String value = v.get(secret);
      if (value == null || value.isBlank()) {
        v.problem(
            "%s: set, but %s is not; the database user and password are read from the environment, never from the file (%s)"
                .formatted(DATABASE_URL.name(), secret.env(), v.where(DATABASE_URL)));
      }
    }
    return new StorageSettings(url, v.get(DATABASE_USER), v.get(DATABASE_PASSWORD), node, lease);
  }

  /** Never the password, so a logged configuration leaks nothing. */
  @Override
  public String toString() {
    return databaseUrl == null
        ? "SQLite in the data directory"
        : "PostgreSQL at " + databaseUrl + " as " + user;
  }
}
