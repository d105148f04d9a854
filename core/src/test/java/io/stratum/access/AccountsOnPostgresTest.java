package io.stratum.access;

import io.stratum.store.TestDatabases;

/** {@link AccountsContract} on PostgreSQL (skipped, saying how to start one, without a server). */
class AccountsOnPostgresTest extends AccountsContract {
  @Override
  TestDatabases.Engine engine() {
    return TestDatabases.Engine.POSTGRESQL;
  }
}
