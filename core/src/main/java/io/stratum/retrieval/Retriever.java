package io.stratum.retrieval;

import io.stratum.index.CorpusIndex;
import io.stratum.index.Hit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hybrid retrieval: a BM25 list and a vector list, each {@link #CANDIDATES} deep and each already
 * restricted to the scope inside its Lucene query, fused by reciprocal rank. When the scope holds
 * both prose and code maps, each lane (docs, code) runs with half the budget and the two fused
 * lists are merged, so code is never crowded out by prose, nor prose by code.
 *
 * <p>Reciprocal-rank fusion scores a chunk {@code Σ 1 / (K + rank)} over the lists it appears in
 * (rank from 1, {@code K = 60}, the constant of Cormack et al. 2009). It needs no score calibration
 * between BM25 and cosine, and a chunk that both lists rank well beats one that only one list
 * loves. A superseded document's chunks keep half their fused score, so its successor ranks first
 * when both match.
 *
 * <pre>{@code
 * Retrieval r = new Retriever(index).retrieve("How are keys rotated?", Set.of("security"), 6);
 * r.passages().get(0).title();
 * }</pre>
 */
public final class Retriever {
  /** How deep each list goes before fusion. */
  public static final int CANDIDATES = 50;

  static final int RRF_K = 60;
  static final double SUPERSEDED_WEIGHT = 0.5;

  private final CorpusIndex index;

  public Retriever(CorpusIndex index) {
    this.index = index;
  }

  public Retrieval retrieve(String question, Set<String> workspaces, int k) {
    return retrieve(question, workspaces, k, CANDIDATES);
  }

  /** As {@link #retrieve(String, Set, int)}, with each list {@code depth} deep before fusion. */
  public Retrieval retrieve(String question, Set<String> workspaces, int k, int depth) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    long start = System.nanoTime();
    float[] query = index.embedder().embedQuery(question);
    Map<String, Hit> byId = new LinkedHashMap<>();
    Map<String, Double> fused = new HashMap<>();
    Map<String, Double> cosine = new HashMap<>();
    boolean lanes =
        index.hasLane(workspaces, CorpusIndex.CODE_LANE)
            && index.hasLane(workspaces, CorpusIndex.DOCS_LANE);
    // Prose and code compete badly in one ranking; each lane gets half the budget, then both
    // fused lists are merged on their (comparable) reciprocal-rank scores.
    for (String lane :
        lanes
            ? List.of(CorpusIndex.DOCS_LANE, CorpusIndex.CODE_LANE)
            : java.util.Collections.<String>singletonList(null)) {
      int laneDepth = lanes ? Math.max(1, depth / 2) : depth;
      List<Hit> lexical = index.lexical(question, workspaces, lane, laneDepth);
      List<Hit> vector = index.vector(query, workspaces, lane, laneDepth);
      accumulate(lexical, byId, fused);
      accumulate(vector, byId, fused);
      vector.forEach(h -> cosine.put(h.chunkId(), (double) h.score()));
    }

    List<Map.Entry<String, Double>> ranked = new ArrayList<>();
    fused.forEach(
        (id, score) -> {
          boolean superseded = "superseded".equalsIgnoreCase(byId.get(id).status());
          ranked.add(Map.entry(id, superseded ? score * SUPERSEDED_WEIGHT : score));
        });
    ranked.sort(
        Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));

    List<Passage> passages = new ArrayList<>();
    for (Map.Entry<String, Double> e : ranked.subList(0, Math.min(k, ranked.size()))) {
      Hit h = byId.get(e.getKey());
      passages.add(
          new Passage(
              passages.size() + 1, h, e.getValue(), cosine.getOrDefault(h.chunkId(), Double.NaN)));
    }
    return new Retrieval(question, passages, (System.nanoTime() - start) / 1_000);
  }

  private static void accumulate(List<Hit> hits, Map<String, Hit> byId, Map<String, Double> fused) {
    for (int i = 0; i < hits.size(); i++) {
      Hit h = hits.get(i);
      byId.putIfAbsent(h.chunkId(), h);
      fused.merge(h.chunkId(), 1.0 / (RRF_K + i + 1), Double::sum);
    }
  }
}
