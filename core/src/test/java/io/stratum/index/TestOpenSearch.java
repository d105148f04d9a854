package io.stratum.index;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The OpenSearch node {@code .ci/opensearch.sh} starts for the tests, named by {@code
 * STRATUM_TEST_OPENSEARCH_URL}. Without it a test that needs it is skipped, saying how to start
 * one; with {@code STRATUM_REQUIRE_OPENSEARCH=1} (as {@code .ci/run} sets) that is a failure
 * instead.
 */
public final class TestOpenSearch {
  public static final String URL_ENV = "STRATUM_TEST_OPENSEARCH_URL";
  public static final String REQUIRE_ENV = "STRATUM_REQUIRE_OPENSEARCH";

  private TestOpenSearch() {}

  /** The node's URL; skips (or fails, when required) the calling test without one. */
  public static URI url() {
    String url = System.getenv(URL_ENV);
    String why =
        "no OpenSearch node: run `. .ci/opensearch.sh` first (it sets "
            + URL_ENV
            + "), as .ci/run"
            + " does";
    if (url == null || url.isBlank()) {
      if ("1".equals(System.getenv(REQUIRE_ENV))) {
        Assertions.fail(REQUIRE_ENV + "=1 but " + why);
      }
      Assumptions.abort(why);
    }
    return URI.create(url);
  }

  /** An index prefix no other test uses. */
  public static String freshPrefix() {
    return "stratum-test-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Deletes every index whose name starts with {@code prefix}. */
  public static void deleteIndexes(URI url, String prefix) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(url.resolve("/" + prefix + "-*")).DELETE().build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300 && r.statusCode() != 404) {
        throw new IllegalStateException("DELETE " + prefix + "-*: " + r.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot delete the test indexes " + prefix + "-*", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
