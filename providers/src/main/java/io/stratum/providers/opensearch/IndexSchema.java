package io.stratum.providers.opensearch;

import io.stratum.embed.Embedder;
import io.stratum.index.LexicalQuery;
import io.stratum.text.ContentTerms;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings and mapping of a Stratum index in OpenSearch, mirroring the embedded Lucene index:
 *
 * <ul>
 *   <li>one shard, so BM25's statistics are those of the whole corpus, as in Lucene (replicas: 0 on
 *       one node, 1 when there are more);
 *   <li>title, sections and body analysed like {@link ContentTerms}: the standard tokenizer,
 *       English possessives removed, lower-case, the same stop words, Porter stems (Lucene's {@code
 *       EnglishAnalyzer} chain); BM25 with Lucene's defaults (k1 1.2, b 0.75);
 *   <li>the vector in a {@code knn_vector} field on the {@code lucene} engine, HNSW with Lucene's
 *       defaults (m 16, ef_construction 100), {@code cosinesimil} (our vectors are unit length, so
 *       this is the dot product the embedded index uses). Never the default faiss engine: without
 *       its native library index requests hang;
 *   <li>the embedding model and dimension in the mapping's {@code _meta}, checked when the index is
 *       opened;
 *   <li>no refresh but the one a commit asks for, so searches see whole commits only.
 * </ul>
 */
final class IndexSchema {
  static final String ANALYZER = "stratum_english";
  static final int HNSW_M = 16;
  static final int HNSW_EF_CONSTRUCTION = 100;

  /** The mapping's {@code _meta} keys. */
  static final String META = "stratum";

  static final String META_MODEL = "embedding_model";
  static final String META_DIMENSION = "embedding_dimension";

  /** The fields a hit reads from {@code _source}. */
  static final List<String> HIT_FIELDS =
      List.of("chunk_id", "doc_id", "workspace", "title", "heading", "path", "status", "body");

  private IndexSchema() {}

  /**
   * The body of the request that creates an index, with {@code alias} pointing at it, or none when
   * null (a rebuild moves the alias once the new index is full).
   */
  static Map<String, Object> create(Embedder embedder, String alias) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("settings", settings());
    body.put("mappings", mappings(embedder));
    if (alias != null) {
      body.put("aliases", Map.of(alias, Map.of()));
    }
    return body;
  }

  private static Map<String, Object> settings() {
    return Map.of(
        "index",
        Map.of(
            "number_of_shards",
            1,
            "auto_expand_replicas",
            "0-1",
            "refresh_interval",
            "-1",
            "knn",
            true,
            "similarity",
            Map.of("default", Map.of("type", "BM25", "k1", 1.2, "b", 0.75))),
        "analysis",
        Map.of(
            "filter",
            Map.of(
                "stratum_possessive", Map.of("type", "stemmer", "language", "possessive_english"),
                "stratum_stop", Map.of("type", "stop", "stopwords", ContentTerms.stopWords())),
            "analyzer",
            Map.of(
                ANALYZER,
                Map.of(
                    "type", "custom",
                    "tokenizer", "standard",
                    "filter",
                        List.of(
                            "stratum_possessive", "lowercase", "stratum_stop", "porter_stem")))));
  }

  private static Map<String, Object> mappings(Embedder embedder) {
    Map<String, Object> p = new LinkedHashMap<>();
    for (String keyword : List.of("chunk_id", "doc_id", "workspace", "status", "lane", "kind")) {
      p.put(keyword, Map.of("type", "keyword"));
    }
    p.put("ident", Map.of("type", "keyword"));
    p.put("ordinal", Map.of("type", "integer"));
    p.put("path", Map.of("type", "keyword", "index", false, "doc_values", false));
    p.put("heading", Map.of("type", "keyword", "index", false, "doc_values", false));
    for (String text : LexicalQuery.FIELDS.keySet()) {
      p.put(text, Map.of("type", "text", "analyzer", ANALYZER));
    }
    p.put(
        "vec",
        Map.of(
            "type", "knn_vector",
            "dimension", embedder.dimension(),
            "method",
                Map.of(
                    "name", "hnsw",
                    "engine", "lucene",
                    "space_type", "cosinesimil",
                    "parameters", Map.of("m", HNSW_M, "ef_construction", HNSW_EF_CONSTRUCTION))));
    return Map.of(
        "dynamic",
        "strict",
        "_meta",
        Map.of(
            META,
            Map.of(
                META_MODEL,
                embedder.modelId(),
                META_DIMENSION,
                String.valueOf(embedder.dimension()))),
        "properties",
        p);
  }
}
