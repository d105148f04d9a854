package io.stratum.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerTypeTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "How do we fail over the ledger database?|PROCEDURE",
        "How to rotate a leaked key?|PROCEDURE",
        "What should I do if a cloud access key is leaked?|PROCEDURE",
        "What are the steps when the backlog alert fires?|PROCEDURE",
        "How often are backups tested?|FREQUENCY",
        "How long do access tokens live?|DURATION",
        "How soon must an emergency change be reviewed?|DURATION",
        "By what time must merchants be paid?|TIME",
        "When must regulators be notified?|TIME",
        "How many approvers does break-glass access need?|QUANTITY",
        "What is the monthly availability target of the payments API?|QUANTITY",
        "Who is paged first?|AGENT",
        "Which team restores the backups?|AGENT",
        "Which cipher do services use?|NAME",
        "What data classification levels do we use?|NAME",
        "How does Halyard implement AC-2?|ANY",
        "Why does the payments API require an idempotency key?|ANY",
      })
  void reads_the_type_of_answer_from_the_question(String question, AnswerType expected) {
    assertThat(AnswerType.of(question)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} holds {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Keys are rotated every 365 days.|FREQUENCY",
        "Backups are tested monthly.|FREQUENCY",
        "Incident handling is exercised twice a year.|FREQUENCY",
        "Tokens live for 15 minutes.|DURATION",
        "Reviews finish within ten business days.|DURATION",
        "Merchants must be paid by 10:00 UTC.|TIME",
        "Availability is 99.95 percent.|QUANTITY",
        "Page the on-call security engineer first.|AGENT",
        "Applications use OpenID Connect.|NAME",
      })
  void recognises_a_sentence_that_holds_the_type(String sentence, AnswerType type) {
    assertThat(type.heldBy(sentence)).isTrue();
  }

  @ParameterizedTest(name = "{0} lacks {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Keys are rotated by the platform team.|FREQUENCY",
        "See ADR-0003 and AC-2 for details.|QUANTITY",
        "Tokens are signed with ES256.|DURATION",
        "the decision stands.|NAME",
      })
  void an_identifier_or_a_plain_sentence_is_not_the_type(String sentence, AnswerType type) {
    assertThat(type.heldBy(sentence)).isFalse();
  }
}
