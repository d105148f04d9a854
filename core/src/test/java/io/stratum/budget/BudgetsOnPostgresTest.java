package io.stratum.budget;

import io.stratum.store.TestDatabases;

/** {@link BudgetsContract} on PostgreSQL (skipped, saying how to start one, without a server). */
class BudgetsOnPostgresTest extends BudgetsContract {
  @Override
  TestDatabases.Engine engine() {
    return TestDatabases.Engine.POSTGRESQL;
  }
}
