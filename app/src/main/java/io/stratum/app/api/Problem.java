package io.stratum.app.api;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.TokenRejectedException;
import io.stratum.app.usecase.InvalidInputException;
import io.stratum.app.usecase.UnknownModelException;
import io.stratum.app.usecase.UnknownWorkspaceException;
import io.stratum.budget.BudgetExceededException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An RFC 9457 problem: a stable {@code type}, a {@code title} per type, the HTTP {@code status}, a
 * {@code detail} naming the culprit and its value, and extension members (e.g. {@code field}).
 * {@link #of} is the one place a failure of the use cases becomes a problem, for HTTP and MCP both.
 *
 * @param headers what the response carries besides the body ({@code WWW-Authenticate}, {@code
 *     Retry-After})
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    Map<String, Object> extra,
    Map<String, String> headers) {
  public static final String CONTENT_TYPE = "application/problem+json";

  public Problem(String type, String title, int status, String detail, Map<String, Object> extra) {
    this(type, title, status, detail, extra, Map.of());
  }

  /**
   * The problem a failure is; an unexpected one is an {@code internal} problem whose detail names
   * an error id and nothing else (the caller logs the exception under that id).
   */
  public static Problem of(Exception e) {
    return switch (e) {
      case UnknownWorkspaceException u ->
          new Problem(
              "unknown-workspace",
              "Unknown workspace",
              404,
              u.getMessage(),
              Map.of("workspace", u.workspace()));
      case UnknownModelException m ->
          new Problem(
              "unknown-model", "Unknown model", 404, m.getMessage(), Map.of("model", m.model()));
      case InvalidInputException i ->
          new Problem(
              "invalid-input", "Invalid input", 400, i.getMessage(), Map.of("field", i.field()));
      case NotFoundException n ->
          new Problem("not-found", "Not found", 404, n.getMessage(), Map.of());
      case NotReadyException n ->
          new Problem(
              "not-ready",
              "Not ready",
              503,
              n.getMessage(),
              Map.of("store", false, "index", false));
      case UnsupportedMediaTypeException u ->
          new Problem(
              "unsupported-media-type",
              "Unsupported media type",
              415,
              u.getMessage(),
              Map.of("field", "Content-Type"));
      case TokenRejectedException t ->
          new Problem(
              "unauthenticated",
              "Unauthenticated",
              401,
              t.getMessage(),
              Map.of(),
              Map.of("WWW-Authenticate", "Bearer"));
      case CsrfRejectedException c ->
          new Problem(
              "csrf-token-invalid",
              "Forbidden",
              403,
              c.getMessage(),
              Map.of("field", "X-CSRF-Token"));
      case AccessDeniedException a ->
          new Problem(
              "forbidden",
              "Forbidden",
              403,
              a.getMessage(),
              a.workspace().isEmpty() ? Map.of() : Map.of("workspace", a.workspace()));
      case BudgetExceededException b ->
          new Problem(
              "budget-exceeded",
              "Budget exceeded",
              429,
              b.getMessage(),
              Map.of(
                  "workspace", b.workspace(),
                  "capUsd", b.cap(),
                  "spentUsd", b.spent(),
                  "resetsOn", b.resets().toString()),
              Map.of("Retry-After", String.valueOf(secondsUntil(b))));
      case RateLimitedException r ->
          new Problem(
              "rate-limited",
              "Too many requests",
              429,
              r.getMessage(),
              Map.of("limit", r.limit(), "perMinute", r.perMinute()),
              Map.of("Retry-After", String.valueOf(r.retryAfterSeconds())));
      case IllegalArgumentException i ->
          new Problem("invalid-input", "Invalid input", 400, i.getMessage(), Map.of());
      default -> {
        String id = UUID.randomUUID().toString();
        yield new Problem(
            "internal",
            "Internal error",
            500,
            "the server failed; the server log has the details under error id " + id,
            Map.of("errorId", id));
      }
    };
  }

  /**
   * The problem for a status the web server sets itself (an unknown route, a wrong method, a body
   * or URI too large, a request Jetty cannot parse), with {@code detail} naming the culprit.
   */
  public static Problem ofStatus(int status, String detail) {
    Kind k = BY_STATUS.getOrDefault(status, new Kind("http-" + status, "HTTP " + status));
    return new Problem(k.type(), k.title(), status, detail, Map.of());
  }

  private record Kind(String type, String title) {}

  private static final Map<Integer, Kind> BY_STATUS =
      Map.ofEntries(
          Map.entry(400, new Kind("bad-request", "Bad request")),
          Map.entry(404, new Kind("not-found", "Not found")),
          Map.entry(405, new Kind("method-not-allowed", "Method not allowed")),
          Map.entry(408, new Kind("request-timeout", "Request timeout")),
          Map.entry(413, new Kind("content-too-large", "Content too large")),
          Map.entry(414, new Kind("uri-too-long", "URI too long")),
          Map.entry(415, new Kind("unsupported-media-type", "Unsupported media type")),
          Map.entry(431, new Kind("headers-too-large", "Request headers too large")),
          Map.entry(500, new Kind("internal", "Internal error")),
          Map.entry(503, new Kind("unavailable", "Service unavailable")),
          Map.entry(505, new Kind("http-version", "HTTP version not supported")));

  private static long secondsUntil(BudgetExceededException b) {
    Instant reset = b.resets().atStartOfDay(ZoneOffset.UTC).toInstant();
    return Math.max(1, Duration.between(Instant.now(), reset).toSeconds());
  }

  /** Whether the server failed unexpectedly (not just not ready): log it under {@code errorId}. */
  public boolean internal() {
    return type.equals("internal");
  }

  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "urn:stratum:problem:" + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.putAll(extra);
    return body;
  }
}
