package io.stratum.embed;

import java.util.List;

/**
 * Turns text into unit-length vectors, so a dot product is a cosine similarity. Queries and
 * passages are embedded differently by some models (bge prefixes queries), hence two methods.
 *
 * <p>An index records {@link #modelId()} and {@link #dimension()}; opening it with another embedder
 * is an error, never silently wrong results.
 */
public interface Embedder {
  String modelId();

  int dimension();

  float[] embedQuery(String query);

  List<float[]> embedPassages(List<String> passages);

  /**
   * The cosine similarity below which a passage is unlikely to be about the query. It depends on
   * the model: bge-small rates unrelated English text around 0.5, not 0.
   */
  double relevanceFloor();
}
