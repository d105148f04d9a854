package io.stratum.rerank;

import java.util.List;

/**
 * Reorders retrieved passages by reading the question and each passage together (a cross-encoder),
 * which catches relevance that separate embeddings miss. Optional: without one, the fused order
 * stands.
 *
 * <pre>{@code
 * double[] s = reranker.score("How are keys rotated?", List.of("Keys rotate every 90 days.", "..."));
 * }</pre>
 */
public interface Reranker {
  /** Names the model, for logs and the audit trail. */
  String modelId();

  /**
   * Relevance of each document to {@code query}, in the order given; higher is more relevant.
   *
   * @throws RerankException when the model cannot be reached or refuses the request
   */
  double[] score(String query, List<String> documents);
}
