package io.stratum.providers.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stratum.index.IndexUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ResponseException;

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
      byte[] bytes = r.getBody().isPresent() ? r.getBody().get().bodyAsBytes() : new byte[0];
      return reply(method, path, r.getStatus(), bytes, allowed);
    } catch (IOException e) {
      ResponseException refused = refusal(e);
      if (refused == null) {
        throw new IndexUnavailableException(
            "cannot reach OpenSearch at %s: %s".formatted(connection, describe(e)), e);
      }
      // The httpclient5 transport throws for an error status (SigV4's returns it); its message is
      // the status line, a newline, then the body.
      String message = refused.getMessage() == null ? "" : refused.getMessage();
      int newline = message.indexOf('\n');
      String error = newline < 0 ? "" : message.substring(newline + 1);
      return reply(method, path, refused.status(), error.getBytes(StandardCharsets.UTF_8), allowed);
    }
  }

  /** The error status the transport threw, maybe wrapped, or null for a failure to connect. */
  private static ResponseException refusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ResponseException r) {
        return r;
      }
    }
    return null;
  }

  private Reply reply(String method, String path, int status, byte[] body, List<Integer> allowed) {
    JsonNode json = parse(body);
    if (status >= 400 && !allowed.contains(status)) {
      throw new IndexUnavailableException(
          "OpenSearch at %s refused %s %s: %d %s"
              .formatted(connection, method, path, status, reason(json)),
          null);
    }
    return new Reply(status, json);
  }

  /** The body as JSON; a body that is not (a proxy's page) as its text, cut to 200 characters. */
  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      String text = new String(body, StandardCharsets.UTF_8).strip();
      return TextNode.valueOf(text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
  }

  /** {@code type: reason} of an OpenSearch error body. */
  static String reason(JsonNode json) {
    if (json == null) {
      return "(no body)";
    }
    if (json.isTextual()) {
      return json.asText().replace('\n', ' ');
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
