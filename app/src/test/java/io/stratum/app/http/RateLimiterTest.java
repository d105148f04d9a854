package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.bucket4j.TimeMeter;
import io.stratum.access.Principal;
import io.stratum.app.api.Problem;
import io.stratum.app.api.RateLimitedException;
import io.stratum.app.config.RateLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limiter in front of sign-in, on a clock the test moves. */
class RateLimiterTest {
  static final Principal DANA = new Principal("dana", "Dana", false, Map.of());
  static final Principal OLGA = new Principal("olga", "Olga", false, Map.of());

  long nanos;
  final TimeMeter clock =
      new TimeMeter() {
        @Override
        public long currentTimeNanos() {
          return nanos;
        }

        @Override
        public boolean isWallClockBased() {
          return false;
        }
      };

  RateLimiter limiter(long perPrincipal, long perAddress) {
    return new RateLimiter(new RateLimits(perPrincipal, perAddress, Duration.ofSeconds(60)), clock);
  }

  void later(Duration d) {
    nanos += d.toNanos();
  }

  @Test
  void an_address_that_spent_its_failed_sign_ins_is_refused_before_its_credential_is_checked() {
    RateLimiter limiter = limiter(1200, 3);
    for (int i = 0; i < 3; i++) {
      limiter.attempt("198.51.100.4"); // and its sign-in fails
    }

    assertThatThrownBy(() -> limiter.attempt("198.51.100.4"))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> {
              assertThat(e.limit()).isEqualTo("address");
              assertThat(e.retryAfterSeconds()).isEqualTo(20);
            })
        .hasMessage(
            "too many failed sign-ins from 198.51.100.4: at most 3 a minute; retry after 20 s");
    assertThatCode(() -> limiter.attempt("203.0.113.7")).doesNotThrowAnyException();
  }

  @Test
  void an_address_may_try_again_as_its_attempts_refill_over_the_minute() {
    RateLimiter limiter = limiter(1200, 3);
    for (int i = 0; i < 3; i++) {
      limiter.attempt("198.51.100.4");
    }

    later(Duration.ofSeconds(19));
    assertThatThrownBy(() -> limiter.attempt("198.51.100.4"))
        .hasMessageEndingWith("retry after 1 s");
    later(Duration.ofSeconds(1));
    limiter.attempt("198.51.100.4");
    assertThatThrownBy(() -> limiter.attempt("198.51.100.4"))
        .hasMessageEndingWith("retry after 20 s");
  }

  @Test
  void a_sign_in_that_succeeds_gives_its_address_the_attempt_back() {
    RateLimiter limiter = limiter(1200, 3);

    for (int i = 0; i < 100; i++) {
      limiter.attempt("198.51.100.4");
      limiter.signedIn("198.51.100.4", DANA);
    }

    assertThatCode(() -> limiter.attempt("198.51.100.4")).doesNotThrowAnyException();
  }

  @Test
  void a_principal_past_its_requests_for_the_minute_is_told_when_to_retry_and_others_are_not() {
    RateLimiter limiter = limiter(2, 60);
    limiter.attempt("198.51.100.4");
    limiter.signedIn("198.51.100.4", DANA);
    limiter.attempt("198.51.100.4");
    limiter.signedIn("198.51.100.4", DANA);

    limiter.attempt("198.51.100.4");
    assertThatThrownBy(() -> limiter.signedIn("198.51.100.4", DANA))
        .isInstanceOfSatisfying(
            RateLimitedException.class, e -> assertThat(e.limit()).isEqualTo("principal"))
        .hasMessage("principal 'dana' made more than 2 requests in a minute; retry after 30 s");
    assertThatCode(() -> limiter.signedIn("198.51.100.4", OLGA)).doesNotThrowAnyException();
  }

  @Test
  void a_refusal_is_a_429_rate_limited_problem_with_retry_after() {
    RateLimiter limiter = limiter(1200, 1);
    limiter.attempt("198.51.100.4");

    RateLimitedException e =
        (RateLimitedException) catchThrowable(() -> limiter.attempt("198.51.100.4"));
    Problem p = Problem.of(e);

    assertThat(p.status()).isEqualTo(429);
    assertThat(p.headers()).containsExactly(Map.entry("Retry-After", "60"));
    assertThat(p.body())
        .containsEntry("type", "urn:stratum:problem:rate-limited")
        .containsEntry("title", "Too many requests")
        .containsEntry(
            "detail",
            "too many failed sign-ins from 198.51.100.4: at most 1 a minute; retry after 60 s")
        .containsEntry("limit", "address")
        .containsEntry("perMinute", 1L);
  }

  @Test
  void zero_turns_a_limit_off() {
    RateLimiter limiter = new RateLimiter(RateLimits.NONE, clock);

    for (int i = 0; i < 10_000; i++) {
      limiter.attempt("198.51.100.4");
      limiter.signedIn("198.51.100.4", DANA);
    }

    assertThat(limiter.tracked()).isZero();
  }

  @Test
  void buckets_that_refilled_are_dropped_so_memory_follows_the_addresses_of_the_last_minute() {
    RateLimiter limiter = limiter(1200, 60);
    for (int i = 0; i < 8192; i++) {
      limiter.attempt("10.0." + (i / 256) + "." + (i % 256));
    }
    assertThat(limiter.tracked()).isEqualTo(8192);

    later(Duration.ofSeconds(2));
    limiter.attempt("203.0.113.7");

    assertThat(limiter.tracked()).isEqualTo(1);
  }
}
