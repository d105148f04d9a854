package io.stratum.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.dispatch.DispatchException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * The models a Mantle endpoint lists ({@code GET /v1/models} and {@code GET /openai/v1/models}:
 * GPT-5.x are served only under the second prefix), for discovery. Listing changes nothing: what a
 * deployment may call stays what its catalog and cleared list say.
 */
public final class MantleModels {
  static final List<String> PREFIXES = List.of("/v1", "/openai/v1");

  private MantleModels() {}

  /**
   * Every model id either prefix lists, sorted.
   *
   * @throws DispatchException when the endpoint refuses or cannot be reached
   */
  public static List<String> list(URI base, OpenAiAuth auth, HttpClient http) {
    TreeSet<String> ids = new TreeSet<>();
    for (String prefix : PREFIXES) {
      URI uri = URI.create(base.toString().replaceAll("/+$", "") + prefix + "/models");
      HttpRequest.Builder rb =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Accept", "application/json")
              .GET();
      auth.apply(rb, SdkHttpMethod.GET, uri, new byte[0]);
      HttpResponse<String> r;
      try {
        r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new DispatchException.Retriable(uri + ": " + e, null, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DispatchException.Retriable(uri + ": interrupted", null, e);
      }
      if (r.statusCode() != 200) {
        throw OpenAiTransport.error("GET " + prefix + "/models", r, r.body(), null);
      }
      try {
        for (JsonNode m : OpenAiWire.JSON.readTree(r.body()).path("data")) {
          if (m.path("id").isTextual()) {
            ids.add(m.get("id").asText());
          }
        }
      } catch (IOException e) {
        throw new DispatchException.Retriable(
            uri + ": not a model list: " + e.getMessage(), null, e);
      }
    }
    return List.copyOf(ids);
  }
}
