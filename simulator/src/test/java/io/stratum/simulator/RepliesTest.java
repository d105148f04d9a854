package io.stratum.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepliesTest {
  static final SimModel CLAUDE =
      SimCatalog.standard()
          .resolve("anthropic.claude-sonnet-4-5-20250929-v1:0")
          .orElseThrow()
          .model();

  /** A grounded prompt as Stratum writes one: numbered passages, then the question. */
  static String grounded(int passages, String question) {
    StringBuilder p = new StringBuilder();
    for (int n = 1; n <= passages; n++) {
      p.append("<passage n=\"")
          .append(n)
          .append("\" title=\"Doc ")
          .append(n)
          .append("\" section=\"Doc ")
          .append(n)
          .append("\">\nPassage text ")
          .append(n)
          .append(".\n</passage>\n");
    }
    return p.append("<question>\n").append(question).append("\n</question>").toString();
  }

  @Test
  void a_reply_to_a_grounded_prompt_quotes_the_question_and_cites_the_first_three_passages() {
    String prompt = grounded(5, "How are keys rotated?");

    String text = Replies.text(CLAUDE, prompt);

    assertThat(text)
        .startsWith(
            "Simulated claude reply to \"How are keys rotated?\" [sha256:"
                + Replies.digest(prompt)
                + "] [1]. ")
        .endsWith(" [2][3].")
        .doesNotContain("[4]", "[5]");
  }

  @Test
  void a_reply_to_a_prompt_with_one_passage_cites_it_in_both_sentences() {
    String text = Replies.text(CLAUDE, grounded(1, "Why?"));

    assertThat(text).contains("] [1]. ").endsWith(" [1].");
  }

  @Test
  void a_reply_to_a_prompt_without_passages_cites_nothing() {
    String text = Replies.text(CLAUDE, "How are keys rotated?");

    assertThat(text)
        .startsWith(
            "Simulated claude reply to \"How are keys rotated?\" [sha256:"
                + Replies.digest("How are keys rotated?")
                + "]. ")
        .doesNotContainPattern("\\[\\d+\\]");
  }

  @Test
  void reads_each_passage_number_once_in_order() {
    assertThat(Replies.passages("<passage n=\"2\" t><passage n=\"1\"><passage n=\"2\">"))
        .containsExactly(2, 1);
  }
}
