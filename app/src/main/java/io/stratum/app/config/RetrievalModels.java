package io.stratum.app.config;

/**
 * The models behind retrieval: the embedding model (the in-jar bge-small by default, or a Bedrock
 * one) and the optional Bedrock reranker.
 *
 * @param embeddingDimensions Titan v2's output size; ignored by the other models
 */
public record RetrievalModels(
    String embeddingModelId, int embeddingDimensions, boolean rerank, String rerankModelId) {
  public static final String LOCAL_EMBEDDING = "bge-small-en-v1.5-q";

  public boolean localEmbedding() {
    return embeddingModelId.equals(LOCAL_EMBEDDING);
  }
}
