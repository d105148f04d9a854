package io.stratum.ingest;

import io.stratum.chunk.Chunk;
import io.stratum.chunk.Chunker;
import io.stratum.corpus.Connector;
import io.stratum.corpus.Scan;
import io.stratum.corpus.ScanProblem;
import io.stratum.corpus.SourceDocument;
import io.stratum.index.CorpusIndex;
import io.stratum.index.IndexedChunk;
import io.stratum.store.DocumentStore;
import io.stratum.store.StoredDocument;
import io.stratum.store.WorkspaceStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Brings the index and the store in line with a source: new and changed documents are chunked,
 * embedded and indexed; unchanged ones (same content hash) cost nothing; documents the source no
 * longer has are removed.
 *
 * <p>Order makes it crash-safe: a document's chunks are committed to the index before the store
 * records its hash. A crash in between leaves the old hash (or none) in the store, so the next run
 * embeds the document again and the index's replace-by-document-id overwrites the chunks: nothing
 * lost, nothing duplicated.
 *
 * <p>Sources that track changes (Jira's {@code updated}) are scanned from the cursor their last
 * clean run saved; the cursor advances only when every document of the run was stored, so a
 * document that failed is fetched again.
 *
 * <pre>{@code
 * IngestReport r = new Ingestor(workspaces, documents, index, new Chunker(1200))
 *     .ingest(MarkdownConnector.byDirectory(dir), p -> System.err.println(p.done()));
 * }</pre>
 */
public final class Ingestor {
  private static final int COMMIT_EVERY = 32;
  static final int EMBED_BATCH = 64;

  private final WorkspaceStore workspaces;
  private final DocumentStore store;
  private final CorpusIndex index;
  private final Chunker chunker;

  public Ingestor(
      WorkspaceStore workspaces, DocumentStore documents, CorpusIndex index, Chunker chunker) {
    this.workspaces = workspaces;
    this.store = documents;
    this.index = index;
    this.chunker = chunker;
  }

  public IngestReport ingest(Connector connector, Consumer<IngestProgress> progress) {
    long start = System.nanoTime();
    String source = connector.name();
    Scan scan = connector.scan(store.cursor(source).orElse(null));
    List<SourceDocument> docs = scan.documents();
    List<ScanProblem> problems = new ArrayList<>(scan.problems());
    List<Pending> pending = new ArrayList<>();
    Counts n = new Counts();
    n.unchanged = scan.unchangedIds().size();
    List<ToEmbed> batch = new ArrayList<>();
    int batchChunks = 0;
    for (int i = 0; i < docs.size(); i++) {
      SourceDocument doc = docs.get(i);
      Optional<StoredDocument> stored = store.document(doc.id());
      // Unchanged only if the index still has it: an index deleted to re-embed is rebuilt.
      if (stored.isPresent()
          && stored.get().contentHash().equals(doc.contentHash())
          && (stored.get().chunkCount() == 0 || index.contains(doc.id()))) {
        n.unchanged++;
      } else {
        List<Chunk> chunks = chunker.split(doc.title(), doc.body());
        batch.add(new ToEmbed(doc, chunks, stored.isPresent()));
        batchChunks += chunks.size();
      }
      if (batchChunks >= EMBED_BATCH || (i == docs.size() - 1 && !batch.isEmpty())) {
        embedAndIndex(batch, pending, problems, n);
        batch.clear();
        batchChunks = 0;
        if (pending.size() >= COMMIT_EVERY) {
          flush(source, pending);
        }
      }
      progress.accept(
          new IngestProgress(
              i + 1,
              docs.size(),
              n.embedded,
              millisSince(start),
              n.added,
              n.updated,
              n.unchanged,
              problems.size()));
    }
    flush(source, pending);
    int deleted = removeOrphans(source, docs, scan.unchangedIds(), problems);
    // A document that failed must be fetched again next time, so the cursor stays put.
    if (scan.cursor() != null && problems.isEmpty()) {
      store.saveCursor(source, scan.cursor());
    }
    return new IngestReport(
        source,
        docs.size() + scan.unchangedIds().size() + scan.problems().size(),
        n.added,
        n.updated,
        n.unchanged,
        deleted,
        n.embedded,
        problems,
        millisSince(start));
  }

  private record Pending(SourceDocument doc, List<Chunk> chunks) {}

  private record ToEmbed(SourceDocument doc, List<Chunk> chunks, boolean update) {}

  private static final class Counts {
    int added;
    int updated;
    int unchanged;
    int embedded;
  }

  /**
   * Embeds the chunks of several documents in one call (the model is much faster on a batch than on
   * one document's two or three chunks), then indexes each document. If the batch fails, each
   * document is retried alone, so one bad document is reported and the others still land.
   */
  private void embedAndIndex(
      List<ToEmbed> batch, List<Pending> pending, List<ScanProblem> problems, Counts n) {
    List<String> texts = new ArrayList<>();
    batch.forEach(t -> t.chunks().forEach(c -> texts.add(c.embeddingText())));
    List<float[]> vectors;
    try {
      vectors = index.embedder().embedPassages(texts);
    } catch (RuntimeException e) {
      if (batch.size() > 1) {
        batch.forEach(t -> embedAndIndex(List.of(t), pending, problems, n));
        return;
      }
      problems.add(new ScanProblem(batch.get(0).doc().path(), "cannot index: " + e.getMessage()));
      return;
    }
    int offset = 0;
    for (ToEmbed t : batch) {
      List<IndexedChunk> indexed = new ArrayList<>(t.chunks().size());
      for (Chunk c : t.chunks()) {
        indexed.add(new IndexedChunk(c, vectors.get(offset++)));
      }
      try {
        index.replace(t.doc(), indexed);
      } catch (RuntimeException e) {
        problems.add(new ScanProblem(t.doc().path(), "cannot index: " + e.getMessage()));
        continue;
      }
      pending.add(new Pending(t.doc(), t.chunks()));
      n.embedded += t.chunks().size();
      if (t.update()) {
        n.updated++;
      } else {
        n.added++;
      }
    }
  }

  private void flush(String source, List<Pending> pending) {
    if (pending.isEmpty()) {
      return;
    }
    index.commit();
    for (Pending p : pending) {
      workspaces.ensureWorkspace(p.doc().workspace(), displayName(p.doc().workspace()));
      store.saveDocument(source, p.doc(), p.chunks());
    }
    pending.clear();
  }

  /** Removes documents the source no longer has; a document that failed to parse is kept. */
  private int removeOrphans(
      String source, List<SourceDocument> docs, Set<String> unchanged, List<ScanProblem> problems) {
    Set<String> present = new HashSet<>(unchanged);
    docs.forEach(d -> present.add(d.id()));
    Set<String> failedPaths = new HashSet<>();
    problems.forEach(p -> failedPaths.add(p.path()));
    List<StoredDocument> orphans =
        store.documentsOfSource(source).stream()
            .filter(d -> !present.contains(d.id()) && !failedPaths.contains(d.path()))
            .toList();
    if (orphans.isEmpty()) {
      return 0;
    }
    orphans.forEach(d -> index.delete(d.id()));
    index.commit();
    orphans.forEach(d -> store.deleteDocument(d.id()));
    return orphans.size();
  }

  static String displayName(String workspaceId) {
    String spaced = workspaceId.replace('-', ' ');
    return spaced.substring(0, 1).toUpperCase(Locale.ROOT) + spaced.substring(1);
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
