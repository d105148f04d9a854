package io.stratum.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's own controls, and GPT-5's silence while it reasons, as seen on the wire. */
class SimControlTest {
  static BedrockSimulator sim;

  /** Long beside the milliseconds a request takes, so that its absence shows even under load. */
  static final Duration SILENCE = Duration.ofSeconds(3);

  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    sim = BedrockSimulator.builder().reasoningSilence(SILENCE).build().start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(URI.create(sim.endpoint() + path))
        .header("Authorization", "Bearer " + sim.apiKey())
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /**
   * The silence is measured from when the request was sent, a bound a loaded machine can only
   * lengthen: the gap between two arrivals shrinks when the first one is read late (it did, to 0.80
   * s of a 0.90 s silence, in 2 runs of 20 beside two CPU hogs).
   */
  @Test
  void gpt5_says_nothing_between_the_reasoning_item_and_its_answer_for_the_configured_time()
      throws Exception {
    long sent = System.nanoTime();
    HttpResponse<InputStream> r =
        HTTP.send(
            post(
                    "/openai/v1/responses",
                    "{\"model\":\"openai.gpt-5.5\",\"input\":\"think\",\"reasoning\":{\"effort\":\"high\"},\"stream\":true}")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    List<String> events = new ArrayList<>();
    List<Long> at = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("event: ")) {
          events.add(line.substring(7));
          at.add(System.nanoTime());
        }
      }
    }

    int added = events.indexOf("response.output_item.added");
    assertThat(events.get(added + 1)).isEqualTo("response.output_item.done");
    assertThat(Duration.ofNanos(at.get(added + 1) - sent)).isGreaterThanOrEqualTo(SILENCE);
    assertThat(events).endsWith("response.completed");
  }

  @Test
  void the_think_header_overrides_the_silence_per_request() throws Exception {
    // A two-minute silence, so that "overridden" and "not overridden" differ by far more than a
    // loaded machine's slowness: no wall-clock bound near what the request really takes.
    BedrockSimulator slow =
        BedrockSimulator.builder().reasoningSilence(Duration.ofMinutes(2)).build().start();
    try {
      long start = System.nanoTime();
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(slow.endpoint() + "/openai/v1/responses"))
                  .header("Authorization", "Bearer " + slow.apiKey())
                  .header(BedrockSimulator.THINK_HEADER, "0")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"model\":\"openai.gpt-5.5\",\"input\":\"quick\",\"reasoning\":{\"effort\":\"low\"}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
    } finally {
      slow.close();
    }
  }

  @Test
  void faults_armed_over_http_apply_to_the_next_requests_only() throws Exception {
    HttpResponse<String> armed =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(sim.endpoint() + "/_sim/faults"))
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"fault\":\"unavailable\",\"times\":1}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String converse = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}";

    HttpResponse<String> first =
        HTTP.send(
            post("/model/amazon.nova-lite-v1%3A0/converse", converse).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> second =
        HTTP.send(
            post("/model/amazon.nova-lite-v1%3A0/converse", converse).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(armed.body()).isEqualTo("{\"armed\":\"unavailable\",\"times\":1}");
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.headers().firstValue("x-amzn-ErrorType"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("ServiceUnavailableException:"));
    assertThat(second.statusCode()).isEqualTo(200);
  }

  @Test
  void an_unknown_fault_name_is_a_400_listing_the_known_ones() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            post("/model/amazon.nova-lite-v1%3A0/converse", "{}")
                .header(BedrockSimulator.FAULT_HEADER, "explode")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("x-stratum-sim-fault: unknown fault 'explode'; known: throttle, server-error");
  }

  @Test
  void the_request_log_shows_what_reached_the_model_without_the_authorization_header()
      throws Exception {
    sim.clearRequests();
    HTTP.send(
        post(
                "/model/amazon.nova-lite-v1%3A0/converse",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"logged\"}]}]}")
            .build(),
        HttpResponse.BodyHandlers.ofString());

    HttpResponse<String> log =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(sim.endpoint() + "/_sim/requests")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(log.body())
        .contains("\"path\":\"/model/amazon.nova-lite-v1%3A0/converse\"")
        .contains("logged")
        .contains("\"auth\":\"bearer\"");
    assertThat(log.body().toLowerCase())
        .doesNotContain("authorization")
        .doesNotContain(sim.apiKey());
  }
}
