package io.stratum.simulator;

/**
 * A request the simulator refuses, with what the real service would send: the HTTP status, the
 * error type (AWS {@code x-amzn-ErrorType} or OpenAI {@code error.type}), and the message.
 */
final class SimError extends RuntimeException {
  final int status;
  final String type;
  final String param;
  final String code;
  final Integer retryAfterSeconds;

  SimError(int status, String type, String message) {
    this(status, type, message, null, null, null);
  }

  SimError(int status, String type, String message, String param, String code, Integer retryAfter) {
    super(message);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
    this.retryAfterSeconds = retryAfter;
  }

  static SimError validation(String message) {
    return new SimError(400, "ValidationException", message);
  }

  /** A Bedrock validation error raised by the model itself, as Converse words it. */
  static SimError model(String message) {
    return validation("The model returned the following errors: " + message);
  }

  /** An OpenAI-style {@code invalid_request_error}. */
  static SimError invalid(String message, String param, String code) {
    return new SimError(400, "invalid_request_error", message, param, code, null);
  }
}
