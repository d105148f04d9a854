package io.stratum.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/** A minimal HTTP + SSE client for tests, on the JDK's HttpClient. */
final class SseClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final IntSupplier port;
  private final String token;

  /** A client that sends no credentials. */
  SseClient(int port) {
    this(port, null);
  }

  /** A client that sends {@code Authorization: Bearer token}. */
  SseClient(int port, String token) {
    this(() -> port, token);
  }

  /**
   * A client that sends each request to the port {@code port} gives it then: several servers behind
   * a round robin, as behind a load balancer.
   */
  SseClient(IntSupplier port, String token) {
    this.port = port;
    this.token = token;
  }

  String token() {
    return token;
  }

  SseClient as(String otherToken) {
    return new SseClient(port, otherToken);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path));
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  Response put(String path, String body) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Response delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE().build());
  }

  /** A DELETE with extra headers, given as name, value pairs. */
  Response deleteWith(String path, String... headers) throws IOException, InterruptedException {
    return send(request(path).headers(headers).DELETE().build());
  }

  private Response send(HttpRequest req) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    return new Response(
        r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body(), r.headers());
  }

  record Event(String name, JsonNode data) {}

  record Response(int status, String contentType, String body, HttpHeaders headers) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  Response get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  /** A GET with extra headers. */
  Response get(String path, String header, String value) throws IOException, InterruptedException {
    return send(request(path).header(header, value).GET().build());
  }

  Response post(String path, String body) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** A POST of a JSON body with an extra header, read whole. */
  Response post(String path, String body, String header, String value)
      throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .header(header, value)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Posts a question and reads the whole event stream. */
  List<Event> ask(String workspace, String question) throws IOException, InterruptedException {
    String body = JSON.writeValueAsString(Map.of("question", question));
    HttpResponse<Stream<String>> r =
        http.send(
            request("/api/workspaces/" + workspace + "/ask")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    if (r.statusCode() != 200
        || !r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream")) {
      throw new IllegalStateException(
          "expected an event stream, got "
              + r.statusCode()
              + ": "
              + String.join("\n", r.body().toList()));
    }
    List<Event> events = new ArrayList<>();
    String name = null;
    for (String line : (Iterable<String>) r.body()::iterator) {
      if (line.startsWith("event: ")) {
        name = line.substring(7);
      } else if (line.startsWith("data: ")) {
        events.add(new Event(name, JSON.readTree(line.substring(6))));
      }
    }
    return events;
  }
}
