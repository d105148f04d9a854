package io.stratum.access;

import io.stratum.store.TestDatabases;

/** {@link AccountsContract} on SQLite, the embedded default. */
class AccountsOnSqliteTest extends AccountsContract {
  @Override
  TestDatabases.Engine engine() {
    return TestDatabases.Engine.SQLITE;
  }
}
