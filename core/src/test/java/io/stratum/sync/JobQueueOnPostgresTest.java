package io.stratum.sync;

import io.stratum.store.TestDatabases;

/** {@link JobQueueContract} on PostgreSQL. */
class JobQueueOnPostgresTest extends JobQueueContract {
  @Override
  TestDatabases.Engine engine() {
    return TestDatabases.Engine.POSTGRESQL;
  }
}
