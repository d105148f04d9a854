package io.stratum.retrieval;

import java.util.List;

/** The passages one question retrieved, best first, and how long it took. */
public record Retrieval(String question, List<Passage> passages, long micros) {
  public Retrieval {
    passages = List.copyOf(passages);
  }

  /** The highest cosine similarity among the passages, or -1 when none has one. */
  public double bestCosine() {
    return passages.stream()
        .mapToDouble(Passage::cosine)
        .filter(c -> !Double.isNaN(c))
        .max()
        .orElse(-1);
  }
}
