package io.stratum.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A model call failed. Each backend maps its foreign errors into these once, at its boundary,
 * keeping the upstream message and request id; the dispatcher decides from the type alone whether
 * to retry.
 */
public abstract sealed class DispatchException extends RuntimeException {
  private final String requestId;
  private Usage usage = Usage.ZERO;
  private String backend = "";
  private List<UpstreamAttempt> attempts = List.of();

  DispatchException(String message, String requestId, Throwable cause) {
    super(message, cause);
    this.requestId = requestId == null ? "" : requestId;
  }

  /** The upstream request id, or empty. */
  public String requestId() {
    return requestId;
  }

  /**
   * What the failed request consumed before it failed, when the upstream reported it (a Responses
   * {@code response.failed} carries usage); set once, at the boundary that read it.
   */
  public DispatchException withUsage(Usage reported) {
    this.usage = reported == null ? Usage.ZERO : reported;
    return this;
  }

  public Usage usage() {
    return usage;
  }

  /**
   * Every upstream attempt of the failed call that returned usage (retried failures, an incomplete
   * first try), so the caller bills and audits them as it would an answer's; empty when none did.
   */
  public List<UpstreamAttempt> attempts() {
    return attempts;
  }

  /** The backend the failed call went to, with {@link #attempts()}; empty before it was routed. */
  public String backend() {
    return backend;
  }

  /** Set by the dispatcher as the call gives up. */
  DispatchException attach(String backend, List<UpstreamAttempt> attempts) {
    this.backend = backend;
    this.attempts = List.copyOf(attempts);
    return this;
  }

  /** Worth retrying before the first byte: a 5xx, a dropped connection, a timeout. */
  public static final class Retriable extends DispatchException {
    public Retriable(String message, String requestId, Throwable cause) {
      super(message, requestId, cause);
    }
  }

  /** The upstream asked us to slow down (429). */
  public static final class Throttled extends DispatchException {
    private final Duration retryAfter;

    public Throttled(String message, String requestId, Duration retryAfter, Throwable cause) {
      super(message, requestId, cause);
      this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }
  }

  /** The request is wrong for this model; retrying the same request will fail the same way. */
  public static final class InvalidRequest extends DispatchException {
    public InvalidRequest(String message, String requestId, Throwable cause) {
      super(message, requestId, cause);
    }
  }

  /** Credentials are missing or wrong, or the account may not use the model. */
  public static final class AccessDenied extends DispatchException {
    public AccessDenied(String message, String requestId, Throwable cause) {
      super(message, requestId, cause);
    }
  }

  /** The model is not enabled, not found, or not ready in this account and region. */
  public static final class ModelNotReady extends DispatchException {
    public ModelNotReady(String message, String requestId, Throwable cause) {
      super(message, requestId, cause);
    }
  }

  /** Whether the dispatcher may retry this before the first byte. */
  public boolean retriable() {
    return this instanceof Retriable || this instanceof Throttled;
  }
}
