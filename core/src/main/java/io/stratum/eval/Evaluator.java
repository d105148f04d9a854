package io.stratum.eval;

import io.stratum.index.CorpusIndex;
import io.stratum.index.Hit;
import io.stratum.retrieval.Passage;
import io.stratum.retrieval.Retriever;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Scores retrieval on judged queries, per mode: BM25 alone, vectors alone, and the hybrid fusion
 * the product uses. Chunks are folded into documents at their first (best) rank, since judgments
 * are per document.
 */
public final class Evaluator {
  /** How deep each mode ranks, in chunks, before folding into documents. */
  static final int DEPTH = 200;

  private final CorpusIndex index;
  private final Retriever retriever;
  private final Set<String> scope;
  private final Function<String, String> documentOf;

  /**
   * @param documentOf maps an index document id to the judged document id
   */
  public Evaluator(CorpusIndex index, Set<String> scope, Function<String, String> documentOf) {
    this(index, scope, documentOf, Retriever.Fusion.RRF);
  }

  /** As above, with the hybrid mode fused by {@code fusion}, to tune it on judged questions. */
  public Evaluator(
      CorpusIndex index,
      Set<String> scope,
      Function<String, String> documentOf,
      Retriever.Fusion fusion) {
    this.index = index;
    this.retriever = new Retriever(index, null, fusion);
    this.scope = scope;
    this.documentOf = documentOf;
  }

  /** Mean scores of one mode. */
  public record Scores(double ndcg10, double recall10, double recall100, double mrr, int queries) {}

  public Map<String, Scores> evaluate(Judged judged) {
    Map<String, Scores> out = new LinkedHashMap<>();
    out.put(
        "bm25",
        score(
            judged,
            q -> docs(index.lexical(q, scope, DEPTH).stream().map(Hit::documentId).toList())));
    out.put(
        "vector",
        score(
            judged,
            q ->
                docs(
                    index.vector(index.embedder().embedQuery(q), scope, DEPTH).stream()
                        .map(Hit::documentId)
                        .toList())));
    out.put(
        "hybrid",
        score(
            judged,
            q ->
                docs(
                    retriever.retrieve(q, scope, DEPTH, DEPTH).passages().stream()
                        .map(Passage::documentId)
                        .toList())));
    return out;
  }

  private List<String> docs(List<String> chunkDocIds) {
    Set<String> seen = new LinkedHashSet<>();
    chunkDocIds.forEach(id -> seen.add(documentOf.apply(id)));
    return new ArrayList<>(seen);
  }

  private static Scores score(Judged judged, Function<String, List<String>> rank) {
    double ndcg = 0, r10 = 0, r100 = 0, mrr = 0;
    int n = 0;
    for (Map.Entry<String, String> q : judged.queries().entrySet()) {
      Map<String, Integer> gains = judged.gains().getOrDefault(q.getKey(), Map.of());
      if (gains.values().stream().noneMatch(g -> g > 0)) {
        continue; // a query with no relevant document cannot be scored
      }
      List<String> ranked = rank.apply(q.getValue());
      ndcg += Metrics.ndcg(ranked, gains, 10);
      r10 += Metrics.recall(ranked, gains, 10);
      r100 += Metrics.recall(ranked, gains, 100);
      mrr += Metrics.reciprocalRank(ranked, gains);
      n++;
    }
    return n == 0 ? new Scores(0, 0, 0, 0, 0) : new Scores(ndcg / n, r10 / n, r100 / n, mrr / n, n);
  }
}
