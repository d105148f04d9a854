package io.stratum.app.http;

import io.stratum.app.Engine;
import io.stratum.app.SampleCorpus;
import io.stratum.app.Stratum;
import io.stratum.app.config.ModelConfig;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.simulator.BedrockSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asks, through a proxy that cuts idle connections, a simulated reasoning model that stays silent
 * for a while: the setup both keepalive suites share.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProxyKeepAliveHarness {
  final Duration silence;
  final Duration proxyIdle;
  BedrockSimulator sim;

  ProxyKeepAliveHarness(Duration silence, Duration proxyIdle) {
    this.silence = silence;
    this.proxyIdle = proxyIdle;
  }

  Path corpus;

  @BeforeAll
  void start(@TempDir Path tmp) {
    sim = BedrockSimulator.builder().reasoningSilence(silence).build().start();
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
    return Engine.loadConfig(Optional.of(f), Map.of());
  }

  record Stream(List<String> lines, boolean done, int keepAlives, String text) {}

  Stream askThroughProxy(Path dir, double keepAliveSeconds) throws Exception {
    Map<String, String> env = Map.of("AWS_BEARER_TOKEN_BEDROCK", sim.apiKey());
    try (Stratum stratum = Engine.open(dir.resolve("data"), config(dir, keepAliveSeconds), env)) {
      stratum.documents().ingest(MarkdownConnector.byDirectory(corpus), p -> {});
      String token = stratum.firstRun().orgAdmin(null).orElseThrow().token();
      try (HttpApi api = HttpApi.start(stratum, "127.0.0.1", 0);
          IdleCuttingProxy proxy = new IdleCuttingProxy(api.port(), proxyIdle)) {
        HttpResponse<InputStream> r =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:"
                                    + proxy.port()
                                    + "/api/workspaces/security/ask"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
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
}
