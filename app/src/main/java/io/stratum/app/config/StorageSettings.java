package io.stratum.app.config;

/**
 * Where Stratum keeps its state.
 *
 * @param databaseUrl {@code stratum_database_url}: a PostgreSQL JDBC URL, or null for SQLite in the
 *     data directory
 * @param user from {@code STRATUM_DATABASE_USER}
 * @param password from {@code STRATUM_DATABASE_PASSWORD}, never from a file
 * @param nodeId {@code stratum_node_id}: names this server on the model calls it reserves, so its
 *     next start bills the ones a crash cut off; null: the host name
 */
public record StorageSettings(String databaseUrl, String user, String password, String nodeId) {
  public static final String USER_ENV = "STRATUM_DATABASE_USER";
  public static final String PASSWORD_ENV = "STRATUM_DATABASE_PASSWORD";
  public static final StorageSettings EMBEDDED = new StorageSettings(null, null, null, null);

  /** Never the password, so a logged configuration leaks nothing. */
  @Override
  public String toString() {
    return databaseUrl == null
        ? "SQLite in the data directory"
        : "PostgreSQL at " + databaseUrl + " as " + user;
  }
}
