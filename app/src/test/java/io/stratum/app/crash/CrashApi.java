package io.stratum.app.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP API of one {@code stratum serve} as the crash suite uses it: JSON calls and server-sent
 * event streams read up to their {@code done} event. Every call has a deadline except the reading
 * of a stream's events, which ends when the server answers or is killed.
 */
final class CrashApi implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;

  CrashApi(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  record Reply(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * A streamed answer: the status, the {@code done} event's data when the server sent one, and else
   * what ended the stream.
   */
  record Streamed(int status, JsonNode done, String problem) {}

  Reply get(String token, String path) throws IOException, InterruptedException {
    return call("GET", token, path, null);
  }

  Reply call(String method, String token, String path, Object body)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(request(method, token, path, body), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }

  /** POSTs {@code body} and reads the event stream until its {@code done} or {@code error}. */
  Streamed stream(String token, String path, Object body) throws IOException, InterruptedException {
    HttpResponse<InputStream> r =
        http.send(request("POST", token, path, body), HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      if (r.statusCode() != 200) {
        return new Streamed(r.statusCode(), null, in.lines().reduce("", String::concat));
      }
      String event = null;
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("event: ")) {
          event = line.substring("event: ".length());
        } else if (line.startsWith("data: ") && "done".equals(event)) {
          return new Streamed(200, JSON.readTree(line.substring("data: ".length())), null);
        } else if (line.startsWith("data: ") && "error".equals(event)) {
          return new Streamed(200, null, line.substring("data: ".length()));
        }
      }
      return new Streamed(200, null, "the stream ended without a done event");
    }
  }

  private HttpRequest request(String method, String token, String path, Object body)
      throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(DEADLINE);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    return b.build();
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}
