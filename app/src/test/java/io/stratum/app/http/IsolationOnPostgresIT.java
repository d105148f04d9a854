package io.stratum.app.http;

import io.stratum.store.TestDatabases;

/**
 * {@link IsolationIT} with state in PostgreSQL (skipped, saying how to run it, without a server).
 */
class IsolationOnPostgresIT extends IsolationIT {
  @Override
  TestDatabases.Engine engine() {
    TestDatabases.assumePostgres();
    return TestDatabases.Engine.POSTGRESQL;
  }
}
