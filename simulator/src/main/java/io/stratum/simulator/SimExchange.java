package io.stratum.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Writes a response the way the real service would, including the ways it can break. */
final class SimExchange {
  /** Thrown to drop the connection mid-response; the server closes the socket without a trailer. */
  static final class Cut extends RuntimeException {
    Cut() {
      super("connection cut by fault injection", null, false, false);
    }
  }

  private final HttpExchange exchange;
  private final String requestId;
  private OutputStream body;

  SimExchange(HttpExchange exchange, String requestId) {
    this.exchange = exchange;
    this.requestId = requestId;
  }

  String requestId() {
    return requestId;
  }

  boolean started() {
    return body != null;
  }

  void json(int status, String json, Map<String, String> headers) {
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    bytes(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  void bytes(int status, String contentType, byte[] bytes) {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    try {
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a streamed 200 response (chunked transfer encoding). */
  void startStream(String contentType) {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    if (contentType.startsWith("text/event-stream")) {
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    }
    try {
      exchange.sendResponseHeaders(200, 0);
      body = exchange.getResponseBody();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void send(byte[] bytes) {
    try {
      body.write(bytes);
      body.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("client went away", e);
    }
  }

  void send(String text) {
    send(text.getBytes(StandardCharsets.UTF_8));
  }

  void endStream() {
    try {
      body.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void pause(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
