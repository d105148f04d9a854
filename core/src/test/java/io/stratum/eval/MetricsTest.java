package io.stratum.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final Map<String, Integer> GAINS = Map.of("a", 3, "b", 1, "c", 0, "d", 2);

  @Test
  void ndcg_is_one_for_the_ideal_order_and_matches_a_hand_computation_otherwise() {
    assertThat(Metrics.ndcg(List.of("a", "d", "b"), GAINS, 10)).isEqualTo(1.0);
    // dcg = (2^1-1)/log2(2) + 0 + (2^3-1)/log2(4) = 1 + 3.5 = 4.5
    // idcg = 7/1 + 3/log2(3) + 1/2 = 7 + 1.8928 + 0.5 = 9.3928
    assertThat(Metrics.ndcg(List.of("b", "x", "a"), GAINS, 10))
        .isCloseTo(4.5 / 9.392789, within(1e-6));
  }

  @Test
  void ndcg_counts_only_the_top_k() {
    assertThat(Metrics.ndcg(List.of("x", "y", "a"), GAINS, 2)).isZero();
  }

  @Test
  void recall_is_the_share_of_relevant_documents_found_in_the_top_k() {
    assertThat(Metrics.recall(List.of("a", "c", "x", "b"), GAINS, 10)).isEqualTo(2.0 / 3);
    assertThat(Metrics.recall(List.of("a", "c", "x", "b"), GAINS, 1)).isEqualTo(1.0 / 3);
  }

  @Test
  void reciprocal_rank_is_one_over_the_rank_of_the_first_relevant_document() {
    assertThat(Metrics.reciprocalRank(List.of("c", "x", "d"), GAINS)).isEqualTo(1.0 / 3);
    assertThat(Metrics.reciprocalRank(List.of("c", "x"), GAINS)).isZero();
  }

  @Test
  void a_query_without_relevant_documents_scores_zero_not_nan() {
    assertThat(Metrics.ndcg(List.of("a"), Map.of("a", 0), 10)).isZero();
    assertThat(Metrics.recall(List.of("a"), Map.of(), 10)).isZero();
  }
}
