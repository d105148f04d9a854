package io.stratum.testing;

import io.stratum.embed.Embedder;
import io.stratum.text.ContentTerms;
import java.util.List;

/**
 * A deterministic embedder for tests: each content term adds weight to one of 64 dimensions (by
 * hash), and the vector is normalized. Texts that share terms are similar; no model needed.
 */
public final class TermEmbedder implements Embedder {
  private final String id;
  private final int dim;

  public TermEmbedder() {
    this("term-hash-64", 64);
  }

  public TermEmbedder(String id, int dim) {
    this.id = id;
    this.dim = dim;
  }

  @Override
  public String modelId() {
    return id;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public double relevanceFloor() {
    return 0.5;
  }

  @Override
  public float[] embedQuery(String query) {
    return embed(query);
  }

  @Override
  public List<float[]> embedPassages(List<String> passages) {
    return passages.stream().map(this::embed).toList();
  }

  private float[] embed(String text) {
    float[] v = new float[dim];
    for (String term : ContentTerms.of(text)) {
      v[Math.floorMod(term.hashCode(), dim)] += 1;
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      v[0] = 1;
      return v;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < dim; i++) {
      v[i] *= scale;
    }
    return v;
  }
}
