package io.stratum.app;

import io.stratum.app.config.StorageSettings;
import io.stratum.store.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Stratum on its embedded defaults over either engine, configured as an operator would: for
 * PostgreSQL, a {@code stratum_database_url} line and the credentials in the environment.
 */
public final class TestEngines {
  private TestEngines() {}

  /** The tfvars line that puts state on {@code engine} (a fresh database each call). */
  public static String tfvars(TestDatabases.Engine engine) {
    return engine == TestDatabases.Engine.SQLITE
        ? ""
        : "stratum_database_url = \"" + TestDatabases.freshPostgres() + "\"\n";
  }

  /** The environment the database credentials come from. */
  public static Map<String, String> env(TestDatabases.Engine engine) {
    return engine == TestDatabases.Engine.SQLITE
        ? Map.of()
        : Map.of(
            StorageSettings.USER_ENV,
            TestDatabases.user(),
            StorageSettings.PASSWORD_ENV,
            TestDatabases.password());
  }

  /** The local models, state on {@code engine}. */
  public static Stratum open(TestDatabases.Engine engine, Path dataDir) {
    if (engine == TestDatabases.Engine.SQLITE) {
      return LocalEngine.open(dataDir);
    }
    try {
      Files.createDirectories(dataDir);
      Path config = Files.writeString(dataDir.resolveSibling("postgres.tfvars"), tfvars(engine));
      return Engine.open(dataDir, Engine.loadConfig(Optional.of(config), env(engine)), env(engine));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
