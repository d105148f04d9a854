package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.app.Stratum;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests get RFC 9457 problems that name the field and the value; nothing else breaks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpProblemsIT {
  private Served served;
  private Stratum stratum;
  private HttpApi api;
  private SseClient client;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    Path docs = data.resolve("docs");
    Files.createDirectories(docs.resolve("ops"));
    Files.writeString(docs.resolve("ops/failover.md"), "# Failover\nPromote the standby.\n");
    served = Served.local(data.resolve("data"), docs);
    stratum = served.stratum();
    api = served.api();
    client = served.admin();
  }

  @AfterAll
  void stop() {
    served.close();
  }

  private static JsonNode problem(SseClient.Response r, int status) throws Exception {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.get("status").asInt()).isEqualTo(status);
    return p;
  }

  @Test
  void an_unknown_workspace_is_a_404_naming_it_and_the_known_ones() throws Exception {
    JsonNode p = problem(client.post("/api/workspaces/nope/ask", "{\"question\":\"hi\"}"), 404);

    assertThat(p.get("type").asText()).isEqualTo("urn:stratum:problem:unknown-workspace");
    assertThat(p.get("title").asText()).isEqualTo("Unknown workspace");
    assertThat(p.get("detail").asText())
        .isEqualTo("workspace 'nope' does not exist; known workspaces: ops");
    assertThat(p.get("workspace").asText()).isEqualTo("nope");
  }

  @Test
  void search_by_source_kind_keeps_other_kinds_out_and_names_an_unknown_kind() throws Exception {
    SseClient.Response markdown = client.get("/api/workspaces/ops/search?q=standby&kind=markdown");
    SseClient.Response jira = client.get("/api/workspaces/ops/search?q=standby&kind=jira,runbook");
    JsonNode p = problem(client.get("/api/workspaces/ops/search?q=standby&kind=ticket"), 400);

    assertThat(markdown.json().get("results")).hasSize(1);
    assertThat(jira.json().get("results")).isEmpty();
    assertThat(p.get("detail").asText())
        .isEqualTo(
            "kind: expected one of markdown, adr, runbook, oscal, code, jira, confluence, got 'ticket'");
    assertThat(p.get("field").asText()).isEqualTo("kind");
  }

  @Test
  void an_empty_question_is_a_400_naming_the_field() throws Exception {
    JsonNode p = problem(client.post("/api/workspaces/ops/ask", "{\"question\":\"  \"}"), 400);

    assertThat(p.get("type").asText()).isEqualTo("urn:stratum:problem:invalid-input");
    assertThat(p.get("detail").asText()).isEqualTo("question: must not be empty");
    assertThat(p.get("field").asText()).isEqualTo("question");
  }

  @Test
  void a_ten_thousand_character_question_is_a_400_naming_the_limit() throws Exception {
    String q = "a".repeat(10_000);

    JsonNode p =
        problem(client.post("/api/workspaces/ops/ask", "{\"question\":\"" + q + "\"}"), 400);

    assertThat(p.get("detail").asText())
        .isEqualTo("question: must be at most 4000 characters, got 10000");
  }

  @Test
  void a_body_that_is_not_json_is_a_400_naming_the_body() throws Exception {
    JsonNode p = problem(client.post("/api/workspaces/ops/ask", "question=hi"), 400);

    assertThat(p.get("field").asText()).isEqualTo("body");
    assertThat(p.get("detail").asText())
        .startsWith("body: expected a JSON object like {\"question\": \"...\"}");
  }

  @Test
  void a_missing_or_mistyped_question_is_a_400() throws Exception {
    assertThat(problem(client.post("/api/workspaces/ops/ask", "{}"), 400).get("detail").asText())
        .isEqualTo("question: is required");
    assertThat(
            problem(client.post("/api/workspaces/ops/ask", "{\"question\":7}"), 400)
                .get("detail")
                .asText())
        .isEqualTo("question: expected a string, got NUMBER");
  }

  @Test
  void search_checks_its_query_and_k() throws Exception {
    assertThat(problem(client.get("/api/workspaces/ops/search"), 400).get("detail").asText())
        .isEqualTo("q: must not be empty");
    assertThat(
            problem(client.get("/api/workspaces/ops/search?q=x&k=abc"), 400).get("detail").asText())
        .isEqualTo("k: expected a number from 1 to 50, got 'abc'");
    assertThat(
            problem(client.get("/api/workspaces/ops/search?q=x&k=500"), 400).get("detail").asText())
        .isEqualTo("k: expected a number from 1 to 50, got 500");
    assertThat(
            problem(client.get("/api/workspaces/nope/search?q=x"), 404).get("workspace").asText())
        .isEqualTo("nope");
  }

  @Test
  void an_unknown_conversation_is_a_404() throws Exception {
    JsonNode p = problem(client.get("/api/conversations/does-not-exist"), 404);

    assertThat(p.get("detail").asText()).isEqualTo("conversation 'does-not-exist' does not exist");
  }

  @Test
  void a_port_in_use_is_one_sentence_naming_the_port_and_how_to_change_it() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> HttpApi.start(stratum, "127.0.0.1", port))
          .isInstanceOf(PortInUseException.class)
          .hasMessage(
              "port "
                  + port
                  + " is already in use; pass --port N or set STRATUM_PORT to serve on another port");
    }
  }
}
