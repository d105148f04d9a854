package io.stratum.eval;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranking metrics for one query: a ranked list of document ids against graded judgments (gain per
 * document, 0 or absent = not relevant).
 *
 * <ul>
 *   <li>nDCG@k: {@code Σ (2^gain − 1) / log2(rank + 1)} over the top k, divided by the same sum for
 *       the ideal ordering of every judged document.
 *   <li>Recall@k: relevant documents in the top k over all relevant documents.
 *   <li>MRR: 1 / rank of the first relevant document (0 when none is ranked).
 * </ul>
 */
public final class Metrics {
  private Metrics() {}

  public static double ndcg(List<String> ranked, Map<String, Integer> gains, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      dcg += discounted(gains.getOrDefault(ranked.get(i), 0), i);
    }
    List<Integer> ideal =
        gains.values().stream().filter(g -> g > 0).sorted(Comparator.reverseOrder()).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += discounted(ideal.get(i), i);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  public static double recall(List<String> ranked, Map<String, Integer> gains, int k) {
    long relevant = gains.values().stream().filter(g -> g > 0).count();
    if (relevant == 0) {
      return 0;
    }
    long found = ranked.stream().limit(k).filter(d -> gains.getOrDefault(d, 0) > 0).count();
    return (double) found / relevant;
  }

  public static double reciprocalRank(List<String> ranked, Map<String, Integer> gains) {
    for (int i = 0; i < ranked.size(); i++) {
      if (gains.getOrDefault(ranked.get(i), 0) > 0) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  private static double discounted(int gain, int index) {
    return (Math.pow(2, gain) - 1) / (Math.log(index + 2) / Math.log(2));
  }
}
