package io.stratum.providers.opensearch;

import io.stratum.embed.Embedder;
import io.stratum.index.CorpusIndex;
import io.stratum.index.CorpusIndexContract;
import io.stratum.index.TestOpenSearch;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The OpenSearch index keeps the index contract, on the node {@code .ci/opensearch.sh} starts
 * (skipped without one, failed when {@code STRATUM_REQUIRE_OPENSEARCH=1}).
 */
class OpenSearchIndexContractTest extends CorpusIndexContract {
  private URI url;
  private String prefix;

  @BeforeEach
  void node() {
    url = TestOpenSearch.url();
    prefix = TestOpenSearch.freshPrefix();
  }

  @AfterEach
  void dropIndexes() {
    if (prefix != null) {
      TestOpenSearch.deleteIndexes(url, prefix);
    }
  }

  @Override
  protected CorpusIndex open(Embedder embedder) {
    return OpenSearchIndex.open(
        new OpenSearchConnection(url, new OpenSearchConnection.None()), prefix, embedder);
  }
}
