package io.stratum.providers.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.index.IndexUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * JSON over the OpenSearch REST API through the client's generic requests, with every failure
 * translated once, here, into an {@link IndexUnavailableException} that names the server.
 */
final class Rest implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A response: its status and its JSON body ({@code null} when it had none). */
  record Reply(int status, JsonNode json) {}

  private final OpenSearchConnection connection;
  private final OpenSearchConnection.Wire wire;
  private final OpenSearchGenericClient client;

  Rest(OpenSearchConnection connection) {
    this.connection = connection;
    this.wire = connection.open();
    this.client = new OpenSearchGenericClient(wire.transport());
  }

  /** {@code method path} with a JSON body (null for none); a status of 400 or more is an error. */
  JsonNode call(String method, String path, Map<String, String> params, Object body) {
    return call(method, path, params, body, List.of()).json();
  }

  /** As above, with {@code allowed} error statuses returned rather than thrown (404: absent). */
  Reply call(
      String method, String path, Map<String, String> params, Object body, List<Integer> allowed) {
    try {
      byte[] bytes = body == null ? null : JSON.writeValueAsBytes(body);
      return send(method, path, params, bytes, "application/json", allowed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON for " + method + " " + path, e);
    }
  }

  /** A bulk request: newline-delimited JSON. */
  JsonNode bulk(String path, byte[] ndjson) {
    return send("POST", path, Map.of(), ndjson, "application/x-ndjson", List.of()).json();
  }

  private Reply send(
      String method,
      String path,
      Map<String, String> params,
      byte[] body,
      String contentType,
      List<Integer> allowed) {
    try (Response r =
        client.execute(
            Requests.create(
                method,
                path,
                List.of(),
                params,
                body == null ? null : Body.from(body, contentType)))) {
      JsonNode json = null;
      if (r.getBody().isPresent()) {
        byte[] bytes = r.getBody().get().bodyAsBytes();
        json = bytes.length == 0 ? null : JSON.readTree(bytes);
      }
      if (r.getStatus() >= 400 && !allowed.contains(r.getStatus())) {
        throw new IndexUnavailableException(
            "OpenSearch at %s refused %s %s: %d %s"
                .formatted(connection, method, path, r.getStatus(), reason(json)),
            null);
      }
      return new Reply(r.getStatus(), json);
    } catch (IOException e) {
      throw new IndexUnavailableException(
          "cannot reach OpenSearch at %s: %s".formatted(connection, describe(e)), e);
    }
  }

  /** {@code type: reason} of an OpenSearch error body. */
  static String reason(JsonNode json) {
    if (json == null) {
      return "(no body)";
    }
    JsonNode error = json.path("error");
    if (error.isTextual()) {
      return error.asText();
    }
    JsonNode root = error.path("root_cause").path(0);
    JsonNode e = root.isMissingNode() ? error : root;
    return e.isMissingNode()
        ? json.toString()
        : e.path("type").asText("?") + ": " + e.path("reason").asText("?");
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }

  @Override
  public String toString() {
    return connection.toString();
  }

  @Override
  public void close() {
    try {
      wire.transport().close();
      if (wire.http() != null) {
        wire.http().close();
      }
    } catch (Exception e) {
      throw new IndexUnavailableException("cannot close the client of " + connection, e);
    }
  }
}
