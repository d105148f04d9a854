package io.stratum.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CitationFilterTest {
  @Test
  void keeps_markers_that_name_a_passage_and_records_them_in_order() {
    CitationFilter f = new CitationFilter(3);

    String out = f.accept("Keys rotate yearly [2]. Data keys are per object [1][2].");

    assertThat(out).isEqualTo("Keys rotate yearly [2]. Data keys are per object [1][2].");
    assertThat(f.cited()).containsExactly(2, 1);
    assertThat(f.removed()).isZero();
  }

  @Test
  void removes_and_counts_markers_that_name_no_passage() {
    CitationFilter f = new CitationFilter(2);

    String out = f.accept("One [1]. Two [7]. Zero [0].");

    assertThat(out).isEqualTo("One [1]. Two . Zero .");
    assertThat(f.removed()).isEqualTo(2);
    assertThat(f.cited()).containsExactly(1);
  }

  @Test
  void holds_back_a_marker_split_across_deltas_until_it_is_whole() {
    CitationFilter f = new CitationFilter(12);

    String a = f.accept("Rotated [");
    String b = f.accept("1");
    String c = f.accept("2] daily.");

    assertThat(a).isEqualTo("Rotated ");
    assertThat(b).isEmpty();
    assertThat(c).isEqualTo("[12] daily.");
    assertThat(f.cited()).containsExactly(12);
  }

  @Test
  void leaves_brackets_that_are_not_markers_alone() {
    CitationFilter f = new CitationFilter(2);

    String out = f.accept("See [the runbook] and AC-2(1) [x].");

    assertThat(out + f.finish()).isEqualTo("See [the runbook] and AC-2(1) [x].");
    assertThat(f.cited()).isEmpty();
  }

  @Test
  void releases_an_unfinished_bracket_at_the_end_of_the_stream() {
    CitationFilter f = new CitationFilter(2);

    assertThat(f.accept("trailing [1")).isEqualTo("trailing ");
    assertThat(f.finish()).isEqualTo("[1");
  }
}
