package io.stratum.app.api;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.TokenRejectedException;
import io.stratum.app.usecase.InvalidInputException;
import io.stratum.app.usecase.UnknownModelException;
import io.stratum.app.usecase.UnknownWorkspaceException;
import io.stratum.budget.BudgetExceededException;
import io.stratum.dispatch.DispatchException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure of the OpenAI-compatible gateway ({@code /v1}) in OpenAI's error shape: {@code
 * {"error": {"message", "type", "param", "code"}}} with the HTTP status OpenAI's clients map to
 * their exception types (400, 401, 403, 404, 429, 5xx). The message is the {@link Problem}'s
 * detail, so it names the culprit the same way; {@link #of} is the one place a failure becomes one.
 *
 * @param headers what the response carries besides the body ({@code Retry-After}, {@code
 *     WWW-Authenticate})
 */
public record OpenAiError(
    int status,
    String message,
    String type,
    String param,
    String code,
    Map<String, String> headers,
    boolean internal) {
  public static final String INVALID = "invalid_request_error";

  /** The error a failure is; an unexpected one names an error id the caller logs it under. */
  public static OpenAiError of(Exception e) {
    if (e instanceof DispatchException d) {
      return upstream(d);
    }
    Problem p = Problem.of(e);
    String message = p.detail();
    return switch (e) {
      case UnknownModelException u ->
          new OpenAiError(404, message, INVALID, "model", "model_not_found", p.headers(), false);
      case UnknownWorkspaceException u ->
          new OpenAiError(
              404,
              message,
              INVALID,
              "X-Stratum-Workspace",
              "workspace_not_found",
              p.headers(),
              false);
      case InvalidInputException i ->
          new OpenAiError(400, message, INVALID, i.field(), code(message), p.headers(), false);
      case TokenRejectedException t ->
          new OpenAiError(401, message, INVALID, null, "invalid_api_key", p.headers(), false);
      case AccessDeniedException a ->
          new OpenAiError(
              403, message, "permission_error", null, "permission_denied", p.headers(), false);
      case BudgetExceededException b ->
          new OpenAiError(
              429, message, "insufficient_quota", null, "budget_exceeded", p.headers(), false);
      case RateLimitedException r ->
          new OpenAiError(
              429, message, "rate_limit_error", null, "rate_limit_exceeded", p.headers(), false);
      default ->
          new OpenAiError(
              p.status(),
              message,
              p.status() >= 500 ? "server_error" : INVALID,
              p.status() == 415 ? "Content-Type" : null,
              p.internal() ? "internal_error" : p.type().replace('-', '_'),
              p.headers(),
              p.internal());
    };
  }

  /** A status the web server set itself (unknown route, wrong method, body too large). */
  public static OpenAiError ofStatus(int status, String message) {
    String code =
        switch (status) {
          case 404 -> "unknown_url";
          case 405 -> "method_not_allowed";
          case 413 -> "request_too_large";
          default -> "http_" + status;
        };
    return new OpenAiError(
        status, message, status >= 500 ? "server_error" : INVALID, null, code, Map.of(), false);
  }

  /**
   * What the model's backend refused or failed, after the dispatcher's retries: the upstream's own
   * message, and a status that says whether trying again may help.
   */
  private static OpenAiError upstream(DispatchException d) {
    String message = d.getMessage();
    return switch (d) {
      case DispatchException.InvalidRequest i ->
          new OpenAiError(400, message, INVALID, null, "upstream_invalid_request", Map.of(), false);
      case DispatchException.Throttled t ->
          new OpenAiError(
              429,
              message,
              "rate_limit_error",
              null,
              "upstream_throttled",
              t.retryAfter()
                  .map(r -> Map.of("Retry-After", String.valueOf(Math.max(1, r.toSeconds()))))
                  .orElse(Map.of()),
              false);
      case DispatchException.AccessDenied a ->
          new OpenAiError(
              403, message, "permission_error", null, "upstream_denied", Map.of(), false);
      case DispatchException.ModelNotReady n ->
          new OpenAiError(503, message, "server_error", null, "model_not_ready", Map.of(), false);
      case DispatchException.Retriable r ->
          new OpenAiError(502, message, "server_error", null, "upstream_error", Map.of(), false);
    };
  }

  private static String code(String message) {
    if (message.endsWith(": is required")) {
      return "missing_required_parameter";
    }
    return message.contains("unknown parameter") ? "unknown_parameter" : "invalid_value";
  }

  /** The body: {@code {"error": {...}}}, param and code null when there is none. */
  public Map<String, Object> body() {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return Map.of("error", error);
  }
}
