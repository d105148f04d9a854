package io.stratum.app.http;

import io.stratum.store.TestDatabases;

/**
 * {@link AuditTrailIT} with state in PostgreSQL (skipped, saying how to run it, without a server).
 */
class AuditTrailOnPostgresIT extends AuditTrailIT {
  @Override
  TestDatabases.Engine engine() {
    TestDatabases.assumePostgres();
    return TestDatabases.Engine.POSTGRESQL;
  }
}
