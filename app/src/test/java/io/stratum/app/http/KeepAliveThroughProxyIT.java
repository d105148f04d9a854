package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamed answer from a model that reasons silently for longer than a proxy's idle timeout
 * (scaled down: 3 s of silence against a proxy that cuts after 1.5 s idle) survives because the SSE
 * endpoint sends keepalive comments; without them the proxy cuts the stream.
 */
class KeepAliveThroughProxyIT extends ProxyKeepAliveHarness {
  KeepAliveThroughProxyIT() {
    super(Duration.ofSeconds(3), Duration.ofMillis(1500));
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
