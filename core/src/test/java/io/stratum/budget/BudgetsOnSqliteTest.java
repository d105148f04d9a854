package io.stratum.budget;

import io.stratum.store.TestDatabases;

/** {@link BudgetsContract} on SQLite, the embedded default. */
class BudgetsOnSqliteTest extends BudgetsContract {
  @Override
  TestDatabases.Engine engine() {
    return TestDatabases.Engine.SQLITE;
  }
}
