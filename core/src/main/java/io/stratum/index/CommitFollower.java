package io.stratum.index;

import java.io.IOException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.IOConsumer;

/**
 * Searchers over the newest commit of an index that another process writes. Lucene's {@link
 * org.apache.lucene.search.SearcherManager} does the same from a directory, but needs a commit to
 * exist: a server started on an empty data directory has none until its first ingest, and reading
 * it meanwhile should find nothing rather than fail. So the follower starts from an empty reader
 * and opens the first commit when one appears; after that a refresh is {@link
 * DirectoryReader#openIfChanged}, which reads only the newest commit's small segments file when
 * nothing changed.
 */
final class CommitFollower extends ReferenceManager<IndexSearcher> {
  private final Directory directory;
  private final IOConsumer<IndexCommit> check;

  /**
   * @param check runs on every commit before it is searched, and may refuse it by throwing
   */
  CommitFollower(Directory directory, IOConsumer<IndexCommit> check) throws IOException {
    this.directory = directory;
    this.check = check;
    IndexSearcher first = newest(null);
    current = first != null ? first : new IndexSearcher(new MultiReader());
  }

  /** The commit being searched, or null while the writer has made none. */
  static IndexCommit commitOf(IndexSearcher searcher) throws IOException {
    return searcher.getIndexReader() instanceof DirectoryReader reader
        ? reader.getIndexCommit()
        : null;
  }

  @Override
  protected IndexSearcher refreshIfNeeded(IndexSearcher searcher) throws IOException {
    return newest(searcher.getIndexReader() instanceof DirectoryReader reader ? reader : null);
  }

  /** A searcher on a newer commit than {@code reader}'s, or null when there is none. */
  private IndexSearcher newest(DirectoryReader reader) throws IOException {
    DirectoryReader next;
    if (reader != null) {
      next = DirectoryReader.openIfChanged(reader);
    } else if (DirectoryReader.indexExists(directory)) {
      next = DirectoryReader.open(directory);
    } else {
      next = null;
    }
    if (next == null) {
      return null;
    }
    try {
      check.accept(next.getIndexCommit());
    } catch (IOException | RuntimeException e) {
      next.close();
      throw e;
    }
    return new IndexSearcher(next);
  }

  @Override
  protected boolean tryIncRef(IndexSearcher searcher) {
    return searcher.getIndexReader().tryIncRef();
  }

  @Override
  protected void decRef(IndexSearcher searcher) throws IOException {
    searcher.getIndexReader().decRef();
  }

  @Override
  protected int getRefCount(IndexSearcher searcher) {
    return searcher.getIndexReader().getRefCount();
  }
}
