package io.stratum.retrieval;

import io.stratum.index.Hit;

/**
 * A retrieved chunk, ranked.
 *
 * @param rank 1-based position; answers cite a passage as {@code [rank]}
 * @param hit the chunk as the index stored it
 * @param score the fused reciprocal-rank score (higher is better; only comparable within one
 *     retrieval)
 * @param cosine the cosine similarity between question and chunk, or {@code NaN} when the vector
 *     search did not return this chunk
 */
public record Passage(int rank, Hit hit, double score, double cosine) {

  public String chunkId() {
    return hit.chunkId();
  }

  public String documentId() {
    return hit.documentId();
  }

  public String workspace() {
    return hit.workspace();
  }

  public String title() {
    return hit.title();
  }

  /** The heading path of the chunk: {@code Title > Section > Subsection}. */
  public String heading() {
    return hit.heading();
  }

  public String path() {
    return hit.path();
  }

  public String status() {
    return hit.status();
  }

  public String text() {
    return hit.text();
  }

  public boolean superseded() {
    return hit.status().equalsIgnoreCase("superseded");
  }
}
