package io.stratum.ingest;

import io.stratum.chunk.Chunk;
import io.stratum.chunk.Chunker;
import io.stratum.corpus.Connector;
import io.stratum.corpus.Scan;
import io.stratum.corpus.ScanProblem;
import io.stratum.corpus.SourceDocument;
import io.stratum.index.CorpusIndex;
import io.stratum.index.IndexedChunk;
import io.stratum.store.Store;
import io.stratum.store.StoredDocument;
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
 * <pre>{@code
 * IngestReport r = new Ingestor(store, index, new Chunker(1200))
 *     .ingest(MarkdownConnector.byDirectory(dir), p -> System.err.println(p.done()));
 * }</pre>
 */
public final class Ingestor {
  private static final int COMMIT_EVERY = 32;

  private final Store store;
  private final CorpusIndex index;
  private final Chunker chunker;

  public Ingestor(Store store, CorpusIndex index, Chunker chunker) {
    this.store = store;
    this.index = index;
    this.chunker = chunker;
  }

  public IngestReport ingest(Connector connector, Consumer<IngestProgress> progress) {
    long start = System.nanoTime();
    String source = connector.name();
    Scan scan = connector.scan();
    List<SourceDocument> docs = scan.documents();
    List<ScanProblem> problems = new ArrayList<>(scan.problems());
    List<Pending> pending = new ArrayList<>();
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    int embedded = 0;
    for (int i = 0; i < docs.size(); i++) {
      SourceDocument doc = docs.get(i);
      Optional<StoredDocument> stored = store.document(doc.id());
      if (stored.isPresent() && stored.get().contentHash().equals(doc.contentHash())) {
        unchanged++;
      } else {
        List<Chunk> chunks = chunker.split(doc.title(), doc.body());
        try {
          List<float[]> vectors =
              index.embedder().embedPassages(chunks.stream().map(Chunk::embeddingText).toList());
          List<IndexedChunk> indexed = new ArrayList<>(chunks.size());
          for (int c = 0; c < chunks.size(); c++) {
            indexed.add(new IndexedChunk(chunks.get(c), vectors.get(c)));
          }
          index.replace(doc, indexed);
          pending.add(new Pending(doc, chunks));
          embedded += chunks.size();
          if (stored.isPresent()) {
            updated++;
          } else {
            added++;
          }
        } catch (RuntimeException e) {
          problems.add(new ScanProblem(doc.path(), "cannot index: " + e.getMessage()));
        }
        if (pending.size() >= COMMIT_EVERY) {
          flush(source, pending);
        }
      }
      progress.accept(new IngestProgress(i + 1, docs.size(), embedded, millisSince(start)));
    }
    flush(source, pending);
    int deleted = removeOrphans(source, docs, problems);
    return new IngestReport(
        source,
        docs.size() + scan.problems().size(),
        added,
        updated,
        unchanged,
        deleted,
        embedded,
        problems,
        millisSince(start));
  }

  private record Pending(SourceDocument doc, List<Chunk> chunks) {}

  private void flush(String source, List<Pending> pending) {
    if (pending.isEmpty()) {
      return;
    }
    index.commit();
    for (Pending p : pending) {
      store.ensureWorkspace(p.doc().workspace(), displayName(p.doc().workspace()));
      store.saveDocument(source, p.doc(), p.chunks());
    }
    pending.clear();
  }

  /** Removes documents the source no longer has; a document that failed to parse is kept. */
  private int removeOrphans(String source, List<SourceDocument> docs, List<ScanProblem> problems) {
    Set<String> present = new HashSet<>();
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
