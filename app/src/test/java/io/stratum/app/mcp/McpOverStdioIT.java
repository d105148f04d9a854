package io.stratum.app.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.stratum.app.LocalEngine;
import io.stratum.app.SampleCorpus;
import io.stratum.app.Stratum;
import io.stratum.app.http.McpFixture;
import io.stratum.audit.AuditLog;
import io.stratum.audit.AuditRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stratum mcp --token …} as an IDE launches it: a child process spoken to over its stdin and
 * stdout by the official MCP Java SDK's stdio client.
 */
class McpOverStdioIT {
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  static List<String> command(String... args) {
    List<String> c =
        new ArrayList<>(
            List.of(JAVA, "-cp", System.getProperty("java.class.path"), "io.stratum.app.cli.Main"));
    c.addAll(List.of(args));
    return c;
  }

  /** Sets up the fixture's data under {@code dir}/data, closes it, and returns dana's token. */
  /** A client's opening lines on stdin, then tool call 2: {@code "NAME","arguments":{...}}. */
  static byte[] handshakeThenCall(String nameAndArguments) {
    return String.join(
            "\n",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                + nameAndArguments
                + "}}",
            "")
        .getBytes(StandardCharsets.UTF_8);
  }

  static String danaTokenIn(Path dir) {
    try (McpFixture f =
        McpFixture.start(dir.resolve("data"), SampleCorpus.extractTo(dir.resolve("corpus")))) {
      return f.danaToken();
    }
  }

  @Test
  void an_agent_over_stdio_searches_what_the_token_may_read_and_is_denied_the_rest(
      @TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    String token = danaTokenIn(dir);
    List<String> cmd = command("mcp", "--token", token, "--data", data.toString());
    StdioClientTransport transport =
        new StdioClientTransport(
            ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size())).build(),
            McpJsonDefaults.getMapper());
    Map<String, Map<String, Object>> calls =
        new LinkedHashMap<>(
            Map.of(
                "search", Map.of("query", "key rotation"),
                "ask", Map.of("question", "How often are customer master keys rotated?"),
                "get_document", Map.of("id", "security:security/adr-0003-key-management.md"),
                "list_workspaces", Map.of(),
                "list_sources", Map.of()));
    Map<String, CallToolResult> results = new TreeMap<>();
    CallToolResult denied;
    List<McpSchema.Tool> tools;
    // The child is a JVM opening the data directory: on a loaded machine it answers initialize
    // later than the SDK's default 20 s (1 run in 20 beside two CPU hogs).
    try (McpSyncClient client =
        McpClient.sync(transport)
            .initializationTimeout(Duration.ofSeconds(90))
            .requestTimeout(Duration.ofSeconds(90))
            .build()) {
      client.initialize();
      tools = client.listTools().tools();
      calls.forEach(
          (tool, args) ->
              results.put(
                  tool,
                  client.callTool(CallToolRequest.builder().name(tool).arguments(args).build())));
      denied =
          client.callTool(
              CallToolRequest.builder()
                  .name("list_sources")
                  .arguments(Map.of("workspace", "compliance"))
                  .build());
    }
    transport.awaitForExit();

    assertThat(tools).hasSize(5);
    assertThat(results)
        .hasSize(5)
        .allSatisfy((tool, r) -> assertThat(r.isError()).as(tool + ": " + r.content()).isFalse());
    assertThat(
            McpFixture.JSON
                .valueToTree(results.get("search").structuredContent())
                .at("/workspaces")
                .toString())
        .isEqualTo("[\"security\"]");
    assertThat(
            McpFixture.JSON
                .valueToTree(results.get("ask").structuredContent())
                .at("/refused")
                .asBoolean())
        .isFalse();
    assertThat(denied.isError()).isTrue();
    assertThat(((McpSchema.TextContent) denied.content().get(0)).text())
        .isEqualTo("'dana' may not read workspace 'compliance'");
    try (Stratum s = LocalEngine.open(data)) {
      List<AuditRecord> audited =
          s.auditLog()
              .query(new AuditLog.Query(null, null, "dana", null, "mcp.tool_called", 0, 100));
      assertThat(audited)
          .extracting(r -> r.outcome() + " " + r.workspace())
          .containsExactlyInAnyOrder(
              "success security",
              "success security",
              "success security",
              "success ",
              "success security",
              "denied compliance");
      assertThat(audited).allSatisfy(r -> assertThat(r.metadata()).contains("\"via\":\"mcp\""));
    }
  }

  @Test
  void an_ide_session_works_on_the_data_directory_of_a_running_server(@TempDir Path dir)
      throws Exception {
    try (McpFixture f =
        McpFixture.start(dir.resolve("data"), SampleCorpus.extractTo(dir.resolve("corpus")))) {
      Process p =
          new ProcessBuilder(
                  command(
                      "mcp", "--token", f.danaToken(), "--data", dir.resolve("data").toString()))
              .start();
      try (var in = p.getOutputStream()) {
        in.write(handshakeThenCall("\"list_workspaces\",\"arguments\":{}"));
        in.flush();
        // the answer arrives before stdin closes: closing it ends the session
        BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String reply;
        do {
          reply = out.readLine();
        } while (reply != null && !reply.contains("\"id\":2"));
        assertThat(reply).contains("security");
      }
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    }
  }

  @Test
  void a_client_that_closes_stdin_mid_call_lets_the_call_finish_before_stratum_closes(
      @TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    String token = danaTokenIn(dir);
    Process p =
        new ProcessBuilder(command("mcp", "--token", token, "--data", data.toString()))
            .redirectError(dir.resolve("mcp.err").toFile())
            .redirectOutput(dir.resolve("mcp.out").toFile())
            .start();
    try (var in = p.getOutputStream()) {
      in.write(
          handshakeThenCall(
              "\"ask\",\"arguments\":{\"question\":\"How often are customer master keys rotated?\"}"));
    }
    boolean exited = p.waitFor(90, TimeUnit.SECONDS); // a stuck child fails here, not hangs CI
    p.destroyForcibly();
    List<String> lines = Files.readAllLines(dir.resolve("mcp.out"));
    String err = Files.readString(dir.resolve("mcp.err"));

    // Closing stdin ends the session (the SDK sends nothing after it), but the call already
    // read must run, and be audited, before Stratum closes the index and the embedder under it:
    // closing them under a running embedding crashed the JVM in native code. No fixed grace:
    // Stratum counts the calls read and waits for each to reach its handler.
    assertThat(exited).as(err).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    assertThat(err).doesNotContain("A fatal error has been detected");
    assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{\"jsonrpc\":\"2.0\""));
    try (Stratum s = LocalEngine.open(data)) {
      assertThat(
              s.auditLog()
                  .query(new AuditLog.Query(null, null, "dana", null, "mcp.tool_called", 0, 10)))
          .as("stderr: %s%nstdout: %s", err, lines)
          .extracting(AuditRecord::outcome)
          .containsExactly("success");
    }
  }

  @Test
  void a_rejected_token_stops_before_any_protocol_with_one_line_on_stderr(@TempDir Path dir)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command("mcp", "--data", dir.resolve("data").toString()))
            .redirectOutput(dir.resolve("mcp.out").toFile())
            .redirectError(dir.resolve("mcp.err").toFile());
    pb.environment().put("STRATUM_TOKEN", "stt_" + "z".repeat(40)); // as the docs configure it
    Process p = pb.start();
    p.getOutputStream().close();
    boolean exited = p.waitFor(60, TimeUnit.SECONDS);
    p.destroyForcibly();
    String out = Files.readString(dir.resolve("mcp.out"));
    String err = Files.readString(dir.resolve("mcp.err"));

    assertThat(exited).as(err).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(out).isEmpty();
    assertThat(err.lines().filter(l -> l.startsWith("stratum: ")))
        .containsExactly("stratum: token rejected: unknown token");
  }
}
