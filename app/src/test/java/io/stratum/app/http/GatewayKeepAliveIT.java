package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.simulator.BedrockSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the model reasons silently (GPT-5.5 at high effort, the simulator silent for 1.5 s), a
 * gateway stream sends {@code : keepalive} comments, which OpenAI's clients ignore, before its
 * first data, on Chat Completions and on Responses alike.
 */
class GatewayKeepAliveIT {
  @Test
  void a_stream_sends_keepalive_comments_while_the_model_reasons_silently(@TempDir Path dir)
      throws Exception {
    BedrockSimulator sim =
        BedrockSimulator.builder().reasoningSilence(Duration.ofMillis(1500)).build().start();
    try (GatewayFixture gw = new GatewayFixture(dir, sim, "0.2");
        HttpClient http = HttpClient.newHttpClient()) {
      String chat =
          post(
              http,
              gw,
              "/chat/completions",
              "{\"model\":\"stratum-advanced\",\"stream\":true,\"reasoning_effort\":\"high\","
                  + "\"messages\":[{\"role\":\"user\",\"content\":\"Design the ledger\"}]}");
      String responses =
          post(
              http,
              gw,
              "/responses",
              "{\"model\":\"stratum-advanced\",\"stream\":true,\"reasoning\":{\"effort\":\"high\"},"
                  + "\"input\":\"Design the ledger\"}");

      assertThat(chat).startsWith(": keepalive\n\n").endsWith("data: [DONE]\n\n");
      assertThat(chat.indexOf("data: {")).isGreaterThan(chat.lastIndexOf(": keepalive"));
      assertThat(responses).startsWith(": keepalive\n\n").contains("event: response.completed\n");
    }
  }

  private static String post(HttpClient http, GatewayFixture gw, String path, String body)
      throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(gw.baseUrl() + path))
                .header("Authorization", "Bearer " + gw.bound)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=utf-8");
    return r.body();
  }
}
