package io.stratum.testkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A Splunk HTTP Event Collector on loopback, answering as HEC does: {@code {"text":"Success",
 * "code":0}}, 401 code 2/4 for a missing or wrong token, 400 code 6 for a body that is not events,
 * and, while {@link #down} is set, 503 code 9 "Server is busy". It keeps every event it accepted,
 * duplicates included, so a test can count deliveries.
 */
public final class HecReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final String token;
  private final List<JsonNode> received = new ArrayList<>();
  private volatile boolean down;
  private volatile int refusedRequests;

  public HecReceiver(String token) throws IOException {
    this.token = token;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/services/collector/event", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** While true, every request gets 503 "Server is busy". */
  public void down(boolean down) {
    this.down = down;
  }

  public int refusedRequests() {
    return refusedRequests;
  }

  /** Every event accepted, in arrival order, duplicates included. */
  public synchronized List<JsonNode> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      reply(ex, 401, "Token is required", 2);
    } else if (!auth.equals("Splunk " + token)) {
      reply(ex, 403, "Invalid token", 4);
    } else if (down) {
      refusedRequests++;
      reply(ex, 503, "Server is busy", 9);
    } else {
      List<JsonNode> events = new ArrayList<>();
      try (MappingIterator<JsonNode> it =
          JSON.readerFor(JsonNode.class)
              .without(JsonParser.Feature.AUTO_CLOSE_SOURCE)
              .readValues(new String(body, StandardCharsets.UTF_8))) {
        while (it.hasNext()) {
          JsonNode e = it.next();
          if (!e.has("event")) {
            reply(ex, 400, "Event field is required", 12);
            return;
          }
          events.add(e);
        }
      } catch (IOException | RuntimeException e) {
        reply(ex, 400, "Invalid data format", 6);
        return;
      }
      if (events.isEmpty()) {
        reply(ex, 400, "No data", 5);
        return;
      }
      synchronized (this) {
        received.addAll(events);
      }
      reply(ex, 200, "Success", 0);
    }
  }

  private static void reply(HttpExchange ex, int status, String text, int code) throws IOException {
    byte[] b =
        JSON.createObjectNode()
            .put("text", text)
            .put("code", code)
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
