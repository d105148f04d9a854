package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.stratum.app.SampleCorpus;
import io.stratum.app.Stratum;
import io.stratum.ingest.IngestReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The foundation end to end: the sample corpus ingested into a temporary data directory, the real
 * server on a free port, questions asked over HTTP with server-sent events, answers checked against
 * the documents they must cite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AskOverHttpIT {
  private Served served;
  private Stratum stratum;
  private HttpApi api;
  private SseClient client;
  private IngestReport firstIngest;

  @BeforeAll
  void start(@TempDir Path data) {
    Path corpus = SampleCorpus.extractTo(data.resolve("sample-corpus"));
    served = Served.local(data, corpus);
    stratum = served.stratum();
    api = served.api();
    client = served.admin();
    firstIngest = served.ingest();
  }

  @AfterAll
  void stop() {
    served.close();
  }

  static Stream<Arguments> questions() {
    return Stream.of(
        Arguments.of(
            "security",
            "How often are customer master keys rotated?",
            "security/adr-0003-key-management.md"),
        Arguments.of(
            "security",
            "How long do access tokens live in the customer portal?",
            "security/adr-0005-short-lived-access-tokens.md"),
        Arguments.of(
            "security",
            "What data classification levels do we use?",
            "security/adr-0004-data-classification.md"),
        Arguments.of(
            "security",
            "Who is paged first when a security incident is declared?",
            "security/runbook-incident-response.md"),
        Arguments.of(
            "security",
            "What should I do if a cloud access key is leaked?",
            "security/runbook-compromised-credentials.md"),
        Arguments.of(
            "security",
            "How often do service account credentials rotate?",
            "security/adr-0006-secrets-management.md"),
        Arguments.of(
            "operations",
            "How do we fail over the ledger database?",
            "operations/runbook-database-failover.md"),
        Arguments.of(
            "operations",
            "Why does the payments API require an idempotency key?",
            "operations/adr-0102-idempotency-keys.md"),
        Arguments.of(
            "operations",
            "What do we do when the nightly settlement batch fails?",
            "operations/runbook-settlement-batch-failure.md"),
        Arguments.of(
            "operations",
            "How do I roll back a bad ledger-api deploy?",
            "operations/runbook-deploy-rollback.md"),
        Arguments.of(
            "operations",
            "What is the monthly availability target of the payments API?",
            "operations/slo-payments-api.md"),
        Arguments.of(
            "compliance",
            "How often are backups tested?",
            "compliance/control-cp-9-system-backup.md"),
        Arguments.of(
            "compliance",
            "How does Halyard implement AC-2 account management?",
            "compliance/control-ac-2-account-management.md"),
        Arguments.of(
            "compliance",
            "How often is privileged activity in audit records reviewed?",
            "compliance/control-au-6-audit-review.md"));
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("questions")
  void answers_with_a_citation_of_the_document_that_holds_the_answer(
      String workspace, String question, String expectedPath) throws Exception {
    List<SseClient.Event> events = client.ask(workspace, question);

    assertThat(events).extracting(SseClient.Event::name).startsWith("passage").endsWith("done");
    List<String> cited =
        events.stream()
            .filter(e -> e.name().equals("citation"))
            .map(e -> e.data().get("path").asText())
            .toList();
    assertThat(cited).contains(expectedPath);
    String text = text(events);
    assertThat(text).containsPattern("\\[\\d+\\]");
    JsonNode done = last(events);
    assertThat(done.get("refused").asBoolean()).isFalse();
    assertThat(done.get("model").asText()).isEqualTo("stratum-local-extractive");
    assertThat(done.get("usage").get("outputTokens").asInt()).isPositive();
    assertThat(done.get("conversationId").asText()).hasSize(36);
  }

  @Test
  void every_citation_marker_in_the_text_points_to_a_streamed_passage() throws Exception {
    List<SseClient.Event> events =
        client.ask("security", "How are master keys rotated and who may decrypt?");

    List<Integer> passages =
        events.stream()
            .filter(e -> e.name().equals("passage"))
            .map(e -> e.data().get("n").asInt())
            .toList();
    Matcher m = Pattern.compile("\\[(\\d+)\\]").matcher(text(events));
    int markers = 0;
    while (m.find()) {
      markers++;
      assertThat(passages).contains(Integer.parseInt(m.group(1)));
    }
    assertThat(markers).isPositive();
  }

  @Test
  void refuses_a_question_the_workspace_has_nothing_on() throws Exception {
    List<SseClient.Event> events =
        client.ask("security", "What is on the cafeteria lunch menu on Fridays?");

    assertThat(events).extracting(SseClient.Event::name).containsExactly("delta", "done");
    assertThat(text(events)).isEqualTo("The workspace has nothing on this.");
    JsonNode done = last(events);
    assertThat(done.get("refused").asBoolean()).isTrue();
    assertThat(done.get("refusal").asText()).startsWith("no passage in security covers");
    assertThat(done.get("citations").asInt()).isZero();
  }

  private SseClient.Response askForJson(String workspace, String question, String accept)
      throws Exception {
    return client.post(
        "/api/workspaces/" + workspace + "/ask",
        SseClient.JSON.writeValueAsString(Map.of("question", question)),
        "Accept",
        accept);
  }

  private static JsonNode array(List<SseClient.Event> events, String name) {
    ArrayNode out = SseClient.JSON.createArrayNode();
    events.stream().filter(e -> e.name().equals(name)).forEach(e -> out.add(e.data()));
    return out;
  }

  @Test
  void with_accept_json_ask_answers_with_one_json_object_holding_what_the_stream_holds()
      throws Exception {
    String question = "How often are customer master keys rotated?";
    List<SseClient.Event> events = client.ask("security", question);

    SseClient.Response r = askForJson("security", question, "application/json");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode a = r.json();
    List<String> fields = new ArrayList<>();
    a.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "conversationId",
            "refused",
            "refusal",
            "incomplete",
            "model",
            "backend",
            "citations",
            "removedCitationMarkers",
            "usage",
            "retrievalMs",
            "latencyMs",
            "costUsd",
            "text",
            "passages");
    assertThat(a.get("conversationId").asText())
        .hasSize(36)
        .isNotEqualTo(last(events).get("conversationId").asText());
    assertThat(a.get("refused").asBoolean()).isFalse();
    assertThat(a.get("refusal").asText()).isEmpty();
    assertThat(a.get("model").asText()).isEqualTo("stratum-local-extractive");
    assertThat(a.get("backend").asText()).isEqualTo("local");
    assertThat(a.get("removedCitationMarkers").asInt()).isZero();
    assertThat(a.get("usage")).isEqualTo(last(events).get("usage"));
    assertThat(a.get("text").asText())
        .isEqualTo(text(events))
        .startsWith("Customer master keys are rotated automatically every 365 days [1].");
    assertThat(a.get("citations")).isEqualTo(array(events, "citation"));
    assertThat(a.get("citations").get(0))
        .isEqualTo(
            SseClient.JSON.readTree(
                """
                {"n": 1,
                 "documentId": "security:security/adr-0003-key-management.md",
                 "title": "ADR-0003: Key management with customer master keys and envelope encryption",
                 "section": "ADR-0003: Key management with customer master keys and envelope encryption > Decision > Rotation",
                 "path": "security/adr-0003-key-management.md"}"""));
    assertThat(a.get("passages")).isEqualTo(array(events, "passage")).hasSize(6);
    assertThat(a.get("passages"))
        .allSatisfy(p -> assertThat(p.has("text")).isFalse())
        .allSatisfy(p -> assertThat(p.get("workspace").asText()).isEqualTo("security"));
  }

  @Test
  void with_accept_json_a_refusal_is_one_json_object_with_no_citations_or_passages()
      throws Exception {
    JsonNode a =
        askForJson(
                "security", "What is on the cafeteria lunch menu on Fridays?", "application/json")
            .json();

    assertThat(a.get("refused").asBoolean()).isTrue();
    assertThat(a.get("refusal").asText()).startsWith("no passage in security covers");
    assertThat(a.get("text").asText()).isEqualTo("The workspace has nothing on this.");
    assertThat(a.get("citations")).isEmpty();
    assertThat(a.get("passages")).isEmpty();
  }

  @Test
  void a_client_that_accepts_event_streams_too_is_streamed_to() throws Exception {
    SseClient.Response r =
        askForJson(
            "security", "How often are backups tested?", "application/json, text/event-stream");

    assertThat(r.contentType()).startsWith("text/event-stream");
    assertThat(r.body()).contains("event: done");
  }

  @Test
  void with_accept_json_a_chat_turn_is_one_json_answer_with_the_query_it_ran() throws Exception {
    SseClient.Response started =
        client.post("/api/conversations", "{\"workspaces\": [\"compliance\"], \"title\": \"b\"}");
    String id = started.json().get("id").asText();

    SseClient.Response r =
        client.post(
            "/api/conversations/" + id + "/messages",
            "{\"content\": \"How often are backups tested?\"}",
            "Accept",
            "application/json");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode a = r.json();
    assertThat(a.get("conversationId").asText()).isEqualTo(id);
    assertThat(a.get("query").asText()).isEqualTo("How often are backups tested?");
    assertThat(a.get("text").asText())
        .startsWith("Backups are tested every month: the platform team restores the latest");
    assertThat(a.get("citations").get(0).get("path").asText())
        .isEqualTo("compliance/control-cp-9-system-backup.md");
    JsonNode stored = client.get("/api/conversations/" + id).json().get("messages").get(1);
    assertThat(stored.get("text").asText()).isEqualTo(a.get("text").asText());
  }

  @Test
  void an_operations_question_never_receives_a_security_passage() throws Exception {
    List<String> paths = new ArrayList<>();
    for (String q :
        List.of(
            "How are customer master keys rotated?",
            "What should I do if a cloud access key is leaked?",
            "How do we fail over the ledger database?")) {
      client.ask("operations", q).stream()
          .filter(e -> e.name().equals("passage") || e.name().equals("citation"))
          .forEach(e -> paths.add(e.data().get("path").asText()));
    }
    // passages first, so that an empty retrieval cannot pass for "no leak"
    assertThat(paths)
        .contains("operations/runbook-database-failover.md")
        .allSatisfy(p -> assertThat(p).startsWith("operations/"));
    JsonNode search =
        client.get("/api/workspaces/operations/search?q=master+key+rotation&k=20").json();
    assertThat(search.get("results"))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.get("workspace").asText()).isEqualTo("operations"));
  }

  @Test
  void the_successor_adr_ranks_above_the_one_it_supersedes() throws Exception {
    JsonNode results =
        client
            .get("/api/workspaces/security/search?q=customer+portal+sessions+redis&k=20")
            .json()
            .get("results");

    List<String> paths = new ArrayList<>();
    results.forEach(r -> paths.add(r.get("path").asText()));
    // both present first: indexOf of a missing one is -1, which is "less than" anything
    assertThat(paths)
        .contains(
            "security/adr-0002-server-side-sessions.md",
            "security/adr-0005-short-lived-access-tokens.md");
    assertThat(paths.indexOf("security/adr-0005-short-lived-access-tokens.md"))
        .isLessThan(paths.indexOf("security/adr-0002-server-side-sessions.md"));
    assertThat(
            results
                .get(paths.indexOf("security/adr-0002-server-side-sessions.md"))
                .get("status")
                .asText())
        .isEqualTo("superseded");
  }

  @Test
  void search_returns_ranked_passages_with_their_section() throws Exception {
    SseClient.Response r = client.get("/api/workspaces/operations/search?q=database+failover&k=3");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode results = r.json().get("results");
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("path").asText())
        .isEqualTo("operations/runbook-database-failover.md");
    assertThat(results.get(0).get("section").asText())
        .startsWith("Runbook: ledger database failover");
    assertThat(results.get(0).get("n").asInt()).isEqualTo(1);
  }

  @Test
  void health_reports_the_documents_and_chunks_it_serves() throws Exception {
    JsonNode health = client.get("/healthz").json();

    assertThat(health.get("status").asText()).isEqualTo("ok");
    assertThat(health.get("documents").asInt()).isEqualTo(27);
    assertThat(health.get("chunks").asInt()).isEqualTo(firstIngest.chunksEmbedded());
    assertThat(firstIngest.added()).isEqualTo(27);
    assertThat(firstIngest.problems()).isEmpty();
  }

  @Test
  void lists_the_three_sample_workspaces() throws Exception {
    JsonNode ws = client.get("/api/workspaces").json().get("workspaces");

    assertThat(ws)
        .extracting(w -> w.get("id").asText())
        .containsExactly("compliance", "operations", "security");
  }

  @Test
  void the_asked_exchange_is_stored_as_a_conversation() throws Exception {
    List<SseClient.Event> events = client.ask("compliance", "How often are backups tested?");
    String id = last(events).get("conversationId").asText();

    JsonNode c = client.get("/api/conversations/" + id).json();

    assertThat(c.get("workspace").asText()).isEqualTo("compliance");
    assertThat(c.get("messages").get(0).get("text").asText())
        .isEqualTo("How often are backups tested?");
    assertThat(c.get("messages").get(1).get("text").asText()).isEqualTo(text(events));
    assertThat(c.get("messages").get(1).get("citations").get(0).asText())
        .isEqualTo("compliance:compliance/control-cp-9-system-backup.md");
  }

  static String text(List<SseClient.Event> events) {
    StringBuilder sb = new StringBuilder();
    events.stream()
        .filter(e -> e.name().equals("delta"))
        .forEach(e -> sb.append(e.data().get("text").asText()));
    return sb.toString();
  }

  static JsonNode last(List<SseClient.Event> events) {
    return events.get(events.size() - 1).data();
  }
}
