package io.stratum.audit;

import io.stratum.store.TestDatabases;

/** {@link AuditLogContract} on SQLite, the embedded default. */
class AuditLogOnSqliteTest extends AuditLogContract {
  @Override
  TestDatabases.Engine engine() {
    return TestDatabases.Engine.SQLITE;
  }
}
