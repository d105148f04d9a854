package io.stratum.app.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.stratum.app.SampleCorpus;
import io.stratum.app.http.McpFixture;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Hostile request values (line breaks that forge a record, terminal escapes, megabytes) sent
 * through every door a server logs from: HTTP paths and headers, an MCP client's name, tool
 * arguments. Whatever the server and its libraries log of them, printed by the shipped layouts, is
 * one record a line, escaped, and bounded.
 */
class LogInjectionIT {
  private static final String FORGED = "x\r\n12:00:00.000 INFO  i.s.a.h.HttpApi - forged\u001b[31m";

  /** Sends {@code head} (request line and headers) as raw bytes, and returns the status line. */
  private static String raw(int port, String head) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = s.getOutputStream();
      out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return response.lines().findFirst().orElse("");
    }
  }

  @Test
  void hostile_request_values_are_logged_escaped_and_bounded_one_record_a_line(@TempDir Path dir)
      throws Exception {
    Logger sdk = (Logger) LoggerFactory.getLogger("io.modelcontextprotocol");
    Level before = sdk.getLevel();
    sdk.setLevel(Level.DEBUG); // it then logs whole requests: the tool arguments too
    List<ILoggingEvent> events;
    List<String> statuses;
    try (McpFixture f =
            McpFixture.start(dir.resolve("data"), SampleCorpus.extractTo(dir.resolve("corpus")));
        LogLayouts.Capture capture = LogLayouts.capture()) {
      String evil = URLEncoder.encode(FORGED, StandardCharsets.UTF_8);
      statuses =
          List.of(
              raw(
                  f.port(),
                  "GET /api/workspaces/"
                      + evil
                      + "?q="
                      + evil
                      + " HTTP/1.1\r\nHost: a\r\n"
                      + "Origin: https://evil.example/\u0085"
                      + "o".repeat(3000)
                      + "\r\nX-Request-Id: \u0085"
                      + "r".repeat(3000)
                      + "\r\n"),
              raw(
                  f.port(),
                  "GET /api/workspaces HTTP/1.1\r\nHost: a\r\nOrigin: https://e/\u001b[2J\r\n"
                      + "X-Request-Id: \u001b[31m"
                      + "r".repeat(5000)
                      + "\r\nAuthorization: Bearer \u001b[31m\u0085\r\n"),
              raw(f.port(), "GET /api/\u001b[31m HTTP/1.1\r\nHost: a\r\nUser-Agent: \u001b\r\n"),
              raw(f.port(), "GET /healthz HTTP/1.1\r\nHost: a\r\nX-Forged: a\rb\r\n"),
              String.valueOf(
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(
                                  URI.create(
                                      "http://127.0.0.1:"
                                          + f.port()
                                          + "/api/documents/"
                                          + evil
                                          + "?x="
                                          + "p".repeat(5000)))
                              .header("Authorization", "Bearer " + f.danaToken())
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .statusCode()));
      McpSyncClient client =
          McpClient.sync(f.transport(f.danaToken()))
              .clientInfo(new McpSchema.Implementation(FORGED + "n".repeat(900_000), "1\n2"))
              .requestTimeout(Duration.ofSeconds(60))
              .build();
      client.initialize();
      client.callTool(
          McpSchema.CallToolRequest.builder()
              .name("search")
              .arguments(Map.of("query", FORGED + "q".repeat(500_000)))
              .build());
      assertThatThrownBy(
              () ->
                  client.callTool(
                      McpSchema.CallToolRequest.builder()
                          .name(FORGED)
                          .arguments(Map.of("workspace", FORGED))
                          .build()))
          .hasMessage("Unknown tool: invalid_tool_name");
      client.closeGracefully();
      events = capture.events();
    } finally {
      sdk.setLevel(before);
    }

    Encoder<ILoggingEvent> text = LogLayouts.encoder("text");
    Encoder<ILoggingEvent> json = LogLayouts.encoder("json");
    List<String> printed = events.stream().map(e -> LogLayouts.print(text, e)).toList();
    assertThat(statuses)
        .as("Jetty refuses control characters in the request line and headers itself")
        .containsExactly(
            "HTTP/1.1 403 Forbidden",
            "HTTP/1.1 400 Bad Request",
            "HTTP/1.1 400 Bad Request",
            "HTTP/1.1 400 Bad Request",
            "404");
    assertThat(printed)
        .as("records")
        .anySatisfy(l -> assertThat(l).contains("Client initialize request"))
        .anySatisfy(l -> assertThat(l).contains("refused GET /api/workspaces/"))
        .allSatisfy(
            record -> {
              List<String> lines = record.lines().toList();
              assertThat(lines.get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} [A-Z]+ .*");
              assertThat(lines.get(0)).hasSizeLessThan(2300);
              assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("\t"));
              assertThat(record).doesNotContain("\u001b").doesNotContain("\r");
            });
    assertThat(printed)
        .filteredOn(l -> l.contains("Client initialize request"))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("x\\r\\n12:00:00.000 INFO  i.s.a.h.HttpApi - forged\\u001b[31m")
                    .contains("…[+"));
    assertThat(events.stream().filter(e -> e.getThrowableProxy() == null))
        .allSatisfy(
            e ->
                assertThat(LogLayouts.print(json, e))
                    .containsOnlyOnce("\n")
                    .hasSizeLessThan(3000)
                    .doesNotContain("\u001b"));
  }
}
