package io.stratum.providers.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.DispatchException;
import io.stratum.dispatch.DispatchSettings;
import io.stratum.dispatch.Dispatcher;
import io.stratum.dispatch.Planner;
import io.stratum.providers.bedrock.BedrockTransports;
import io.stratum.simulator.BedrockSimulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rule 8 and the total deadline against the simulator's fault injection: the total deadline bounds
 * the whole call, retries included, and a timeout after the first byte is never retried.
 */
class TotalDeadlineTest {
  static final String MODEL = "openai.gpt-5.5";
  static final ChatRequest ASK = ChatRequest.of(ChatMessage.user("are you there?"));
  BedrockSimulator sim;

  @BeforeEach
  void start() {
    sim = BedrockSimulator.builder().build().start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  Dispatcher dispatcher(Duration firstByte, Duration idle, Duration total) {
    DispatchSettings settings =
        DispatchSettings.defaults(Backend.RESPONSES)
            .withRetries(3, Duration.ofMillis(5))
            .withTimes(Duration.ofSeconds(1), firstByte, idle, total);
    return new Dispatcher(
        new Planner(ModelCatalog.standard()),
        BedrockTransports.create(
            new BedrockTransports.Connection(
                sim.region(),
                sim.endpoint(),
                sim.endpoint(),
                sim.apiKey(),
                null,
                null,
                "bedrock-mantle")),
        settings);
  }

  long upstreamRequests() {
    return sim.requests().stream().filter(r -> r.path().endsWith("/responses")).count();
  }

  @Test
  void the_total_deadline_bounds_the_whole_call_and_a_missed_total_is_not_retried() {
    sim.arm("slow-first-byte=6000", 4);
    Dispatcher d =
        dispatcher(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(2));
    long start = System.nanoTime();

    assertThatThrownBy(() -> d.client(MODEL, null).chat(ASK))
        .isInstanceOf(DispatchException.Retriable.class)
        .hasMessage(MODEL + " via responses missed the total deadline of 2 s");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(upstreamRequests()).isEqualTo(1);
  }

  @Test
  void a_timeout_after_the_first_byte_is_never_retried() {
    sim.arm("silence=5000", 1);
    Dispatcher d =
        dispatcher(Duration.ofSeconds(30), Duration.ofMillis(800), Duration.ofSeconds(30));

    assertThatThrownBy(() -> d.client(MODEL, null).stream(ASK, e -> {}))
        .isInstanceOf(DispatchException.Retriable.class)
        .hasMessage(MODEL + " via responses missed the idle deadline of 800 ms");

    assertThat(upstreamRequests()).isEqualTo(1);
  }

  @Test
  void retries_before_the_first_byte_stop_when_the_total_deadline_leaves_no_time() {
    sim.arm("slow-first-byte=1500", 4);
    Dispatcher d =
        dispatcher(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMillis(2500));
    long start = System.nanoTime();

    assertThatThrownBy(() -> d.client(MODEL, null).chat(ASK))
        .isInstanceOf(DispatchException.Retriable.class)
        .hasMessageStartingWith(MODEL + " via responses missed the ");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4500));
    assertThat(upstreamRequests()).isBetween(2L, 3L);
  }
}
