package io.stratum.app.config;

import java.time.Duration;

/**
 * How much one caller may ask of the server, and how its failed sign-ins are audited: limits keep a
 * flood of wrong tokens from taking the server's time, the window keeps it from filling the disk.
 *
 * @param perPrincipalPerMinute {@code stratum_rate_limit_per_principal_per_minute}: requests one
 *     signed-in principal may make to {@code /api} and {@code /mcp} a minute, in bursts of as many;
 *     0: no limit
 * @param perAddressPerMinute {@code stratum_rate_limit_per_address_per_minute}: failed sign-ins one
 *     source address may make a minute, past which its requests are refused before their credential
 *     is checked; 0: no limit
 * @param authFailureWindow {@code stratum_auth_failure_window_seconds}: an address's first failed
 *     sign-in in a window is audited at once, the rest as one record carrying their count
 */
public record RateLimits(
    long perPrincipalPerMinute, long perAddressPerMinute, Duration authFailureWindow) {
  /**
   * The defaults: far above what a person or a well-behaved script sends (20 requests a second
   * sustained), and a failed sign-in a second once the first 60 are spent.
   */
  public static final RateLimits STANDARD = new RateLimits(1200, 60, Duration.ofSeconds(60));

  /** No request limits (benchmarks; a gateway in front that limits already). */
  public static final RateLimits NONE = new RateLimits(0, 0, STANDARD.authFailureWindow());

  public RateLimits {
    if (perPrincipalPerMinute < 0 || perAddressPerMinute < 0) {
      throw new IllegalArgumentException(
          "rate limits must be >= 0 (0: no limit), got %d per principal and %d per address"
              .formatted(perPrincipalPerMinute, perAddressPerMinute));
    }
    if (authFailureWindow.isNegative() || authFailureWindow.isZero()) {
      throw new IllegalArgumentException(
          "authFailureWindow must be positive, got " + authFailureWindow);
    }
  }

  static RateLimits read(Values v) {
    return new RateLimits(
        v.get(ServiceKeys.RATE_LIMIT_PER_PRINCIPAL),
        v.get(ServiceKeys.RATE_LIMIT_PER_ADDRESS),
        v.get(ServiceKeys.AUTH_FAILURE_WINDOW));
  }
}
