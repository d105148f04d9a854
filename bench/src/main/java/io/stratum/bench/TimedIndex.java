package io.stratum.bench;

import io.stratum.corpus.SourceDocument;
import io.stratum.embed.Embedder;
import io.stratum.index.CorpusIndex;
import io.stratum.index.Hit;
import io.stratum.index.IndexedChunk;
import io.stratum.index.Scope;
import java.util.List;

/**
 * A corpus index that counts its commits and the time spent in them, and with {@code commitEvery}
 * above 0 passes a commit on only once that many documents were written since the last one (the
 * {@link io.stratum.ingest.Ingestor} commits every 32 documents; {@link #commitNow} sends the
 * rest); otherwise the index itself.
 */
final class TimedIndex implements CorpusIndex {
  final CorpusIndex inner;
  private final int commitEvery;
  private int uncommitted;
  long commits;
  long commitNanos;

  TimedIndex(CorpusIndex inner, int commitEvery) {
    this.inner = inner;
    this.commitEvery = commitEvery;
  }

  @Override
  public void commit() {
    if (uncommitted >= commitEvery) {
      commitNow();
    }
  }

  /** Commits what was written since the last commit, if anything. */
  void commitNow() {
    if (uncommitted == 0) {
      return;
    }
    long start = System.nanoTime();
    inner.commit();
    commitNanos += System.nanoTime() - start;
    commits++;
    uncommitted = 0;
  }

  @Override
  public Embedder embedder() {
    return inner.embedder();
  }

  @Override
  public void replace(SourceDocument document, List<IndexedChunk> chunks) {
    inner.replace(document, chunks);
    uncommitted++;
  }

  @Override
  public void delete(String documentId) {
    inner.delete(documentId);
    uncommitted++;
  }

  @Override
  public void deleteWorkspace(String workspace) {
    inner.deleteWorkspace(workspace);
    uncommitted++;
  }

  @Override
  public List<Hit> lexical(String text, Scope scope, String lane, int k) {
    return inner.lexical(text, scope, lane, k);
  }

  @Override
  public List<Hit> vector(float[] vector, Scope scope, String lane, int k) {
    return inner.vector(vector, scope, lane, k);
  }

  @Override
  public boolean hasLane(Scope scope, String lane) {
    return inner.hasLane(scope, lane);
  }

  @Override
  public boolean contains(String documentId) {
    return inner.contains(documentId);
  }

  @Override
  public int size() {
    return inner.size();
  }

  @Override
  public String location() {
    return inner.location();
  }

  @Override
  public boolean readOnly() {
    return inner.readOnly();
  }

  @Override
  public void close() {
    inner.close();
  }
}
