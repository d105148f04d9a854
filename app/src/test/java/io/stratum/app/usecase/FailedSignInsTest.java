package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failed sign-ins counted per address and window: what a flood of wrong tokens writes. */
class FailedSignInsTest {
  static final Duration MINUTE = Duration.ofSeconds(60);
  static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  volatile Instant now = T0;
  final List<String> firsts = new ArrayList<>();
  final List<FailedSignIns.Repeated> repeated = new CopyOnWriteArrayList<>();
  FailedSignIns failures = counting(MINUTE, () -> now);

  FailedSignIns counting(Duration window, InstantSource clock) {
    return new FailedSignIns(window, clock, firsts::add, repeated::add);
  }

  @AfterEach
  void close() {
    failures.close();
  }

  @Test
  void the_first_failure_of_a_window_is_recorded_at_once_and_the_rest_only_counted() {
    for (int i = 0; i < 500; i++) {
      failures.failed("203.0.113.7", "unknown token " + i);
    }

    assertThat(firsts).containsExactly("unknown token 0");
    assertThat(repeated).isEmpty();
  }

  @Test
  void the_count_is_recorded_once_when_the_window_closes_and_not_before() {
    for (int i = 0; i < 500; i++) {
      failures.failed("203.0.113.7", "unknown token " + i);
    }
    now = T0.plusSeconds(59);
    failures.flushClosed();
    assertThat(repeated).isEmpty();

    now = T0.plusSeconds(60);
    failures.flushClosed();
    failures.flushClosed();

    assertThat(repeated)
        .containsExactly(
            new FailedSignIns.Repeated("203.0.113.7", 499, "unknown token 499", T0, MINUTE));
  }

  @Test
  void the_next_failure_after_the_window_records_its_count_then_opens_a_new_window_at_once() {
    failures.failed("203.0.113.7", "a");
    failures.failed("203.0.113.7", "b");
    failures.failed("203.0.113.7", "c");
    now = T0.plusSeconds(61);

    failures.failed("203.0.113.7", "d");

    assertThat(repeated)
        .containsExactly(new FailedSignIns.Repeated("203.0.113.7", 2, "c", T0, MINUTE));
    assertThat(firsts).containsExactly("a", "d");
  }

  @Test
  void addresses_are_counted_apart() {
    failures.failed("203.0.113.7", "a");
    failures.failed("198.51.100.4", "b");
    failures.failed("198.51.100.4", "c");
    failures.failed("", "from the CLI");

    failures.close();

    assertThat(firsts).containsExactly("a", "b", "from the CLI");
    assertThat(repeated)
        .containsExactly(new FailedSignIns.Repeated("198.51.100.4", 1, "c", T0, MINUTE));
  }

  @Test
  void close_records_the_counts_of_open_windows_so_a_shutdown_loses_none() {
    failures.failed("203.0.113.7", "a");
    failures.failed("203.0.113.7", "b");
    failures.failed("198.51.100.4", "only one");

    failures.close();
    failures.close();

    assertThat(repeated)
        .containsExactly(new FailedSignIns.Repeated("203.0.113.7", 1, "b", T0, MINUTE));
  }

  @Test
  void a_shutdown_goes_on_when_the_counts_cannot_be_recorded() {
    FailedSignIns broken =
        new FailedSignIns(
            MINUTE,
            () -> now,
            firsts::add,
            r -> {
              throw new IllegalStateException("the database is closed");
            });
    broken.failed("203.0.113.7", "a");
    broken.failed("203.0.113.7", "b");

    assertThatCode(broken::close).doesNotThrowAnyException();
  }

  @Test
  void the_timer_records_the_count_when_the_window_closes_without_another_failure()
      throws Exception {
    failures = counting(Duration.ofMillis(100), InstantSource.system());
    failures.failed("203.0.113.7", "a");
    failures.failed("203.0.113.7", "b");

    awaitRepeated();

    assertThat(repeated)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.count()).isEqualTo(1);
              assertThat(r.lastReason()).isEqualTo("b");
            });
  }

  @Test
  void a_timer_that_fires_before_the_window_has_closed_by_the_audit_clock_tries_again()
      throws Exception {
    failures = counting(Duration.ofMillis(100), () -> now);
    failures.failed("203.0.113.7", "a");
    failures.failed("203.0.113.7", "b");

    Thread.sleep(300); // the timer has fired, but by the audit clock the window is still open
    assertThat(repeated).isEmpty();
    now = T0.plusMillis(100);
    awaitRepeated();

    assertThat(repeated)
        .containsExactly(
            new FailedSignIns.Repeated("203.0.113.7", 1, "b", T0, Duration.ofMillis(100)));
  }

  private void awaitRepeated() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (repeated.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
