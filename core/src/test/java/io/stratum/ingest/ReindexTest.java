package io.stratum.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.stratum.chunk.Chunker;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.index.CorpusIndex;
import io.stratum.index.Hit;
import io.stratum.index.LuceneIndex;
import io.stratum.store.TestDatabases;
import io.stratum.store.TestStores;
import io.stratum.testing.TermEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReindexTest {
  @TempDir Path data;
  @TempDir Path docs;

  @Test
  void a_reindexed_index_holds_what_ingest_wrote_from_the_store_alone() throws Exception {
    Files.createDirectories(docs.resolve("ops"));
    Files.writeString(
        docs.resolve("ops/failover.md"),
        "# Failover\n\n## Promote\nPromote the standby database.\n\n## Check\nCheck replication lag.\n");
    Files.writeString(
        docs.resolve("ops/adr-0007.md"),
        "---\ntitle: ADR-0007 Use KMS\n---\n# ADR-0007 Use KMS\nKeys live in KMS.\n");
    TermEmbedder embedder = new TermEmbedder();
    try (TestStores store = TestStores.open(TestDatabases.Engine.SQLITE, data);
        CorpusIndex ingested = LuceneIndex.open(data.resolve("index"), embedder);
        CorpusIndex rebuilt = LuceneIndex.open(data.resolve("rebuilt"), embedder)) {
      new Ingestor(store.workspaces, store.documents, ingested, new Chunker(400))
          .ingest(MarkdownConnector.byDirectory(docs), p -> {});
      Files.delete(docs.resolve("ops/failover.md")); // the sources are not read again

      Reindex.Counts n = Reindex.into(rebuilt, store.documents);

      assertThat(n).isEqualTo(new Reindex.Counts(2, ingested.size()));
      assertThat(rebuilt.size()).isEqualTo(ingested.size());
      for (String q : Set.of("standby replication", "ADR-0007")) {
        assertThat(rebuilt.lexical(q, Set.of("ops"), 10))
            .extracting(Hit::chunkId, Hit::heading, Hit::text)
            .containsExactlyElementsOf(
                ingested.lexical(q, Set.of("ops"), 10).stream()
                    .map(h -> tuple(h.chunkId(), h.heading(), h.text()))
                    .toList());
      }
    }
  }
}
