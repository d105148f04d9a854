package io.stratum.providers.atlassian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * GETs JSON from Jira or Confluence Cloud with an API token (basic auth, {@code email:token}),
 * honouring 429 {@code Retry-After} a few times before giving up with a message that names the URL
 * and status. The token never appears in an error or a log.
 */
final class AtlassianClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_THROTTLES = 5;

  /** Waits between throttled attempts; tests pass one that records instead. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final URI base;
  private final String authorization;
  private final HttpClient http;
  private final Sleeper sleeper;

  AtlassianClient(URI base, String email, String apiToken, Sleeper sleeper) {
    this.base = base;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((email + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.sleeper = sleeper;
  }

  URI base() {
    return base;
  }

  JsonNode get(String pathAndQuery) {
    URI uri = URI.create(base.toString().replaceAll("/+$", "") + pathAndQuery);
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> r;
      try {
        r =
            http.send(
                HttpRequest.newBuilder(uri)
                    .header("Authorization", authorization)
                    .header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException("GET " + uri + " failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading " + uri, e);
      }
      if (r.statusCode() == 429 && attempt < MAX_THROTTLES) {
        long seconds =
            r.headers()
                .firstValue("Retry-After")
                .map(v -> Long.parseLong(v.strip()))
                .orElse(1L << attempt);
        try {
          sleeper.sleep(Duration.ofSeconds(seconds));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while throttled by " + uri, e);
        }
        continue;
      }
      if (r.statusCode() != 200) {
        String body = r.body().length() > 300 ? r.body().substring(0, 300) + "..." : r.body();
        throw new IllegalStateException(
            "GET " + uri + " returned HTTP " + r.statusCode() + ": " + body);
      }
      try {
        return JSON.readTree(r.body());
      } catch (IOException e) {
        throw new IllegalStateException(
            "GET " + uri + " did not return JSON: " + e.getMessage(), e);
      }
    }
  }
}
