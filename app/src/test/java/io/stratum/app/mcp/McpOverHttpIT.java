package io.stratum.app.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.stratum.access.Principal;
import io.stratum.app.SampleCorpus;
import io.stratum.app.http.McpFixture;
import io.stratum.audit.AuditLog;
import io.stratum.audit.AuditRecord;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP Java SDK client, over Streamable HTTP at {@code /mcp}, as a member of the
 * security workspace only: every tool works within that member's rights, a workspace they cannot
 * read is a tool error naming it, and every call is in the audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpOverHttpIT {
  McpFixture fixture;
  McpSyncClient dana;
  final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start(@TempDir Path dir) {
    fixture = McpFixture.start(dir.resolve("data"), SampleCorpus.extractTo(dir.resolve("corpus")));
    dana = client(fixture.danaToken(), progress::add);
  }

  McpSyncClient client(String token, Consumer<McpSchema.ProgressNotification> p) {
    McpSyncClient c =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + fixture.port())
                    .endpoint("/mcp")
                    .httpRequestCustomizer(
                        (b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + token))
                    .build())
            .requestTimeout(Duration.ofSeconds(60))
            .progressConsumer(p)
            .build();
    c.initialize();
    return c;
  }

  @AfterAll
  void stop() {
    dana.closeGracefully();
    fixture.close();
  }

  private List<AuditRecord> audit(String action) {
    return fixture
        .stratum()
        .auditLog()
        .query(new AuditLog.Query(null, null, "dana", null, action, 0, 10_000));
  }

  private static JsonNode structured(CallToolResult r) {
    return McpFixture.JSON.valueToTree(r.structuredContent());
  }

  private static String text(CallToolResult r) {
    return ((McpSchema.TextContent) r.content().get(0)).text();
  }

  @Test
  void lists_five_tools_with_input_and_output_schemas() {
    List<McpSchema.Tool> tools = dana.listTools().tools();

    assertThat(tools)
        .extracting(McpSchema.Tool::name)
        .containsExactly("search", "ask", "get_document", "list_workspaces", "list_sources");
    assertThat(tools).allSatisfy(t -> assertThat(t.outputSchema()).isNotEmpty());
    assertThat(tools.get(0).inputSchema().get("required")).isEqualTo(List.of("query"));
    assertThat(dana.getServerInfo().name()).isEqualTo("stratum");
  }

  @Test
  void search_returns_passages_from_the_readable_workspace_and_is_audited_as_mcp() {
    CallToolResult r =
        dana.callTool(
            CallToolRequest.builder()
                .name("search")
                .arguments(Map.of("query", "key rotation", "workspaces", List.of("security")))
                .build());

    JsonNode out = structured(r);
    assertThat(r.isError()).isFalse();
    assertThat(out.get("results")).isNotEmpty();
    assertThat(out.get("results"))
        .allSatisfy(p -> assertThat(p.get("workspace").asText()).isEqualTo("security"));
    assertThat(out.at("/results/0/text").asText()).isNotBlank();
    assertThat(text(r)).startsWith("{\"query\":\"key rotation\"");
    AuditRecord call = audit("mcp.tool_called").getLast();
    assertThat(call.metadata()).contains("\"tool\":\"search\"").contains("\"via\":\"mcp\"");
    assertThat(call.outcome()).isEqualTo("success");
    assertThat(audit("search").getLast().metadata()).contains("\"via\":\"mcp\"");
  }

  @Test
  void a_workspace_the_token_cannot_read_is_a_tool_error_naming_it_with_no_data() {
    CallToolResult r =
        dana.callTool(
            CallToolRequest.builder()
                .name("search")
                .arguments(Map.of("query", "backups", "workspaces", List.of("compliance")))
                .build());

    assertThat(r.isError()).isTrue();
    assertThat(r.structuredContent()).isNull();
    assertThat(text(r)).isEqualTo("'dana' may not read workspace 'compliance'");
    assertThat(audit("search").getLast().outcome()).isEqualTo("denied");
    AuditRecord call = audit("mcp.tool_called").getLast();
    assertThat(call.outcome()).isEqualTo("denied");
    assertThat(call.workspace()).isEqualTo("compliance");
  }

  private static CallToolRequest.Builder askAboutKeyRotation() {
    return CallToolRequest.builder()
        .name("ask")
        .arguments(
            Map.of(
                "question",
                "How often are customer master keys rotated?",
                "workspaces",
                List.of("security")));
  }

  @Test
  void ask_answers_with_citations_and_reports_progress_while_it_works() throws Exception {
    progress.clear();
    CallToolResult r = dana.callTool(askAboutKeyRotation().progressToken("ask-1").build());

    JsonNode out = structured(r);
    assertThat(r.isError()).isFalse();
    assertThat(out.get("refused").asBoolean()).isFalse();
    assertThat(out.get("answer").asText()).contains("[1]");
    assertThat(out.at("/citations/0/documentId").asText())
        .isEqualTo("security:security/adr-0003-key-management.md");
    assertThat(out.get("model").asText()).isEqualTo("stratum-local-extractive");
    // The client hands each notification to the consumer on its own thread: they may arrive
    // after the result, and out of order. Their progress values carry the server's order.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!allUpToDone(progress) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    List<McpSchema.ProgressNotification> sent =
        progress.stream()
            .sorted(Comparator.comparingDouble(McpSchema.ProgressNotification::progress))
            .toList();
    assertThat(sent).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("ask-1"));
    assertThat(sent).extracting(McpSchema.ProgressNotification::progress).doesNotHaveDuplicates();
    assertThat(sent.getFirst().message()).matches("retrieved \\d+ passages");
    assertThat(sent.getLast().message()).isEqualTo("done");
    assertThat(audit("chat.answer").getLast().metadata()).contains("\"via\":\"mcp\"");
  }

  /** Whether "done" has arrived, and every notification the server sent before it. */
  private static boolean allUpToDone(List<McpSchema.ProgressNotification> got) {
    return got.stream()
        .filter(p -> "done".equals(p.message()))
        .anyMatch(done -> got.size() >= done.progress());
  }

  @Test
  void a_follow_up_ask_continues_the_conversation_the_first_one_started() {
    JsonNode first = structured(dana.callTool(askAboutKeyRotation().build()));
    String id = first.get("conversationId").asText();

    JsonNode second =
        structured(
            dana.callTool(
                CallToolRequest.builder()
                    .name("ask")
                    .arguments(Map.of("question", "And who approves that?", "conversationId", id))
                    .build()));
    CallToolResult unknown =
        dana.callTool(
            CallToolRequest.builder()
                .name("ask")
                .arguments(Map.of("question", "Anything?", "conversationId", "nope"))
                .build());

    assertThat(second.get("conversationId").asText()).isEqualTo(id);
    assertThat(
            fixture
                .stratum()
                .conversations()
                .find(Principal.LOCAL_OPERATOR, id)
                .orElseThrow()
                .messages())
        .hasSize(4);
    assertThat(unknown.isError()).isTrue();
    assertThat(text(unknown)).isEqualTo("no conversation 'nope' of yours to continue");
  }

  @Test
  void get_document_returns_its_text_and_a_resource_read_returns_the_same() {
    String id = "security:security/adr-0003-key-management.md";
    CallToolResult r =
        dana.callTool(
            CallToolRequest.builder().name("get_document").arguments(Map.of("id", id)).build());
    McpSchema.ReadResourceResult res =
        dana.readResource(
            new McpSchema.ReadResourceRequest(
                "stratum://doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8)));

    assertThat(structured(r).get("workspace").asText()).isEqualTo("security");
    assertThat(structured(r).get("chunks")).isNotEmpty();
    assertThat(((McpSchema.TextResourceContents) res.contents().get(0)).text())
        .startsWith(structured(r).at("/chunks/0").asText());
  }

  @Test
  void get_document_of_another_workspace_is_not_found_exactly_as_a_missing_one() {
    CallToolResult r =
        dana.callTool(
            CallToolRequest.builder()
                .name("get_document")
                .arguments(Map.of("id", fixture.complianceDocument()))
                .build());

    assertThat(r.isError()).isTrue();
    assertThat(text(r)).isEqualTo("no document with id '" + fixture.complianceDocument() + "'");
  }

  @Test
  void list_workspaces_and_sources_show_only_what_the_token_may_read() {
    JsonNode ws =
        structured(dana.callTool(CallToolRequest.builder().name("list_workspaces").build()));
    JsonNode sources =
        structured(dana.callTool(CallToolRequest.builder().name("list_sources").build()));

    assertThat(ws.get("workspaces"))
        .extracting(w -> w.get("id").asText() + ":" + w.get("role").asText())
        .containsExactly("security:member");
    assertThat(sources.get("sources")).isNotEmpty();
    assertThat(sources.get("sources"))
        .allSatisfy(s -> assertThat(s.get("workspace").asText()).isEqualTo("security"));
  }

  @Test
  void a_token_revoked_mid_session_stops_the_next_call() throws Exception {
    String[] token = fixture.issueDanaToken();
    McpSyncClient c = client(token[1], p -> {});
    CallToolResult before = c.callTool(CallToolRequest.builder().name("list_workspaces").build());

    fixture.revokeToken(token[0]);

    assertThat(before.isError()).isFalse();
    assertThatThrownBy(() -> c.callTool(CallToolRequest.builder().name("list_workspaces").build()))
        .hasMessage("Authorization error when sending message");
    c.close();
  }

  @Test
  void a_request_without_a_valid_token_is_401_before_the_protocol_and_audited() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.port() + "/mcp"))
                    .header("Authorization", "Bearer stt_" + "x".repeat(40))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"stratum\"");
    assertThat(r.body()).contains("\"status\":401");
    assertThatThrownBy(() -> client("stt_" + "y".repeat(40), p -> {}))
        .hasMessage("Client failed to initialize by explicit API call");
    assertThat(
            fixture
                .stratum()
                .auditLog()
                .query(new AuditLog.Query(null, null, null, null, "auth.failed", 0, 100)))
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.metadata()).contains("MCP: ").doesNotContain("stt_"));
  }
}
