package io.stratum.index;

import io.stratum.corpus.SourceDocument;
import io.stratum.embed.Embedder;
import java.util.List;
import java.util.Set;

/**
 * The corpus index, the port retrieval and ingest use: one entry per chunk ({@link ChunkEntry}),
 * with BM25 text fields and a vector, searched lexically and by nearest neighbours, each search
 * restricted to a {@link Scope} (and optionally one lane) by a filter <em>inside</em> the engine's
 * query, never afterwards.
 *
 * <p>Two engines implement it and pass one contract suite: {@link LuceneIndex}, embedded in the
 * data directory (the default), and OpenSearch ({@code io.stratum.providers.opensearch}), for
 * indexes that outgrow one machine. Both score BM25 the way {@link LexicalQuery} says, report a
 * vector hit's cosine similarity, refuse to open an index built by another embedding model ({@link
 * IndexMismatchException}), and make writes visible to searches at {@link #commit}.
 *
 * <pre>{@code
 * try (CorpusIndex index = LuceneIndex.open(dir, embedder)) {
 *   index.replace(document, chunks);
 *   index.commit();
 *   List<Hit> hits = index.lexical("key rotation", Set.of("security"), 10);
 * }
 * }</pre>
 */
public interface CorpusIndex extends AutoCloseable {
  /** Code maps go in the code lane; everything else is prose, in the docs lane. */
  String CODE_LANE = "code";

  String DOCS_LANE = "docs";

  /** The model whose vectors this index holds. */
  Embedder embedder();

  /**
   * Replaces every chunk of {@code document} with {@code chunks}; visible after {@link #commit}.
   *
   * @throws IllegalArgumentException when a vector is not of the embedder's dimension
   */
  void replace(SourceDocument document, List<IndexedChunk> chunks);

  /** Removes every chunk of the document; visible after {@link #commit}. */
  void delete(String documentId);

  /** Deletes every chunk of {@code workspace}; visible after {@link #commit}. */
  void deleteWorkspace(String workspace);

  /** Makes every change durable and visible to searches. */
  void commit();

  /** BM25 within {@code scope}, and within one lane when {@code lane} is set. */
  List<Hit> lexical(String text, Scope scope, String lane, int k);

  /**
   * Nearest neighbours of {@code vector} within {@code scope}, and within one lane when {@code
   * lane} is set: k of them whenever the scope holds k, however small a part of the index it is. A
   * hit's score is the cosine similarity.
   */
  List<Hit> vector(float[] vector, Scope scope, String lane, int k);

  /** Whether any chunk of {@code lane} is in {@code scope}. */
  boolean hasLane(Scope scope, String lane);

  /** Whether the index holds (committed) chunks of {@code documentId}. */
  boolean contains(String documentId);

  /** How many chunks the index holds (committed). */
  int size();

  /** Where the index is, for messages: a directory, or a server and an index name. */
  String location();

  /**
   * Whether another process writes this index, so that this one only reads it: every write then
   * throws {@link IllegalStateException}. Only the embedded index has a single writer.
   */
  default boolean readOnly() {
    return false;
  }

  @Override
  void close();

  /** BM25 over title, heading path and body, restricted to {@code workspaces}. */
  default List<Hit> lexical(String text, Set<String> workspaces, int k) {
    return lexical(text, Scope.of(workspaces), null, k);
  }

  /** As {@link #lexical(String, Set, int)}, restricted to one lane when {@code lane} is set. */
  default List<Hit> lexical(String text, Set<String> workspaces, String lane, int k) {
    return lexical(text, Scope.of(workspaces), lane, k);
  }

  /** Approximate nearest neighbours of {@code vector}, restricted to {@code workspaces}. */
  default List<Hit> vector(float[] vector, Set<String> workspaces, int k) {
    return vector(vector, Scope.of(workspaces), null, k);
  }

  /** As {@link #vector(float[], Set, int)}, restricted to one lane when {@code lane} is set. */
  default List<Hit> vector(float[] vector, Set<String> workspaces, String lane, int k) {
    return vector(vector, Scope.of(workspaces), lane, k);
  }

  /** Whether any chunk of {@code lane} is in {@code workspaces}. */
  default boolean hasLane(Set<String> workspaces, String lane) {
    return hasLane(Scope.of(workspaces), lane);
  }
}
