package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.app.Engine;
import io.stratum.app.SampleCorpus;
import io.stratum.app.Stratum;
import io.stratum.app.config.ConfigLoader;
import io.stratum.app.config.ModelConfig;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.testkit.sim.BedrockSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamed answer from a model that reasons silently for longer than a proxy's idle timeout
 * (production: 120 s against a 60 s ALB; here 3 s against 1.5 s) survives because the SSE endpoint
 * sends keepalive comments; without them the proxy cuts the stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeepAliveThroughProxyIT {
  static final Duration SILENCE = Duration.ofSeconds(3);
  static final Duration PROXY_IDLE = Duration.ofMillis(1500);
  BedrockSimulator sim;
  Path corpus;

  @BeforeAll
  void start(@TempDir Path tmp) {
    sim = BedrockSimulator.builder().reasoningSilence(SILENCE).build().start();
    corpus = SampleCorpus.extractTo(tmp.resolve("corpus"));
  }

  @AfterAll
  void stop() {
    sim.close();
  }

  private ModelConfig config(Path dir, double keepAliveSeconds) throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("terraform.tfvars"),
            """
            bedrock_advanced_model_id = "openai.gpt-5.5"
            bedrock_basic_model_id = "openai.gpt-5.5"
            bedrock_default_backend = "responses"
            bedrock_advanced_reasoning_effort = "low"
            bedrock_endpoint_url = "%s"
            bedrock_mantle_endpoint_url = "%s"
            bedrock_stream_keepalive_seconds = %s
            """
                .formatted(sim.endpoint(), sim.endpoint(), keepAliveSeconds));
    return ConfigLoader.load(Optional.of(f), Map.of());
  }

  record Stream(List<String> lines, boolean done, int keepAlives, String text) {}

  private Stream askThroughProxy(Path dir, double keepAliveSeconds) throws Exception {
    Map<String, String> env = Map.of("AWS_BEARER_TOKEN_BEDROCK", sim.apiKey());
    try (Stratum stratum = Engine.open(dir.resolve("data"), config(dir, keepAliveSeconds), env)) {
      stratum.ingest(MarkdownConnector.byDirectory(corpus), p -> {});
      try (HttpApi api = HttpApi.start(stratum, "127.0.0.1", 0);
          IdleCuttingProxy proxy = new IdleCuttingProxy(api.port(), PROXY_IDLE)) {
        HttpResponse<java.io.InputStream> r =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:"
                                    + proxy.port()
                                    + "/api/workspaces/security/ask"))
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"question\":\"How often are customer master keys rotated?\"}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        List<String> lines = new ArrayList<>();
        try (BufferedReader in =
            new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (IOException cut) {
          // the proxy closed the connection mid-stream
        }
        StringBuilder text = new StringBuilder();
        lines.stream().filter(l -> l.startsWith("data: {\"text\"")).forEach(l -> text.append(l));
        return new Stream(
            lines,
            lines.contains("event: done"),
            (int) lines.stream().filter(l -> l.equals(": keepalive")).count(),
            text.toString());
      }
    }
  }

  @Test
  void keepalives_carry_a_silent_reasoning_model_through_an_idle_cutting_proxy(@TempDir Path dir)
      throws Exception {
    Stream s = askThroughProxy(dir, 0.5);

    assertThat(s.done()).as(String.join("\n", s.lines())).isTrue();
    assertThat(s.keepAlives()).isGreaterThanOrEqualTo(4);
    assertThat(s.text()).contains("Simulated gpt-5 reply");
  }

  @Test
  void without_keepalives_the_same_proxy_cuts_the_stream(@TempDir Path dir) throws Exception {
    Stream s = askThroughProxy(dir, 30);

    assertThat(s.done()).isFalse();
    assertThat(s.keepAlives()).isZero();
    assertThat(s.lines()).contains("event: passage");
  }
}
