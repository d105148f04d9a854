package io.stratum.sync;

import io.stratum.store.TestDatabases;

/** {@link JobQueueContract} on SQLite. */
class JobQueueOnSqliteTest extends JobQueueContract {
  @Override
  TestDatabases.Engine engine() {
    return TestDatabases.Engine.SQLITE;
  }
}
