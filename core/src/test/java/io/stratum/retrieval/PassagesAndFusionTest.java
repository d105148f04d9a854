package io.stratum.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.index.Hit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A passage shows its chunk's fields; a retrieval knows its best cosine; fusion checks its knobs.
 */
class PassagesAndFusionTest {
  static Passage passage(int rank, double cosine) {
    return new Passage(
        rank,
        new Hit(
            "c" + rank,
            "d" + rank,
            "security",
            "Key management",
            "Key management > Rotation",
            "docs/keys.md",
            "accepted",
            "Keys rotate yearly.",
            1f),
        1.0 / (60 + rank),
        cosine);
  }

  @Test
  void a_passage_shows_the_fields_of_its_chunk() {
    Passage p = passage(2, 0.5);

    assertThat(p.chunkId()).isEqualTo("c2");
    assertThat(p.documentId()).isEqualTo("d2");
    assertThat(p.workspace()).isEqualTo("security");
    assertThat(p.title()).isEqualTo("Key management");
    assertThat(p.heading()).isEqualTo("Key management > Rotation");
    assertThat(p.path()).isEqualTo("docs/keys.md");
    assertThat(p.status()).isEqualTo("accepted");
    assertThat(p.text()).isEqualTo("Keys rotate yearly.");
  }

  @Test
  void the_best_cosine_skips_passages_the_vector_search_did_not_return() {
    Retrieval r =
        new Retrieval("q", List.of(passage(1, Double.NaN), passage(2, 0.7), passage(3, 0.3)), 5);

    assertThat(r.bestCosine()).isEqualTo(0.7);
    assertThat(new Retrieval("q", List.of(passage(1, Double.NaN)), 5).bestCosine()).isEqualTo(-1);
    assertThat(new Retrieval("q", List.of(), 5).bestCosine()).isEqualTo(-1);
  }

  @Test
  void fusion_takes_k_from_1_and_weights_from_0_but_not_both_0() {
    assertThatNoException().isThrownBy(() -> new Retriever.Fusion(1, 0, 1));
    assertThatNoException().isThrownBy(() -> new Retriever.Fusion(1, 1, 0));
    assertThatNoException().isThrownBy(() -> new Retriever.Fusion(60, 2, 2));

    assertThatThrownBy(() -> new Retriever.Fusion(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fusion k: expected a number >= 1, got 0");
    assertThatThrownBy(() -> new Retriever.Fusion(60, 0, 0))
        .hasMessage(
            "fusion weights: expected numbers >= 0, not both 0, got lexical 0.0 and vector 0.0");
    assertThatThrownBy(() -> new Retriever.Fusion(60, -0.5, 1))
        .hasMessage(
            "fusion weights: expected numbers >= 0, not both 0, got lexical -0.5 and vector 1.0");
    assertThatThrownBy(() -> new Retriever.Fusion(60, 1, -0.5))
        .hasMessage(
            "fusion weights: expected numbers >= 0, not both 0, got lexical 1.0 and vector -0.5");
  }
}
