package io.stratum.index;

import io.stratum.corpus.SourceDocument;
import io.stratum.embed.Embedder;
import io.stratum.text.ContentTerms;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded corpus index: one Lucene document per chunk in the data directory, with BM25 text
 * fields and an HNSW vector field.
 *
 * <p>Lexical search scores each distinct query term with BM25 over three fields, title, the section
 * path below the title, and body (each ×1.0, tuned on Cranfield's odd half), and sums them; a
 * question that names an exact identifier ({@code AC-2(1)}) adds a ×10 match on it ({@link
 * LexicalQuery}). Vector search is approximate nearest neighbour over unit vectors (dot product =
 * cosine). In both, the workspace scope is a filter clause <em>inside</em> the query: for vectors
 * Lucene applies it while walking the HNSW graph, so a chunk outside the scope is never a
 * candidate, and k results come back even when the scope is a small part of the index.
 *
 * <p>One process writes an index at a time (Lucene's write lock). Opened while another holds it (a
 * CLI run next to {@code stratum serve}), the index is {@linkplain #readOnly() read-only}: each
 * search first moves to that process's newest commit, and writes are refused. {@link #backupTo}
 * copies the newest commit while writes go on.
 *
 * <pre>{@code
 * try (LuceneIndex index = LuceneIndex.open(dir, embedder)) {
 *   index.replace(document, chunks);
 *   index.commit();
 *   List<Hit> hits = index.lexical("key rotation", Set.of("security"), 10);
 * }
 * }</pre>
 */
public final class LuceneIndex implements CorpusIndex {
  private static final Logger LOG = LoggerFactory.getLogger(LuceneIndex.class);
  private static final String MODEL_KEY = "stratum.embedding.model";
  private static final String DIM_KEY = "stratum.embedding.dimension";

  /** Tries of a read-only backup, each on the newest commit, when the writer deletes its files. */
  private static final int BACKUP_TRIES = 4;

  private final Path dir;
  private final Embedder embedder;
  private final FSDirectory directory;

  /** Null when another process holds the write lock: this one then only reads its commits. */
  private final IndexWriter writer;

  private final ReferenceManager<IndexSearcher> searchers;

  private LuceneIndex(
      Path dir,
      Embedder embedder,
      FSDirectory directory,
      IndexWriter writer,
      ReferenceManager<IndexSearcher> searchers) {
    this.dir = dir;
    this.embedder = embedder;
    this.directory = directory;
    this.writer = writer;
    this.searchers = searchers;
  }

  /**
   * Opens (or creates) the index in {@code dir} for {@code embedder}. When another process writes
   * the index (holds Lucene's write lock), it is opened {@linkplain #readOnly() read-only}:
   * searches then follow that process's commits, and writes are refused.
   *
   * @throws IndexMismatchException when the index was built by another model or dimension
   */
  public static LuceneIndex open(Path dir, Embedder embedder) {
    FSDirectory directory = null;
    IndexWriter writer = null;
    ReferenceManager<IndexSearcher> searchers = null;
    try {
      directory = FSDirectory.open(dir);
      if (DirectoryReader.indexExists(directory)) {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
          checkModel(dir, embedder, reader.getIndexCommit());
        }
      }
      try {
        writer = openWriter(directory, embedder);
        searchers = new SearcherManager(writer, null);
      } catch (LockObtainFailedException e) {
        // A running `stratum serve` holds the lock; reading its commits beats refusing to start.
        searchers = new CommitFollower(directory, commit -> checkModel(dir, embedder, commit));
        LOG.debug(
            "the index at {} is being written by another process; opened it read-only, following"
                + " that process's commits",
            dir);
      }
      LuceneIndex index = new LuceneIndex(dir, embedder, directory, writer, searchers);
      index.warnAboutChunksWithoutKind();
      return index;
    } catch (IOException e) {
      IOUtils.closeWhileSuppressingExceptions(e, searchers, writer, directory);
      throw new UncheckedIOException("cannot open index at " + dir, e);
    } catch (RuntimeException e) {
      IOUtils.closeWhileSuppressingExceptions(e, searchers, writer, directory);
      throw e;
    }
  }

  private static IndexWriter openWriter(FSDirectory directory, Embedder embedder)
      throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(ContentTerms.analyzer());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    // Lets a backup hold on to the files of the last commit while later commits go on.
    config.setIndexDeletionPolicy(
        new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy()));
    IndexWriter writer = new IndexWriter(directory, config);
    writer.setLiveCommitData(
        Map.of(MODEL_KEY, embedder.modelId(), DIM_KEY, String.valueOf(embedder.dimension()))
            .entrySet());
    return writer;
  }

  private static void checkModel(Path dir, Embedder embedder, IndexCommit commit)
      throws IOException {
    Map<String, String> data = commit.getUserData();
    String model = data.getOrDefault(MODEL_KEY, "?");
    String dim = data.getOrDefault(DIM_KEY, "?");
    if (!IndexMismatchException.fits(model, dim, embedder)) {
      throw IndexMismatchException.of(
          dir.toString(),
          model,
          dim,
          embedder,
          "re-embed by deleting %s and ingesting again".formatted(dir));
    }
  }

  /**
   * Whether another process writes this index, so that this one only reads it: every write then
   * throws {@link IllegalStateException}, and searches see that process's newest commit.
   */
  @Override
  public boolean readOnly() {
    return writer == null;
  }

  private IndexWriter writer() {
    if (writer == null) {
      throw new IllegalStateException(
          "the index at %s is being written by another Stratum process (a running `stratum serve`?); this process opened it read-only: ingest through that server, or stop it first"
              .formatted(dir));
    }
    return writer;
  }

  @Override
  public void replace(SourceDocument document, List<IndexedChunk> chunks) {
    IndexWriter writer = writer();
    List<Document> docs = new ArrayList<>(chunks.size());
    for (ChunkEntry c : ChunkEntry.of(document, chunks, embedder.dimension())) {
      docs.add(toLucene(c));
    }
    try {
      writer.updateDocuments(new Term("doc_id", document.id()), docs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + document.id() + " to the index", e);
    }
  }

  /** Removes every chunk of the document; visible after {@link #commit}. */
  @Override
  public void delete(String documentId) {
    IndexWriter writer = writer();
    try {
      writer.deleteDocuments(new Term("doc_id", documentId));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + documentId + " from the index", e);
    }
  }

  /** Deletes every chunk of {@code workspace}; visible after {@link #commit}. */
  @Override
  public void deleteWorkspace(String workspace) {
    IndexWriter writer = writer();
    try {
      writer.deleteDocuments(new Term("workspace", workspace));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete workspace " + workspace + " from the index", e);
    }
  }

  /** Makes every change durable and visible to searches. */
  @Override
  public void commit() {
    IndexWriter writer = writer();
    try {
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the index at " + dir, e);
    }
  }

  @Override
  public List<Hit> lexical(String text, Scope scope, String lane, int k) {
    LexicalQuery q = LexicalQuery.of(text);
    if (q.isEmpty() || scope.workspaces().isEmpty()) {
      return List.of();
    }
    BooleanQuery.Builder anyTerm = new BooleanQuery.Builder();
    for (String term : q.terms()) {
      LexicalQuery.FIELDS.forEach(
          (field, boost) ->
              anyTerm.add(
                  new BoostQuery(new TermQuery(new Term(field, term)), boost), Occur.SHOULD));
    }
    // A question that names an identifier (AC-2(1), ADR-0007, KubePodNotReady) finds it exactly.
    for (String id : q.identifiers()) {
      anyTerm.add(
          new BoostQuery(new TermQuery(new Term("ident", id)), LexicalQuery.IDENTIFIER_BOOST),
          Occur.SHOULD);
    }
    Query query =
        new BooleanQuery.Builder()
            .add(anyTerm.build(), Occur.MUST)
            .add(filter(scope, lane), Occur.FILTER)
            .build();
    return search(query, k, score -> score);
  }

  @Override
  public List<Hit> vector(float[] vector, Scope scope, String lane, int k) {
    if (scope.workspaces().isEmpty()) {
      return List.of();
    }
    // Lucene maps a dot product d to the score (1 + d) / 2; we report the cosine itself.
    return search(
        new KnnFloatVectorQuery("vec", vector, k, filter(scope, lane)), k, score -> 2 * score - 1);
  }

  /** Whether the index holds (committed) chunks of {@code documentId}. */
  @Override
  public boolean contains(String documentId) {
    IndexSearcher searcher = acquire();
    try {
      return searcher.count(new TermQuery(new Term("doc_id", documentId))) > 0;
    } catch (IOException e) {
      throw new UncheckedIOException("count failed on the index at " + dir, e);
    } finally {
      release(searcher);
    }
  }

  /** Chunks indexed before source kinds were recorded are invisible to searches by kind. */
  private void warnAboutChunksWithoutKind() {
    IndexSearcher searcher = acquire();
    try {
      int all = searcher.getIndexReader().numDocs();
      int kinded = searcher.count(new TermRangeQuery("kind", null, null, true, true));
      if (kinded < all) {
        LOG.warn(
            "{} of {} chunks in {} were indexed before source kinds were recorded; searches filtered"
                + " by kind miss them until you delete {} and ingest again",
            all - kinded,
            all,
            dir,
            dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("count failed on the index at " + dir, e);
    } finally {
      release(searcher);
    }
  }

  /** How many chunks the index holds (committed). */
  @Override
  public int size() {
    IndexSearcher searcher = acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      release(searcher);
    }
  }

  @Override
  public Embedder embedder() {
    return embedder;
  }

  private static Query scope(Collection<String> workspaces) {
    return new TermInSetQuery("workspace", workspaces.stream().map(BytesRef::new).toList());
  }

  private static Query filter(Scope scope, String lane) {
    if (lane == null && scope.kinds().isEmpty()) {
      return scope(scope.workspaces());
    }
    BooleanQuery.Builder b =
        new BooleanQuery.Builder().add(scope(scope.workspaces()), Occur.FILTER);
    if (lane != null) {
      b.add(new TermQuery(new Term("lane", lane)), Occur.FILTER);
    }
    if (!scope.kinds().isEmpty()) {
      b.add(
          new TermInSetQuery("kind", scope.kinds().stream().map(BytesRef::new).toList()),
          Occur.FILTER);
    }
    return b.build();
  }

  private interface ScoreMap {
    float apply(float score);
  }

  private List<Hit> search(Query query, int k, ScoreMap scoreMap) {
    IndexSearcher searcher = acquire();
    try {
      TopDocs top = searcher.search(query, k);
      StoredFields stored = searcher.storedFields();
      List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc sd : top.scoreDocs) {
        Document d = stored.document(sd.doc);
        hits.add(
            new Hit(
                d.get("chunk_id"),
                d.get("doc_id"),
                d.get("workspace"),
                d.get("title"),
                d.get("heading"),
                d.get("path"),
                d.get("status"),
                d.get("body"),
                scoreMap.apply(sd.score)));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException("search failed on the index at " + dir, e);
    } finally {
      release(searcher);
    }
  }

  private IndexSearcher acquire() {
    try {
      if (writer == null) {
        // Another process commits: move to its newest commit (cheap when there is none).
        searchers.maybeRefresh();
      }
      return searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a searcher on " + dir, e);
    }
  }

  private void release(IndexSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release a searcher on " + dir, e);
    }
  }

  @Override
  public boolean hasLane(Scope scope, String lane) {
    if (scope.workspaces().isEmpty()) {
      return false;
    }
    IndexSearcher searcher = acquire();
    try {
      return searcher.count(
              new BooleanQuery.Builder().add(filter(scope, lane), Occur.FILTER).build())
          > 0;
    } catch (IOException e) {
      throw new UncheckedIOException("count failed on the index at " + dir, e);
    } finally {
      release(searcher);
    }
  }

  private static Document toLucene(ChunkEntry c) {
    Document d = new Document();
    d.add(new StringField("chunk_id", c.chunkId(), Field.Store.YES));
    d.add(new StringField("doc_id", c.documentId(), Field.Store.YES));
    d.add(new StringField("workspace", c.workspace(), Field.Store.YES));
    d.add(new StringField("status", c.status(), Field.Store.YES));
    d.add(new StringField("lane", c.lane(), Field.Store.YES));
    d.add(new StringField("kind", c.kind(), Field.Store.YES));
    d.add(new StoredField("path", c.path()));
    d.add(new TextField("title", c.title(), Field.Store.YES));
    d.add(new StoredField("heading", c.heading()));
    d.add(new TextField("sections", c.sections(), Field.Store.NO));
    d.add(new TextField("body", c.body(), Field.Store.YES));
    d.add(new KnnFloatVectorField("vec", c.vector(), VectorSimilarityFunction.DOT_PRODUCT));
    for (String id : c.identifiers()) {
      d.add(new StringField("ident", id, Field.Store.NO));
    }
    return d;
  }

  @Override
  public String location() {
    return dir.toString();
  }

  /** Whether anything was ever committed (a fresh data directory's index has nothing to copy). */
  public boolean hasCommit() {
    try {
      return DirectoryReader.indexExists(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the index at " + dir, e);
    }
  }

  /**
   * Copies the newest commit to {@code target}, a new or empty directory, while the index goes on
   * being written; changes not committed yet are not in the copy. The copy is a whole index, to be
   * opened with {@link #open}. A writer keeps the commit's files from being deleted until the copy
   * is done; a read-only index cannot, so when the other process deletes one mid-copy it starts
   * again from the newest commit, and gives up after 4 tries.
   *
   * @throws IllegalArgumentException when {@code target} is not empty
   * @throws IllegalStateException when nothing was committed yet
   */
  public void backupTo(Path target) {
    try {
      boolean created = !Files.exists(target);
      Files.createDirectories(target);
      try (Stream<Path> entries = Files.list(target)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "cannot back up the index at %s to %s: that directory is not empty"
                  .formatted(dir, target));
        }
      }
      try (FSDirectory out = FSDirectory.open(target)) {
        if (writer != null) {
          copySnapshot(out);
        } else {
          copyNewestCommit(out);
        }
      }
      Path parent = target.toAbsolutePath().getParent();
      if (created && parent != null) {
        // A directory made here is durable only once its parent's entry for it is.
        IOUtils.fsync(parent, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot back up the index at %s to %s".formatted(dir, target), e);
    }
  }

  private void copySnapshot(FSDirectory out) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      throw nothingToBackUp();
    }
    SnapshotDeletionPolicy snapshots =
        (SnapshotDeletionPolicy) writer.getConfig().getIndexDeletionPolicy();
    IndexCommit commit = snapshots.snapshot();
    try {
      CommitCopy.copy(commit, out);
    } finally {
      snapshots.release(commit);
      // Frees the files kept only for the copy now rather than at the next commit.
      writer.deleteUnusedFiles();
    }
  }

  private void copyNewestCommit(FSDirectory out) throws IOException {
    for (int tries = 1; ; tries++) {
      searchers.maybeRefreshBlocking();
      IndexSearcher searcher = searchers.acquire();
      try {
        IndexCommit commit = CommitFollower.commitOf(searcher);
        if (commit == null) {
          throw nothingToBackUp();
        }
        CommitCopy.copy(commit, out);
        return;
      } catch (NoSuchFileException | FileNotFoundException e) {
        // The other process committed again and deleted a file of the commit being copied.
        if (tries == BACKUP_TRIES) {
          throw new UncheckedIOException(
              "cannot back up the index at %s: the process writing it deleted files of its newest commit before they were copied, %d times in a row; try again, or back up from that process"
                  .formatted(dir, BACKUP_TRIES),
              e);
        }
        LOG.debug(
            "a file of the commit being backed up from {} was deleted; starting again", dir, e);
      } finally {
        searchers.release(searcher);
      }
    }
  }

  private IllegalStateException nothingToBackUp() {
    return new IllegalStateException(
        "cannot back up the index at %s: nothing was committed to it yet".formatted(dir));
  }

  @Override
  public void close() {
    try {
      IOUtils.close(searchers, writer, directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the index at " + dir, e);
    }
  }
}
