package io.stratum.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.answer.GroundingPrompt;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ModelClient;
import io.stratum.index.Hit;
import io.stratum.retrieval.Passage;
import io.stratum.testkit.ModelClientContract;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveModelTest extends ModelClientContract {
  private final ExtractiveModel model = new ExtractiveModel();

  private static Passage passage(int n, String title, String status, String text) {
    return passage(n, title, title, status, text);
  }

  private static Passage passage(int n, String title, String section, String status, String text) {
    return new Passage(
        n, new Hit("c" + n, "d" + n, "ws", title, section, "p", status, text, 1f), 1, 1);
  }

  private static ChatRequest ask(String question, Passage... passages) {
    return GroundingPrompt.request(question, List.of(passages), 1024);
  }

  private String answer(String question, Passage... passages) {
    return model.chat(ask(question, passages)).text();
  }

  @Override
  protected ModelClient client() {
    return model;
  }

  @Override
  protected ChatRequest answerableRequest() {
    return ask(
        "How often are master keys rotated?",
        passage(
            1,
            "Key management",
            "accepted",
            "Customer master keys are rotated automatically every 365 days. Old versions stay for"
                + " decryption."),
        passage(2, "Tokens", "accepted", "Access tokens live for fifteen minutes."));
  }

  @Test
  void answers_with_the_best_sentences_verbatim_each_citing_its_passage() {
    String text = model.chat(answerableRequest()).text();

    assertThat(text)
        .isEqualTo("Customer master keys are rotated automatically every 365 days [1].");
  }

  @Test
  void refuses_when_no_sentence_shares_a_term_with_the_question() {
    String text =
        answer("Who won the world cup?", passage(1, "Keys", "", "Keys rotate yearly ok."));

    assertThat(text).isEqualTo(GroundingPrompt.REFUSAL);
  }

  @Test
  void refuses_when_there_are_no_passages() {
    assertThat(answer("anything at all")).isEqualTo(GroundingPrompt.REFUSAL);
  }

  @Test
  void prefers_an_accepted_document_over_a_superseded_one() {
    String text =
        answer(
            "How long do sessions last?",
            passage(1, "ADR-2", "superseded", "Sessions last eight hours in Redis storage."),
            passage(2, "ADR-5", "accepted", "Sessions last fifteen minutes with tokens."));

    assertThat(text).startsWith("Sessions last fifteen minutes with tokens [2].");
  }

  @Test
  void reads_list_items_as_sentences_and_skips_code_and_tables() {
    assertThat(
            SentencePicker.sentences(
                """
                Intro sentence has enough words. Second one also has words.
                - **Public**: approved for anyone to read.
                - tiny
                ```
                code line that is long enough to count
                ```
                | a | table | row | here |
                """))
        .containsExactly(
            "Intro sentence has enough words.",
            "Second one also has words.",
            "Public: approved for anyone to read.");
  }

  @Test
  void a_step_under_a_heading_that_names_the_topic_beats_a_stray_word_match() {
    Passage steps =
        passage(
            1,
            "Failover runbook",
            "Ledger database failover > Steps",
            "",
            "Promote the standby with the smallest replication lag.");
    Passage stray =
        passage(2, "Rollback", "Rollback > After", "", "Open a ticket for the failed change.");

    String text = answer("How do we fail over the ledger database?", steps, stray);

    assertThat(text).startsWith("Promote the standby with the smallest replication lag [1].");
  }

  @Test
  void answers_a_procedure_with_every_step_in_order_each_citing_its_passage() {
    Passage steps =
        passage(
            2,
            "Failover runbook",
            "Ledger database failover > Steps",
            "",
            """
            1. Confirm the primary is down from two hosts.
            2. Freeze writes with maintenance mode.
            3. Promote the standby with the smallest lag.
            """);
    Passage scaling =
        passage(
            1,
            "Latency runbook",
            "Latency > Mitigate",
            "",
            "Scale the ledger database horizontally only when CPU is above 70 percent.");

    String text = answer("How do we fail over the ledger database?", scaling, steps);

    assertThat(text)
        .isEqualTo(
            """
            1. Confirm the primary is down from two hosts [2].
            2. Freeze writes with maintenance mode [2].
            3. Promote the standby with the smallest lag [2].""");
  }

  @Test
  void a_procedure_question_answers_with_sentences_when_no_passage_holds_a_list() {
    String text =
        answer(
            "How do we promote the standby database?",
            passage(1, "Failover", "", "Promote the standby database."));

    assertThat(text).isEqualTo("Promote the standby database [1].");
  }

  @Test
  void a_sentence_that_introduces_a_list_brings_the_whole_list() {
    String text =
        answer(
            "What classification levels do we use?",
            passage(
                1,
                "Classification",
                "accepted",
                """
                        We use exactly three classification levels:

                        - **Public**: anyone may read it.
                        - **Internal**: staff only.
                        - **Restricted**: named people only.
                        """));

    assertThat(text)
        .isEqualTo(
            """
            We use exactly three classification levels [1]:
            - Public: anyone may read it [1].
            - Internal: staff only [1].
            - Restricted: named people only [1].""");
  }

  @Test
  void prefers_the_sentence_that_holds_the_type_of_answer_asked_for() {
    String text =
        answer(
            "How often are signing keys rotated?",
            passage(
                1,
                "Signing keys",
                "accepted",
                "Signing keys are rotated by the platform team when signing keys leak."
                    + " Signing keys are rotated every 90 days."));

    assertThat(text).startsWith("Signing keys are rotated every 90 days [1].");
  }

  @Test
  void a_number_right_before_what_how_many_counts_wins() {
    String text =
        answer(
            "How many standbys does the ledger database have?",
            passage(
                1,
                "Failover",
                "Ledger database failover",
                "",
                "Failover takes 15 minutes because the standbys are synchronous."),
            passage(
                2,
                "Ledger",
                "accepted",
                "The ledger cluster has one primary and two synchronous standbys."));

    assertThat(text).startsWith("The ledger cluster has one primary and two synchronous standbys");
  }

  @Test
  void an_acronym_matches_the_words_that_spell_it_and_two_words_their_compound() {
    Passage expectations =
        passage(
            2,
            "Failover runbook",
            "Failover > Expectations",
            "",
            "The recovery time objective is 15 minutes.");
    Passage stray =
        passage(1, "Rebuild", "Rebuild", "", "Rebuild the old primary as a standby afterwards.");

    String text = answer("What is the RTO when we fail over?", stray, expectations);

    assertThat(text).isEqualTo("The recovery time objective is 15 minutes [2].");
  }
}
