package io.stratum.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.access.Principal;
import io.stratum.answer.Answer;
import io.stratum.corpus.MarkdownConnector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * How often the local answer model's answer holds the fact a question asks for, on the sample
 * corpus, through the real pipeline: the corpus ingested into a temporary data directory as {@code
 * stratum demo} does, each question asked through the answering use case. Every fact below was read
 * from the sample corpus; an answer passes when it contains all of its question's facts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerQualityIT {
  /** The share of questions whose answer must hold its facts. */
  static final double REQUIRED = 0.9;

  record Case(String workspace, String question, List<String> facts) {
    Case(String workspace, String question, String... facts) {
      this(workspace, question, List.of(facts));
    }
  }

  static final List<Case> CASES =
      List.of(
          // The demo's own questions: the one it answers in the terminal, the one it prints as
          // curl.
          new Case("security", "How often are customer master keys rotated?", "every 365 days"),
          new Case(
              "operations",
              "How do we fail over the ledger database?",
              "Confirm the primary is really down",
              "Freeze writes",
              "Promote the standby with the smallest replication lag",
              "Point the ledger-api write endpoint at the new primary",
              "Rebuild the old primary as a standby"),
          // security
          new Case(
              "security", "How long do access tokens live in the customer portal?", "15 minutes"),
          new Case("security", "How long does a refresh token live?", "12 hours"),
          new Case("security", "How often are the portal's signing keys rotated?", "90 days"),
          new Case(
              "security",
              "Who is paged first when a security incident is declared?",
              "on-call security engineer"),
          new Case(
              "security",
              "What is the first thing to do when a cloud access key is leaked?",
              "Deactivate the access key"),
          new Case("security", "How often do partner API keys rotate?", "180 days"),
          new Case(
              "security",
              "What data classification levels do we use?",
              "Public",
              "Internal",
              "Confidential",
              "Restricted"),
          new Case("security", "How many approvers does break-glass access need?", "two approvers"),
          new Case(
              "security",
              "When must regulators be notified after personal data is exposed?",
              "72 hours"),
          new Case(
              "security",
              "How long do managers have to complete the quarterly access review?",
              "ten business days"),
          new Case(
              "security", "Which cipher do services use to encrypt data locally?", "AES-256-GCM"),
          new Case(
              "security",
              "Which protocol do internal applications use for single sign-on?",
              "OpenID Connect"),
          new Case(
              "security",
              "What should I do if a cloud access key is leaked?",
              "Deactivate the access key",
              "Open a SEV2 incident",
              "Query the cloud audit trail",
              "Issue a replacement key"),
          new Case(
              "security",
              "How do we declare a security incident?",
              "Declare the incident in the #sec-incident channel",
              "Page the on-call security engineer first",
              "assigns a severity within 15 minutes"),
          new Case(
              "security",
              "How often are updates given during a SEV2 incident?",
              "every four hours"),
          new Case("security", "Who is paged for a SEV1 incident?", "the CISO and legal"),
          new Case("security", "How long is the previous signing key kept published?", "one day"),
          new Case(
              "security",
              "What happens when a refresh token is reused?",
              "revokes the whole token family"),
          new Case(
              "security", "Who may call Decrypt on a store's master key?", "owning service role"),
          new Case(
              "security",
              "What happens to access entries nobody reviewed?",
              "removed automatically on day fifteen"),
          new Case("security", "What blocks commits that contain credentials?", "pre-commit hook"),
          new Case(
              "security",
              "How quickly is a key rotated after a suspected compromise?",
              "within 24 hours"),
          // operations
          new Case("operations", "What is the RTO of the ledger database?", "15 minutes"),
          new Case(
              "operations", "What is the recovery point objective of the ledger database?", "zero"),
          new Case("operations", "How long are idempotency keys stored?", "24 hours"),
          new Case(
              "operations",
              "What is the monthly availability target of the payments API?",
              "99.95 percent"),
          new Case(
              "operations", "How large is the payments API's monthly error budget?", "21 minutes"),
          new Case(
              "operations",
              "How do I roll back a bad ledger-api deploy?",
              "deployctl rollback ledger-api"),
          new Case(
              "operations",
              "How many days of write-ahead log does point-in-time recovery keep?",
              "35 days"),
          new Case(
              "operations",
              "How long are ledger events delayed by the outbox relay?",
              "200 milliseconds"),
          new Case("operations", "By what time must merchants be paid?", "10:00 UTC"),
          new Case(
              "operations",
              "What is the write throughput of the ledger primary?",
              "4,000 ledger transactions per second"),
          new Case(
              "operations",
              "How many standbys does the ledger database have?",
              "two synchronous standbys"),
          new Case(
              "operations",
              "How long must the ledger primary be unreachable before we fail over?",
              "60 seconds"),
          new Case(
              "operations",
              "What are the steps when the outbox backlog alert fires?",
              "Check that the outbox relay pods are running",
              "Check the broker's health and disk",
              "scale that consumer"),
          new Case(
              "operations",
              "What do we do when the nightly settlement batch fails?",
              "Read the job log",
              "re-run only the upload step",
              "do not re-run"),
          new Case(
              "operations",
              "How many hours a month did duplicate charges cost support?",
              "40 hours"),
          new Case(
              "operations",
              "How soon after a deploy should we roll back when errors rise?",
              "30 minutes"),
          new Case("operations", "How fast do outbox backlogs drain?", "3,000 events per second"),
          new Case(
              "operations",
              "What p99 latency makes the PaymentsApiLatencyHigh alert fire?",
              "800 ms"),
          new Case(
              "operations",
              "When should ledger-api be scaled horizontally?",
              "CPU is above 70 percent"),
          new Case(
              "operations",
              "What happens when more than half of the error budget is spent?",
              "feature deploys pause"),
          new Case(
              "operations", "How many waiting outbox rows trigger the backlog alert?", "10,000"),
          // compliance
          new Case("compliance", "How often are backups tested?", "every month"),
          new Case("compliance", "How long are audit records retained?", "one year", "seven years"),
          new Case(
              "compliance",
              "How quickly are accounts disabled after someone leaves?",
              "within one hour"),
          new Case("compliance", "How often is privileged activity reviewed?", "weekly review"),
          new Case(
              "compliance", "Which TLS version is used for data in transit?", "TLS 1.2 or newer"),
          new Case("compliance", "How often is incident handling exercised?", "twice a year"),
          new Case(
              "compliance", "How soon must an emergency change be reviewed?", "two business days"),
          new Case(
              "compliance",
              "How long may a backup restore take before it becomes an incident?",
              "four hours"),
          new Case(
              "compliance",
              "What must administrators use as their second factor?",
              "FIDO2 security keys"),
          new Case(
              "compliance",
              "Who reviews the SIEM alert queue every business day?",
              "security operations team"),
          new Case(
              "compliance",
              "Which team restores the backups when they are tested?",
              "platform team"),
          new Case("compliance", "How often is the logged-event list reviewed?", "every year"),
          new Case(
              "compliance",
              "How often are audit findings reported to the risk committee?",
              "monthly"),
          new Case(
              "compliance",
              "How many approving reviews does a production change need?",
              "at least one approving review"),
          new Case("compliance", "How often is the HR termination report reconciled?", "monthly"),
          new Case("compliance", "Where is the daily backup snapshot copied?", "second region"),
          new Case("compliance", "What feeds the SIEM for system monitoring?", "Network flow logs"),
          new Case(
              "compliance",
              "What validation do the cryptographic modules have?",
              "FIPS 140-3 validated"),
          new Case(
              "compliance",
              "How is outbound traffic from the cardholder data environment handled?",
              "denied by default"));

  private Stratum stratum;

  @BeforeAll
  void ingest(@TempDir Path data) {
    Path corpus = SampleCorpus.extractTo(data.resolve("sample-corpus"));
    stratum = LocalEngine.open(data);
    stratum.documents().ingest(MarkdownConnector.byDirectory(corpus), p -> {});
  }

  @AfterAll
  void close() {
    stratum.close();
  }

  @Test
  void the_local_model_answers_with_the_asked_fact_for_nine_questions_in_ten() {
    List<String> misses = new ArrayList<>();
    for (Case c : CASES) {
      Answer a =
          stratum
              .answering()
              .ask(Principal.LOCAL_OPERATOR, c.workspace(), c.question(), e -> {})
              .answer();
      String text = a.text().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
      List<String> missing =
          c.facts().stream().filter(f -> !text.contains(f.toLowerCase(Locale.ROOT))).toList();
      if (!missing.isEmpty()) {
        misses.add(
            "["
                + c.workspace()
                + "] "
                + c.question()
                + "\n    missing "
                + missing
                + "\n    got: "
                + a.text());
      }
    }
    int passed = CASES.size() - misses.size();
    System.out.printf(
        "answer quality: %d of %d questions (%.0f %%) answered with their fact%n",
        passed, CASES.size(), 100.0 * passed / CASES.size());
    misses.forEach(m -> System.out.println("  miss " + m));

    assertThat(CASES).hasSizeGreaterThanOrEqualTo(20);
    assertThat((double) passed / CASES.size())
        .as("share of questions answered with their fact; misses:%n%s", String.join("\n", misses))
        .isGreaterThanOrEqualTo(REQUIRED);
  }
}
