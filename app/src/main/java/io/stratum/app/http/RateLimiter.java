package io.stratum.app.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.javalin.http.Handler;
import io.stratum.access.Principal;
import io.stratum.app.api.Problem;
import io.stratum.app.api.RateLimitedException;
import io.stratum.app.config.RateLimits;
import io.stratum.app.mcp.StratumMcp;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets (Bucket4j) around the sign-in of {@code /api/*} and {@code /mcp}. Each request
 * takes one of its source address's attempts before its credential is checked, so a flood of wrong
 * tokens is refused without work once the address has spent its failed sign-ins for the minute; a
 * request that signs in gives the attempt back and takes one of its principal's requests instead.
 * An empty bucket is a 429 {@code rate-limited} problem with {@code Retry-After}.
 *
 * <pre>{@code
 * RateLimiter limiter = new RateLimiter(stratum.limits());
 * cfg.routes.before("/api/*", limiter.around(ctx -> ctx.attribute("principal", who(ctx))));
 * handler.addFilter(new FilterHolder(limiter.around(new McpAuthFilter(stratum))), "/mcp", ...);
 * }</pre>
 */
final class RateLimiter {
  private final RateLimits limits;
  private final Buckets addresses;
  private final Buckets principals;

  RateLimiter(RateLimits limits) {
    this(limits, TimeMeter.SYSTEM_NANOTIME);
  }

  RateLimiter(RateLimits limits, TimeMeter clock) {
    this.limits = limits;
    this.addresses = new Buckets(limits.perAddressPerMinute(), clock);
    this.principals = new Buckets(limits.perPrincipalPerMinute(), clock);
  }

  /**
   * Before any work: takes one of {@code address}'s attempts.
   *
   * @throws RateLimitedException when it has spent its failed sign-ins for the minute
   */
  void attempt(String address) {
    long wait = addresses.take(address);
    if (wait > 0) {
      throw new RateLimitedException(
          "address",
          limits.perAddressPerMinute(),
          wait,
          "too many failed sign-ins from %s: at most %d a minute; retry after %d s"
              .formatted(address, limits.perAddressPerMinute(), wait));
    }
  }

  /**
   * After {@code who} signed in from {@code address}: gives the address its attempt back and takes
   * one of the principal's requests.
   *
   * @throws RateLimitedException when the principal has made its requests for the minute
   */
  void signedIn(String address, Principal who) {
    addresses.giveBack(address);
    long wait = principals.take(who.id());
    if (wait > 0) {
      throw new RateLimitedException(
          "principal",
          limits.perPrincipalPerMinute(),
          wait,
          "principal '%s' made more than %d requests in a minute; retry after %d s"
              .formatted(who.id(), limits.perPrincipalPerMinute(), wait));
    }
  }

  /** The API's sign-in handler, limited; a refusal goes to the API's one problem mapper. */
  Handler around(Handler signIn) {
    return ctx -> {
      attempt(ctx.ip());
      signIn.handle(ctx);
      signedIn(ctx.ip(), Routes.principal(ctx));
    };
  }

  /**
   * The MCP sign-in filter, limited: it runs only when the address may still try, and the principal
   * it sets reaches the protocol only when it may still ask.
   */
  Filter around(Filter signIn) {
    return (req, res, chain) -> {
      String address = req.getRemoteAddr();
      try {
        attempt(address);
      } catch (RateLimitedException e) {
        refuse((HttpServletResponse) res, e);
        return;
      }
      signIn.doFilter(
          req,
          res,
          (signedReq, signedRes) -> {
            try {
              signedIn(address, (Principal) signedReq.getAttribute(StratumMcp.PRINCIPAL_ATTRIBUTE));
            } catch (RateLimitedException e) {
              refuse((HttpServletResponse) signedRes, e);
              return;
            }
            chain.doFilter(signedReq, signedRes);
          });
    };
  }

  private static void refuse(HttpServletResponse out, RateLimitedException e) throws IOException {
    Problem p = Problem.of(e);
    out.setStatus(p.status());
    p.headers().forEach(out::setHeader);
    out.setContentType(Problem.CONTENT_TYPE);
    out.getOutputStream().write(HttpApi.write(p.body()).getBytes(StandardCharsets.UTF_8));
  }

  /** How many keys (addresses, principals) have a bucket; for tests of the sweep. */
  int tracked() {
    return addresses.byKey.size() + principals.byKey.size();
  }

  /**
   * One bucket per key: as many tokens as the limit, refilled evenly over a minute. A bucket left
   * alone long enough is full, the same as a new one, so buckets that are full are dropped whenever
   * the map has doubled since the last sweep: memory follows the keys seen in about a minute.
   */
  private static final class Buckets {
    private static final int SWEEP_FLOOR = 4096;
    private final long perMinute;
    private final TimeMeter clock;
    final ConcurrentHashMap<String, Bucket> byKey = new ConcurrentHashMap<>();
    private volatile int sweepAt = SWEEP_FLOOR;

    Buckets(long perMinute, TimeMeter clock) {
      this.perMinute = perMinute;
      this.clock = clock;
    }

    /** 0 when a token was taken, else the whole seconds until one is there (at least 1). */
    long take(String key) {
      if (perMinute == 0) {
        return 0;
      }
      ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
      long nanos = probe.getNanosToWaitForRefill();
      return probe.isConsumed() ? 0 : Math.max(1, (nanos + 999_999_999) / 1_000_000_000);
    }

    void giveBack(String key) {
      Bucket b = perMinute == 0 ? null : byKey.get(key);
      if (b != null) {
        b.addTokens(1);
      }
    }

    private Bucket bucket(String key) {
      Bucket b = byKey.get(key);
      if (b != null) {
        return b;
      }
      if (byKey.size() >= sweepAt) {
        sweep();
      }
      return byKey.computeIfAbsent(
          key,
          k ->
              Bucket.builder()
                  .withCustomTimePrecision(clock)
                  .addLimit(
                      l -> l.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                  .build());
    }

    /**
     * Drops the full buckets. A request holding one it just fetched may still take from it, which
     * forgives that one token at most: cheaper than a lock on every request.
     */
    private synchronized void sweep() {
      if (byKey.size() < sweepAt) {
        return;
      }
      byKey.values().removeIf(b -> b.getAvailableTokens() >= perMinute);
      sweepAt = Math.max(SWEEP_FLOOR, 2 * byKey.size());
    }
  }
}
