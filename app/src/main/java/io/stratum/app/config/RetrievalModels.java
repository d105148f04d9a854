package io.stratum.app.config;

import static io.stratum.app.config.ConfigKeys.EMBEDDING_DIMENSIONS;
import static io.stratum.app.config.ConfigKeys.EMBEDDING_MODEL;
import static io.stratum.app.config.ConfigKeys.LEXICAL_WEIGHT;
import static io.stratum.app.config.ConfigKeys.RERANK_ENABLED;
import static io.stratum.app.config.ConfigKeys.RERANK_MODEL;
import static io.stratum.app.config.ConfigKeys.RRF_K;
import static io.stratum.app.config.ConfigKeys.VECTOR_WEIGHT;

import io.stratum.retrieval.Retriever;

/**
 * The models behind retrieval: the embedding model (the in-jar bge-small by default, or a Bedrock
 * one), the optional Bedrock reranker, and the fusion of the two candidate lists.
 *
 * @param embeddingDimensions Titan v2's output size; ignored by the other models
 * @param fusion how the BM25 and vector lists are fused (plain RRF unless configured)
 */
public record RetrievalModels(
    String embeddingModelId,
    int embeddingDimensions,
    boolean rerank,
    String rerankModelId,
    Retriever.Fusion fusion) {
  public static final String LOCAL_EMBEDDING = "bge-small-en-v1.5-q";

  public boolean localEmbedding() {
    return embeddingModelId.equals(LOCAL_EMBEDDING);
  }

  static RetrievalModels read(Values v) {
    String embedding = v.get(EMBEDDING_MODEL);
    int dimensions = v.get(EMBEDDING_DIMENSIONS);
    String rerankModel = v.get(RERANK_MODEL);
    boolean rerank = v.get(RERANK_ENABLED);
    return new RetrievalModels(embedding, dimensions, rerank, rerankModel, fusion(v));
  }

  /** {@code stratum_rrf_k}, {@code stratum_lexical_weight}, {@code stratum_vector_weight}. */
  private static Retriever.Fusion fusion(Values v) {
    double lexical = v.get(LEXICAL_WEIGHT);
    double vector = v.get(VECTOR_WEIGHT);
    int k = v.get(RRF_K);
    if (lexical + vector == 0) {
      v.problem(
          "%s, %s: expected at least one above 0, got both 0 (%s)"
              .formatted(LEXICAL_WEIGHT.name(), VECTOR_WEIGHT.name(), v.where(VECTOR_WEIGHT)));
      return Retriever.Fusion.RRF;
    }
    return new Retriever.Fusion(k, lexical, vector);
  }
}
