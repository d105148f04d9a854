package io.stratum.audit;

import io.stratum.store.TestDatabases;

/** {@link AuditLogContract} on PostgreSQL (skipped, saying how to start one, without a server). */
class AuditLogOnPostgresTest extends AuditLogContract {
  @Override
  TestDatabases.Engine engine() {
    return TestDatabases.Engine.POSTGRESQL;
  }
}
