package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keepalive case at production timings, in real time: a model silent for 120 s, behind a proxy
 * that cuts connections idle for 60 s (an ALB's default), with the default 10 s keepalive. Takes
 * about two minutes; {@link KeepAliveThroughProxyIT} shows, scaled down, that without keepalives
 * the same proxy cuts the stream.
 */
class KeepAliveAtProductionTimingsIT extends ProxyKeepAliveHarness {
  KeepAliveAtProductionTimingsIT() {
    super(Duration.ofSeconds(120), Duration.ofSeconds(60));
  }

  @Test
  void keepalives_carry_a_silent_reasoning_model_through_an_idle_cutting_proxy(@TempDir Path dir)
      throws Exception {
    Stream s = askThroughProxy(dir, 10);

    assertThat(s.done()).as(String.join("\n", s.lines())).isTrue();
    assertThat(s.keepAlives()).isGreaterThanOrEqualTo(11);
    assertThat(s.text()).contains("Simulated gpt-5 reply");
  }
}
