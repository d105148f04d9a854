package io.stratum.store;

/** {@link StoreContract} on Postgres. */
class StoreOnPostgresTest extends StoreContract {
  @Override
  TestDatabases.Engine engine() {
    return TestDatabases.Engine.POSTGRESQL;
  }
}
