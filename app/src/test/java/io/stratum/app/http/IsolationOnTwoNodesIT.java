package io.stratum.app.http;

import io.stratum.app.Stratum;
import io.stratum.store.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * {@link IsolationIT} against two {@code stratum serve} processes over one PostgreSQL and one
 * OpenSearch index, every request to the next server in turn ({@link TwoNodes}): what one node
 * grants, revokes or ingests holds on the other, and no node answers from state of its own.
 * Skipped, saying how to start them, without those servers.
 */
class IsolationOnTwoNodesIT extends IsolationIT {
  private TwoNodes nodes;

  @Override
  TestDatabases.Engine engine() {
    return TestDatabases.Engine.POSTGRESQL;
  }

  @Override
  Stratum open(Path dir) throws Exception {
    nodes = TwoNodes.open(dir, "", Map.of());
    return nodes.setup;
  }

  @Override
  SseClient serve(Path dir) throws Exception {
    return nodes.serve().client(null);
  }

  @AfterAll
  void stopNodes() {
    if (nodes != null) {
      nodes.close();
      stratum = null; // the setup node, closed with the others
    }
  }
}
