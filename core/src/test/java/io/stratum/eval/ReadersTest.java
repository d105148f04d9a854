package io.stratum.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {
  static final Path CRANFIELD =
      Path.of(System.getProperty("stratum.shared", "../../shared"), "data", "cranfield");

  @Test
  void reads_cranfield_by_position_with_gain_five_minus_grade() throws Exception {
    assumeTrue(Files.isDirectory(CRANFIELD), "../shared/data/cranfield is not beside the checkout");

    Judged j = Cranfield.judged(CRANFIELD);

    assertThat(j.queries()).hasSize(225);
    assertThat(j.queries().get("1")).startsWith("what similarity laws must be obeyed");
    assertThat(j.gains().get("1")).containsEntry("184", 3).containsEntry("13", 1);
    assertThat(Cranfield.documents(CRANFIELD)).hasSize(1400);
    assertThat(j.half("odd").queries()).hasSize(113).containsKey("1").doesNotContainKey("2");
    assertThat(j.half("even").queries()).hasSize(112).containsKey("2");
  }

  @Test
  void reads_trec_files_and_reports_every_bad_line_with_its_place(@TempDir Path dir)
      throws Exception {
    Path q = Files.writeString(dir.resolve("queries.tsv"), "q1\tkey rotation\nbroken line\n");
    Path r = Files.writeString(dir.resolve("qrels.txt"), "q1 0 security/adr.md 2\nq1 zero\n");

    assertThatThrownBy(() -> Trec.read(q, r))
        .hasMessage(
            "queries.tsv:2: expected qid<TAB>text, got 'broken line'\nqrels.txt:2: expected 'qid 0 docid grade', got 'q1 zero'");
  }

  @Test
  void a_bad_half_is_named() {
    assertThatThrownBy(() -> new Judged(Map.of(), Map.of()).half("third"))
        .hasMessage("--half: expected odd|even|all, got 'third'");
  }
}
