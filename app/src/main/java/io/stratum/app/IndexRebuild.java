package io.stratum.app;

import io.stratum.embed.Embedder;
import io.stratum.ingest.Reindex;
import io.stratum.store.DocumentStore;
import java.nio.file.Path;

/**
 * {@code stratum index rebuild}: every stored document's chunks embedded again into a new
 * OpenSearch index, which then replaces the one searched in one atomic alias swap; searches go on
 * over the old index meanwhile. The embedded index is rebuilt by deleting it and ingesting again.
 */
public record IndexRebuild(
    IndexOpener engine, Path dataDir, Embedder embedder, DocumentStore documents) {
  /** What a rebuild did: the new index, and what it holds. */
  public record Result(String index, int documents, int chunks) {}

  /**
   * @throws IllegalArgumentException for the embedded index, saying how to rebuild it
   */
  public Result run() {
    Reindex.Counts[] counts = new Reindex.Counts[1];
    String name =
        engine.rebuild(dataDir, embedder, fresh -> counts[0] = Reindex.into(fresh, documents));
    return new Result(name, counts[0].documents(), counts[0].chunks());
  }
}
