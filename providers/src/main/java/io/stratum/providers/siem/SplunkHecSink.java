package io.stratum.providers.siem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.audit.AuditSink;
import io.stratum.audit.ExportEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The Splunk HTTP Event Collector ({@code POST /services/collector/event}, {@code Authorization:
 * Splunk <token>}): a batch is one request of concatenated event objects, each with its OCSF event,
 * its time, and its idempotency key as the indexed field {@code event_key} so searches can {@code
 * dedup event_key}. Anything but HEC's {@code {"code": 0}} fails the batch.
 */
public final class SplunkHecSink implements AuditSink {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI endpoint;
  private final String token;
  private final HttpClient http;

  /**
   * @param base the collector's base URL, e.g. {@code https://splunk.example:8088}
   * @param token the HEC token; it goes in the header only, never in a message
   */
  public SplunkHecSink(URI base, String token, HttpClient http) {
    String b = base.toString().replaceAll("/+$", "");
    this.endpoint = URI.create(b + "/services/collector/event");
    this.token = token;
    this.http = http;
  }

  public static SplunkHecSink create(URI base, String token) {
    return new SplunkHecSink(
        base, token, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
  }

  @Override
  public String name() {
    return "hec:" + endpoint.getHost() + ":" + endpoint.getPort();
  }

  @Override
  public void deliver(List<ExportEvent> events) throws IOException {
    StringBuilder body = new StringBuilder();
    for (ExportEvent e : events) {
      ObjectNode wrapper = JSON.createObjectNode();
      wrapper.put("time", BigDecimal.valueOf(e.time(), 3));
      wrapper.put("source", "stratum");
      wrapper.put("sourcetype", "ocsf:stratum");
      wrapper.set("event", JSON.readTree(e.json()));
      wrapper.putObject("fields").put("event_key", e.key());
      body.append(JSON.writeValueAsString(wrapper)).append('\n');
    }
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Splunk " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending to " + endpoint, e);
    }
    JsonNode reply = parse(response.body());
    if (response.statusCode() != 200 || reply.path("code").asInt(-1) != 0) {
      throw new IOException(
          "HEC at %s answered %d: %s (code %s)"
              .formatted(
                  endpoint,
                  response.statusCode(),
                  reply.path("text").asText(response.body()),
                  reply.path("code").asText("none")));
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
