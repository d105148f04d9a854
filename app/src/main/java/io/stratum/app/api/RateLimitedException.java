package io.stratum.app.api;

/**
 * A caller has spent what the server takes from it a minute: a 429 problem whose {@code
 * Retry-After} says when the next request will be taken.
 *
 * @see io.stratum.app.config.RateLimits
 */
public final class RateLimitedException extends RuntimeException {
  private final String limit;
  private final long perMinute;
  private final long retryAfterSeconds;

  /**
   * @param limit which limit was reached: {@code address} (failed sign-ins) or {@code principal}
   */
  public RateLimitedException(
      String limit, long perMinute, long retryAfterSeconds, String message) {
    super(message);
    this.limit = limit;
    this.perMinute = perMinute;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public String limit() {
    return limit;
  }

  public long perMinute() {
    return perMinute;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
