package io.stratum.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.answer.Answer;
import io.stratum.answer.AnswerEvent;
import io.stratum.dispatch.Usage;
import io.stratum.index.Hit;
import io.stratum.retrieval.Passage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerPrinterTest {
  private static final Passage KEYS =
      new Passage(
          1,
          new Hit(
              "c1",
              "security:keys.md",
              "security",
              "Key management",
              "Key management > Rotation",
              "security/keys.md",
              "accepted",
              "Keys rotate yearly.",
              1f),
          1,
          1);

  private static String print(String text, List<Passage> cited, int removed) {
    StringWriter out = new StringWriter();
    Answer a =
        new Answer(
            "How are keys rotated?",
            text,
            List.of(KEYS, KEYS),
            cited,
            "",
            removed,
            new Usage(10, 5, 0, 0, 0),
            "sim-model",
            "converse",
            100,
            12);
    AnswerPrinter printer = new AnswerPrinter(new PrintWriter(out, true));
    printer.accept(new AnswerEvent.Delta(text));
    printer.accept(new AnswerEvent.Done(a));
    return out.toString();
  }

  @Test
  void lists_each_cited_passage_with_its_path_and_section() {
    assertThat(print("Keys rotate yearly [1].", List.of(KEYS), 0))
        .isEqualTo(
            """
            Keys rotate yearly [1].

            Sources:
              [1] Key management [accepted]
                  security/keys.md  §Key management > Rotation
            (sim-model via converse, 12 ms)
            """);
  }

  @Test
  void says_in_one_line_that_nothing_was_cited_instead_of_an_empty_sources_block() {
    assertThat(print("Keys rotate yearly.", List.of(), 0))
        .isEqualTo(
            """
            Keys rotate yearly.

            Sources: none cited (the answer has no [n] marker naming one of the 2 passages it was given)
            (sim-model via converse, 12 ms)
            """);
  }

  @Test
  void counts_the_markers_that_named_no_passage() {
    assertThat(print("Keys rotate yearly .", List.of(), 1))
        .contains(
            "Sources: none cited (the answer has no [n] marker naming one of the 2 passages it was"
                + " given; 1 marker(s) named no passage and were removed)");
  }
}
