package io.stratum.providers.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.corpus.SourceDocument;
import io.stratum.embed.Embedder;
import io.stratum.index.ChunkEntry;
import io.stratum.index.CorpusIndex;
import io.stratum.index.Hit;
import io.stratum.index.IndexMismatchException;
import io.stratum.index.IndexedChunk;
import io.stratum.index.LexicalQuery;
import io.stratum.index.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The corpus index in OpenSearch: one OpenSearch document per chunk, id {@code documentId#ordinal},
 * in an index that the alias {@code PREFIX-chunks} points at, with the same fields, analysis and
 * scoring as the embedded {@link io.stratum.index.LuceneIndex} ({@link IndexSchema}).
 *
 * <p>Lexical search is a {@code bool} query: the question's content terms, analysed here as the
 * embedded index does ({@link LexicalQuery}), each a {@code term} clause on title, sections and
 * body, plus the exact identifiers at ×10, with the scope as {@code bool.filter}. Vector search is
 * a {@code knn} query whose {@code filter} holds the scope: the lucene engine applies it while it
 * walks the HNSW graph (or searches exactly when the filter is selective), so k hits come back
 * whenever the scope holds k. OpenSearch has no hybrid query without the neural-search plugin; the
 * {@link io.stratum.retrieval.Retriever} fuses the two lists, as it does for the embedded index.
 *
 * <p>Writes are held until {@link #commit}, which sends them (stale chunks deleted, new ones in one
 * bulk request) and refreshes the index: an acknowledged ingest is searchable, and a search sees a
 * commit whole or not at all. Several processes may read and write it; none is {@linkplain
 * #readOnly() read-only}.
 *
 * <pre>{@code
 * OpenSearchConnection os = new OpenSearchConnection(URI.create("https://search.example"),
 *     new OpenSearchConnection.Basic(user, password));
 * try (CorpusIndex index = OpenSearchIndex.open(os, "stratum", embedder)) {
 *   List<Hit> hits = index.lexical("key rotation", Set.of("security"), 10);
 * }
 * }</pre>
 */
public final class OpenSearchIndex implements CorpusIndex {
  /** The prefix of the index names when none is configured. */
  public static final String DEFAULT_PREFIX = "stratum";

  /** Bulk requests are cut at about this many bytes. */
  private static final int BULK_BYTES = 8 << 20;

  /**
   * Documents per delete-by-query request. Each is a {@code bool} of two clauses, and OpenSearch
   * counts every nested clause against its limit of 1,024 ({@code too_many_nested_clauses}).
   */
  private static final int DELETE_CLAUSES = 300;

  private final Rest rest;
  private final String alias;
  private final Embedder embedder;

  /** Changes not yet sent: the chunks each document is to have (none: deleted), in order. */
  private final Map<String, List<ChunkEntry>> pending = new LinkedHashMap<>();

  private final Set<String> deletedWorkspaces = new LinkedHashSet<>();

  /** Whether {@link #close} deletes the index (a scratch index for an evaluation). */
  private final boolean scratch;

  private OpenSearchIndex(Rest rest, String alias, Embedder embedder, boolean scratch) {
    this.rest = rest;
    this.alias = alias;
    this.embedder = embedder;
    this.scratch = scratch;
  }

  /** The alias searches and writes go through: {@code PREFIX-chunks}. */
  public static String aliasName(String prefix) {
    return prefix + "-chunks";
  }

  /**
   * Opens the index behind {@code PREFIX-chunks}, creating it when there is none.
   *
   * @throws IndexMismatchException when it was built with another embedding model or dimension
   * @throws io.stratum.index.IndexUnavailableException when OpenSearch cannot be reached, or
   *     refuses
   */
  public static OpenSearchIndex open(
      OpenSearchConnection connection, String prefix, Embedder embedder) {
    return open(connection, prefix, embedder, false);
  }

  /**
   * A new, empty index of its own ({@code stratum-scratch-RANDOM-chunks}) that {@link #close}
   * deletes: {@code stratum eval} measures in one, so the real index is never touched.
   */
  public static OpenSearchIndex scratch(OpenSearchConnection connection, Embedder embedder) {
    return scratch(connection, "stratum-scratch", embedder);
  }

  /**
   * A new, empty index of its own, {@code NAME-RANDOM-chunks-1}, that {@link #close} deletes (the
   * scale benchmark's is {@code stratum-bench-RANDOM}).
   */
  public static OpenSearchIndex scratch(
      OpenSearchConnection connection, String name, Embedder embedder) {
    String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    return open(connection, prefix, embedder, true);
  }

  private static OpenSearchIndex open(
      OpenSearchConnection connection, String prefix, Embedder embedder, boolean scratch) {
    Rest rest = new Rest(connection);
    try {
      String alias = aliasName(prefix);
      OpenSearchIndex index = new OpenSearchIndex(rest, alias, embedder, scratch);
      index.openOrCreate(prefix);
      return index;
    } catch (RuntimeException e) {
      rest.close();
      throw e;
    }
  }

  /**
   * Rebuilds the index behind {@code PREFIX-chunks} without a moment of downtime: {@code fill}
   * writes every chunk into a new index, {@code PREFIX-chunks-N+1} (for {@code embedder}, which may
   * be another model than the old index's), which is then committed; one {@code _aliases} request
   * moves the alias from the old index to it, atomically, and the old index is deleted. Searches
   * see the old index until the swap and the new one after. If anything fails before the swap, the
   * new index is deleted and the alias stays where it was.
   *
   * @return the new index's name
   */
  public static String rebuild(
      OpenSearchConnection connection,
      String prefix,
      Embedder embedder,
      Consumer<CorpusIndex> fill) {
    try (Rest rest = new Rest(connection)) {
      String alias = aliasName(prefix);
      Rest.Reply current = rest.call("GET", "/_alias/" + alias, Map.of(), null, List.of(404));
      List<String> old = new ArrayList<>();
      if (current.status() != 404) {
        current.json().fieldNames().forEachRemaining(old::add);
      }
      int number = 0;
      for (String name : old) {
        String suffix = name.substring(name.lastIndexOf('-') + 1);
        number = Math.max(number, suffix.matches("\\d+") ? Integer.parseInt(suffix) : 0);
      }
      String next = alias + "-" + (number + 1);
      rest.call("PUT", "/" + next, Map.of(), IndexSchema.create(embedder, null));
      try {
        OpenSearchIndex writer = new OpenSearchIndex(rest, next, embedder, false);
        fill.accept(writer);
        writer.commit();
      } catch (RuntimeException e) {
        rest.call("DELETE", "/" + next, Map.of(), null, List.of(404));
        throw e;
      }
      List<Object> actions = new ArrayList<>();
      old.forEach(name -> actions.add(Map.of("remove", Map.of("index", name, "alias", alias))));
      actions.add(Map.of("add", Map.of("index", next, "alias", alias)));
      rest.call("POST", "/_aliases", Map.of(), Map.of("actions", actions));
      for (String name : old) {
        rest.call("DELETE", "/" + name, Map.of(), null, List.of(404));
      }
      return next;
    }
  }

  private void openOrCreate(String prefix) {
    Rest.Reply mapping = rest.call("GET", "/" + alias + "/_mapping", Map.of(), null, List.of(404));
    if (mapping.status() == 404) {
      Rest.Reply created =
          rest.call(
              "PUT",
              "/" + prefix + "-chunks-1",
              Map.of(),
              IndexSchema.create(embedder, alias),
              List.of(400));
      // Another process may have created it meanwhile: then it is checked like any other.
      if (created.status() == 400
          && !Rest.reason(created.json()).startsWith("resource_already_exists_exception")) {
        throw new io.stratum.index.IndexUnavailableException(
            "OpenSearch at %s refused to create the index %s-chunks-1: %s"
                .formatted(rest, prefix, Rest.reason(created.json())),
            null);
      }
      if (created.status() == 400) {
        checkModel(rest.call("GET", "/" + alias + "/_mapping", Map.of(), null));
      }
      return;
    }
    checkModel(mapping.json());
  }

  private void checkModel(JsonNode mappings) {
    Iterator<Map.Entry<String, JsonNode>> indexes = mappings.fields();
    while (indexes.hasNext()) {
      Map.Entry<String, JsonNode> e = indexes.next();
      JsonNode meta = e.getValue().path("mappings").path("_meta").path(IndexSchema.META);
      String model = meta.path(IndexSchema.META_MODEL).asText("?");
      String dimension = meta.path(IndexSchema.META_DIMENSION).asText("?");
      if (!IndexMismatchException.fits(model, dimension, embedder)) {
        throw IndexMismatchException.of(
            "%s (OpenSearch index %s)".formatted(rest, e.getKey()),
            model,
            dimension,
            embedder,
            "re-embed by deleting the index %s (DELETE %s/%s) and ingesting again"
                .formatted(e.getKey(), rest, e.getKey()));
      }
    }
  }

  /** The alias this index is searched and written through. */
  public String alias() {
    return alias;
  }

  @Override
  public Embedder embedder() {
    return embedder;
  }

  @Override
  public void replace(SourceDocument document, List<IndexedChunk> chunks) {
    List<ChunkEntry> entries = ChunkEntry.of(document, chunks, embedder.dimension());
    pending.remove(document.id());
    pending.put(document.id(), entries);
  }

  @Override
  public void delete(String documentId) {
    pending.remove(documentId);
    pending.put(documentId, List.of());
  }

  @Override
  public void deleteWorkspace(String workspace) {
    // Chunks written to it before, in this commit, go too; those written after stay.
    pending.values().removeIf(e -> !e.isEmpty() && e.get(0).workspace().equals(workspace));
    deletedWorkspaces.add(workspace);
  }

  /**
   * Sends the held changes: deletes first (whole workspaces, deleted documents, and the chunks a
   * replaced document no longer has), then the new chunks in bulk, then a refresh, after which
   * searches see them. A failure keeps the changes held, so a later commit sends them again.
   */
  @Override
  public void commit() {
    List<Map<String, Object>> deletes = new ArrayList<>();
    if (!deletedWorkspaces.isEmpty()) {
      deletes.add(Map.of("terms", Map.of("workspace", List.copyOf(deletedWorkspaces))));
    }
    pending.forEach(
        (doc, entries) ->
            deletes.add(
                bool(
                    "filter",
                    List.of(
                        Map.of("term", Map.of("doc_id", doc)),
                        Map.of("range", Map.of("ordinal", Map.of("gte", entries.size())))))));
    for (int i = 0; i < deletes.size(); i += DELETE_CLAUSES) {
      rest.call(
          "POST",
          "/" + alias + "/_delete_by_query",
          Map.of("conflicts", "proceed", "refresh", "false"),
          Map.of(
              "query",
              bool("should", deletes.subList(i, Math.min(deletes.size(), i + DELETE_CLAUSES)))));
    }
    bulkIndex();
    rest.call("POST", "/" + alias + "/_refresh", Map.of(), null);
    pending.clear();
    deletedWorkspaces.clear();
  }

  private void bulkIndex() {
    ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
    try {
      for (List<ChunkEntry> entries : pending.values()) {
        for (ChunkEntry c : entries) {
          ndjson.write(Rest.JSON.writeValueAsBytes(Map.of("index", Map.of("_id", c.chunkId()))));
          ndjson.write('\n');
          ndjson.write(Rest.JSON.writeValueAsBytes(source(c)));
          ndjson.write('\n');
          if (ndjson.size() >= BULK_BYTES) {
            sendBulk(ndjson);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a bulk request in memory", e);
    }
    if (ndjson.size() > 0) {
      sendBulk(ndjson);
    }
  }

  private void sendBulk(ByteArrayOutputStream ndjson) {
    JsonNode r = rest.bulk("/" + alias + "/_bulk", ndjson.toByteArray());
    ndjson.reset();
    if (r.path("errors").asBoolean(false)) {
      for (JsonNode item : r.path("items")) {
        JsonNode op = item.path("index");
        if (op.has("error")) {
          throw new io.stratum.index.IndexUnavailableException(
              "OpenSearch at %s refused chunk %s: %s"
                  .formatted(
                      rest,
                      op.path("_id").asText(),
                      op.path("error").path("type").asText()
                          + ": "
                          + op.path("error").path("reason").asText()),
              null);
        }
      }
    }
  }

  private static Map<String, Object> source(ChunkEntry c) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("chunk_id", c.chunkId());
    s.put("doc_id", c.documentId());
    s.put("ordinal", c.ordinal());
    s.put("workspace", c.workspace());
    s.put("status", c.status());
    s.put("lane", c.lane());
    s.put("kind", c.kind());
    s.put("path", c.path());
    s.put("title", c.title());
    s.put("heading", c.heading());
    s.put("sections", c.sections());
    s.put("body", c.body());
    s.put("vec", c.vector());
    s.put("ident", List.copyOf(c.identifiers()));
    return s;
  }

  @Override
  public List<Hit> lexical(String text, Scope scope, String lane, int k) {
    LexicalQuery q = LexicalQuery.of(text);
    if (q.isEmpty() || scope.workspaces().isEmpty()) {
      return List.of();
    }
    List<Object> anyTerm = new ArrayList<>();
    for (String term : q.terms()) {
      LexicalQuery.FIELDS.forEach((field, boost) -> anyTerm.add(term(field, term, boost)));
    }
    // A question that names an identifier (AC-2(1), ADR-0007, KubePodNotReady) finds it exactly.
    for (String id : q.identifiers()) {
      anyTerm.add(term("ident", id, LexicalQuery.IDENTIFIER_BOOST));
    }
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("must", List.of(bool("should", anyTerm)));
    query.put("filter", filters(scope, lane));
    return search(Map.of("bool", query), k, score -> score);
  }

  @Override
  public List<Hit> vector(float[] vector, Scope scope, String lane, int k) {
    if (scope.workspaces().isEmpty()) {
      return List.of();
    }
    Map<String, Object> knn =
        Map.of("vector", vector, "k", k, "filter", bool("filter", filters(scope, lane)));
    // The lucene engine scores cosinesimil as (1 + cosine) / 2; we report the cosine itself.
    return search(Map.of("knn", Map.of("vec", knn)), k, score -> 2 * score - 1);
  }

  @Override
  public boolean hasLane(Scope scope, String lane) {
    return !scope.workspaces().isEmpty() && any(bool("filter", filters(scope, lane)));
  }

  @Override
  public boolean contains(String documentId) {
    return any(Map.of("term", Map.of("doc_id", documentId)));
  }

  @Override
  public int size() {
    return rest.call("GET", "/" + alias + "/_count", Map.of(), null).path("count").asInt();
  }

  @Override
  public String location() {
    return "OpenSearch at %s, index %s".formatted(rest, alias);
  }

  private boolean any(Map<String, Object> query) {
    JsonNode r =
        rest.call(
            "POST",
            "/" + alias + "/_search",
            Map.of(),
            Map.of("size", 0, "terminate_after", 1, "track_total_hits", true, "query", query));
    return r.path("hits").path("total").path("value").asLong() > 0;
  }

  private interface ScoreMap {
    float apply(float score);
  }

  private List<Hit> search(Map<String, Object> query, int k, ScoreMap scoreMap) {
    JsonNode r =
        rest.call(
            "POST",
            "/" + alias + "/_search",
            Map.of(),
            Map.of(
                "size",
                k,
                "track_total_hits",
                false,
                "_source",
                IndexSchema.HIT_FIELDS,
                "query",
                query));
    List<Hit> hits = new ArrayList<>();
    for (JsonNode h : r.path("hits").path("hits")) {
      JsonNode s = h.path("_source");
      hits.add(
          new Hit(
              s.path("chunk_id").asText(),
              s.path("doc_id").asText(),
              s.path("workspace").asText(),
              s.path("title").asText(),
              s.path("heading").asText(),
              s.path("path").asText(),
              s.path("status").asText(),
              s.path("body").asText(),
              scoreMap.apply((float) h.path("_score").asDouble())));
    }
    return hits;
  }

  /** The scope and the lane, as filter clauses (the same as the embedded index's). */
  private static List<Object> filters(Scope scope, String lane) {
    List<Object> f = new ArrayList<>();
    f.add(Map.of("terms", Map.of("workspace", List.copyOf(scope.workspaces()))));
    if (lane != null) {
      f.add(Map.of("term", Map.of("lane", lane)));
    }
    if (!scope.kinds().isEmpty()) {
      f.add(Map.of("terms", Map.of("kind", List.copyOf(scope.kinds()))));
    }
    return f;
  }

  private static Map<String, Object> term(String field, String value, float boost) {
    return Map.of("term", Map.of(field, Map.of("value", value, "boost", boost)));
  }

  private static Map<String, Object> bool(String occur, List<?> clauses) {
    return Map.of("bool", Map.of(occur, clauses));
  }

  @Override
  public void close() {
    try {
      if (scratch) {
        rest.call(
            "DELETE",
            "/" + alias.substring(0, alias.length() - "-chunks".length()) + "-chunks-*",
            Map.of(),
            null);
      }
    } finally {
      rest.close();
    }
  }
}
