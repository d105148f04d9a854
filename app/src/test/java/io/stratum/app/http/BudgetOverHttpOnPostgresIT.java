package io.stratum.app.http;

import io.stratum.store.TestDatabases;

/**
 * {@link BudgetOverHttpIT} with state in PostgreSQL (skipped, saying how to run it, without a
 * server).
 */
class BudgetOverHttpOnPostgresIT extends BudgetOverHttpIT {
  @Override
  TestDatabases.Engine engine() {
    TestDatabases.assumePostgres();
    return TestDatabases.Engine.POSTGRESQL;
  }
}
