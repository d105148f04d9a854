package io.stratum.store;

/** {@link StoreContract} on Sqlite. */
class StoreOnSqliteTest extends StoreContract {
  @Override
  TestDatabases.Engine engine() {
    return TestDatabases.Engine.SQLITE;
  }
}
