package io.stratum.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentTermsTest {
  @Test
  void stems_and_drops_stop_words_so_phrasings_meet() {
    assertThat(ContentTerms.distinct("rotating the keys"))
        .isEqualTo(ContentTerms.distinct("key rotation"));
  }

  @Test
  void coverage_is_the_share_of_question_terms_in_the_passage() {
    Set<String> q = ContentTerms.distinct("backup restore test");
    Set<String> p = ContentTerms.distinct("Backups are tested monthly");

    assertThat(ContentTerms.coverage(q, p)).isEqualTo(2.0 / 3);
  }

  @Test
  void coverage_of_a_question_without_content_terms_is_zero() {
    assertThat(ContentTerms.coverage(ContentTerms.distinct("what is the"), Set.of("x"))).isZero();
  }

  @Test
  void question_words_and_auxiliaries_are_not_content() {
    assertThat(ContentTerms.of("How do we rotate the KMS keys?"))
        .containsExactly("rotat", "km", "kei");
  }
}
