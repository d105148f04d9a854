package io.stratum.ingest;

import io.stratum.chunk.Chunk;
import io.stratum.corpus.SourceDocument;
import io.stratum.index.CorpusIndex;
import io.stratum.index.IndexedChunk;
import io.stratum.store.DocumentStore;
import io.stratum.store.StoredDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * Indexes every document the store holds again, from the chunks it recorded at ingest, without
 * reading any source: what {@code stratum index rebuild} fills a new index with. Chunks are
 * embedded {@value Ingestor#EMBED_BATCH} at a time across documents, as ingest does, and committed
 * at the end.
 *
 * <pre>{@code
 * Reindex.Counts n = Reindex.into(newIndex, documentStore);
 * }</pre>
 */
public final class Reindex {
  private Reindex() {}

  /** How much was indexed. */
  public record Counts(int documents, int chunks) {}

  public static Counts into(CorpusIndex index, DocumentStore store) {
    List<StoredDocument> docs = store.all();
    List<SourceDocument> batch = new ArrayList<>();
    List<List<Chunk>> batchChunks = new ArrayList<>();
    int pending = 0;
    int chunks = 0;
    for (StoredDocument d : docs) {
      List<Chunk> cs = store.chunks(d.id());
      batch.add(
          new SourceDocument(
              d.id(),
              d.workspace(),
              d.sourceKind(),
              d.path(),
              d.title(),
              d.status(),
              d.supersedes(),
              "",
              d.contentHash(),
              d.metadata()));
      batchChunks.add(cs);
      pending += cs.size();
      chunks += cs.size();
      if (pending >= Ingestor.EMBED_BATCH) {
        embedAndReplace(index, batch, batchChunks);
        pending = 0;
      }
    }
    embedAndReplace(index, batch, batchChunks);
    index.commit();
    return new Counts(docs.size(), chunks);
  }

  private static void embedAndReplace(
      CorpusIndex index, List<SourceDocument> docs, List<List<Chunk>> chunks) {
    List<String> texts = new ArrayList<>();
    chunks.forEach(cs -> cs.forEach(c -> texts.add(c.embeddingText())));
    List<float[]> vectors = texts.isEmpty() ? List.of() : index.embedder().embedPassages(texts);
    int offset = 0;
    for (int i = 0; i < docs.size(); i++) {
      List<IndexedChunk> indexed = new ArrayList<>();
      for (Chunk c : chunks.get(i)) {
        indexed.add(new IndexedChunk(c, vectors.get(offset++)));
      }
      index.replace(docs.get(i), indexed);
    }
    docs.clear();
    chunks.clear();
  }
}
