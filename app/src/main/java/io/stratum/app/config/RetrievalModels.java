package io.stratum.app.config;

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
}
