package io.stratum.bench;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.stratum.app.http.HttpApi;
import io.stratum.providers.onnx.OnnxEmbedder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same search (6 passages with text, in the security workspace, as the first org admin) over
 * the HTTP API and over MCP's Streamable HTTP with the official Java SDK client on one initialized
 * session: what the MCP layer (JSON-RPC, the SDK's schema validation, the tool-call audit record)
 * costs on top.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Dai.djl.offline=true",
      "-Daws.disableEc2Metadata=true",
      "--add-modules=jdk.incubator.vector",
      "--enable-native-access=ALL-UNNAMED"
    })
public class McpBenchmark {
  private Fixture fixture;
  private HttpApi api;
  private HttpClient http;
  private McpSyncClient mcp;
  private String token;
  private int next;

  @Setup
  public void setUp() {
    fixture = new Fixture(new OnnxEmbedder());
    api = HttpApi.start(fixture.stratum, "127.0.0.1", 0);
    token = fixture.stratum.firstRun().orgAdmin(null).orElseThrow().token();
    http = HttpClient.newHttpClient();
    mcp =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + api.port())
                    .endpoint("/mcp")
                    .httpRequestCustomizer(
                        (b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + token))
                    .build())
            .requestTimeout(Duration.ofSeconds(30))
            .build();
    mcp.initialize();
  }

  @TearDown
  public void tearDown() {
    mcp.closeGracefully();
    api.close();
    fixture.close();
  }

  private String question() {
    next = (next + 1) % QueryBenchmark.QUESTIONS.size();
    return QueryBenchmark.QUESTIONS.get(next);
  }

  @Benchmark
  public String searchOverHttpApi() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + api.port()
                            + "/api/workspaces/security/search?k=6&q="
                            + URLEncoder.encode(question(), StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("search failed: " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  @Benchmark
  public Object searchOverMcp() {
    McpSchema.CallToolResult r =
        mcp.callTool(
            McpSchema.CallToolRequest.builder()
                .name("search")
                .arguments(Map.of("query", question(), "workspaces", List.of("security"), "k", 6))
                .build());
    if (Boolean.TRUE.equals(r.isError())) {
      throw new IllegalStateException("search failed: " + r.content());
    }
    return r.structuredContent();
  }
}
