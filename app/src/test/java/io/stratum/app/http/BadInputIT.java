package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.access.Principal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation in {@code /openapi.json}, each of its fields and parameters, sent values at and
 * past its documented limits, of the wrong type, with NUL bytes and invalid UTF-8; bodies with
 * trailing data and the wrong content type; requests Jetty refuses before any route runs. No answer
 * may be a 500, and every error must be an RFC 9457 problem whose detail names the culprit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
  /** A detail that names its culprit: {@code field: what is wrong}. */
  private static final Pattern NAMED = Pattern.compile("^[A-Za-z][\\w.-]*: .+", Pattern.DOTALL);

  /** What a refusal for a value's length, form or type says. */
  private static final Pattern LIMIT =
      Pattern.compile("at most|at least|expected|must not|must be|valid Unicode|UTF-8");

  private Served served;
  private RawHttp raw;
  private String token;
  private JsonNode spec;
  private Map<String, String> pathValues;
  private final List<String> failures = new ArrayList<>();
  private final Map<Integer, Integer> statuses = new TreeMap<>();
  private int sent;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    Path docs = data.resolve("docs");
    for (String ws : List.of("security", "handbook")) {
      Files.createDirectories(docs.resolve(ws));
      Files.writeString(
          docs.resolve(ws + "/keys.md"), "# Keys\nKeys are rotated yearly; standby keys too.\n");
    }
    served = Served.local(data.resolve("data"), docs);
    raw = new RawHttp(served.api().port());
    token = served.admin().token();
    served
        .stratum()
        .administration()
        .createPrincipal(Principal.LOCAL_OPERATOR, "alice", "Alice", false);
    String conversation =
        served.stratum().conversations().start(Principal.LOCAL_OPERATOR, List.of("security"), "");
    String document =
        served
            .admin()
            .get("/api/workspaces/security/search?q=keys")
            .json()
            .at("/results/0/documentId")
            .asText();
    String tokenId =
        served
            .stratum()
            .administration()
            .issueToken(Principal.LOCAL_OPERATOR, "alice", "t", null)
            .id();
    pathValues =
        Map.of(
            "ws", "security",
            "principal", "alice",
            "conversations", conversation,
            "documents", document,
            "tokens", tokenId,
            "sources", "no-such-source",
            "jobs", "no-such-job");
    spec = served.admin().get("/openapi.json").json();
  }

  @BeforeEach
  void clear() {
    failures.clear();
  }

  @AfterAll
  void stop() {
    System.out.printf("BadInputIT: %d requests sent; statuses seen: %s%n", sent, statuses);
    served.close();
  }

  /** One operation of the spec. */
  private record Operation(String method, String path, JsonNode node) {
    String label() {
      return method + " " + path;
    }

    JsonNode bodySchema() {
      return node.at("/requestBody/content/application~1json/schema");
    }

    JsonNode example() {
      return node.at("/requestBody/content/application~1json/example");
    }
  }

  private List<Operation> operations() {
    List<Operation> ops = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fields()
          .forEachRemaining(
              op ->
                  ops.add(
                      new Operation(
                          op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue())));
    }
    return ops;
  }

  @Test
  void the_inputs_that_answered_500_are_400s_naming_the_field_and_the_limit() throws Exception {
    SseClient admin = served.admin();
    String title = "t".repeat(100_000);
    String name = "n".repeat(900_000);
    String digits = "9".repeat(1000);

    detail(
        admin.post(
            "/api/conversations", "{\"workspaces\":[\"security\"],\"title\":\"" + title + "\"}"),
        400,
        "title: must be at most 200 characters, got 100000");
    detail(
        admin.post("/api/workspaces", "{\"id\":\"big\",\"name\":\"" + name + "\"}"),
        400,
        "name: must be at most 200 characters, got 900000");
    detail(
        admin.put("/api/workspaces/security/budget", "{\"monthlyCapUsd\":1e30}"),
        400,
        "monthlyCapUsd: expected a number from 0 to 1000000, got 1E+30");
    detail(
        admin.put("/api/workspaces/security/budget", "{\"monthlyCapUsd\":" + digits + "}"),
        400,
        "monthlyCapUsd: expected a number from 0 to 1000000, got "
            + "9".repeat(40)
            + "… (1000 characters)");
    for (String days : List.of("1e12", "1e30", "1e-9")) {
      detail(
          admin.post("/api/tokens", "{\"expiresInDays\":" + days + "}"),
          400,
          "expiresInDays: expected a number from 0.001 to 3650, got " + new BigDecimal(days));
    }
    detail(
        admin.post("/api/workspaces/security/ask", "{\"question\":\"keys\"} xyz"),
        400,
        "body: expected one JSON object like {\"question\": \"...\"}, got more after byte 19");
    RawHttp.Response plain =
        raw.send(
            "POST",
            "/api/workspaces/security/ask",
            auth() + "Content-Type: text/plain\r\n",
            "{\"question\":\"keys\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(plain.status()).isEqualTo(415);
    assertThat(plain.contentType()).isEqualTo("application/problem+json");
    assertThat(plain.json().get("detail").asText())
        .isEqualTo("Content-Type: expected application/json, got 'text/plain'");
  }

  private static void detail(SseClient.Response r, int status, String detail) throws IOException {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    assertThat(r.json().get("detail").asText()).isEqualTo(detail);
  }

  @Test
  void every_field_of_every_operation_answers_bad_values_with_a_problem_naming_it()
      throws Exception {
    for (Operation op : operations()) {
      if (op.node().has("x-stratum-openai")) {
        continue; // OpenAI's own fields: OpenAiRequestsTest and the OpenAI clients' ITs hold them
      }
      for (JsonNode p : op.node().path("parameters")) {
        String name = p.get("name").asText();
        noteUnbounded(op, name, p.get("schema"));
        for (BadValues.Value v : BadValues.of(p.get("schema"))) {
          if (v.url() == null || v.valid() && op.method().equals("DELETE")) {
            continue; // only wrong as JSON; or a valid id, deleting what the other probes use
          }
          String target = target(op, name, p.get("in").asText(), v.url());
          RawHttp.Response r =
              raw.send(op.method(), target, auth() + json(op), body(op, null, null));
          expect(op.label() + " " + name + "=" + v.label(), r, name, v.valid(), target.length());
        }
      }
      JsonNode props = op.bodySchema().path("properties");
      for (Iterator<String> names = props.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        noteUnbounded(op, name, props.get(name));
        for (BadValues.Value v : BadValues.of(props.get(name))) {
          RawHttp.Response r =
              raw.send(
                  op.method(),
                  target(op, null, null, null),
                  auth() + json(op),
                  body(op, name, v.json()));
          expect(op.label() + " " + name + "=" + v.label(), r, name, v.valid(), 0);
        }
        if (required(op, name)) {
          RawHttp.Response r =
              raw.send(
                  op.method(), target(op, null, null, null), auth() + json(op), without(op, name));
          expect(op.label() + " without " + name, r, name, false, 0);
        }
      }
    }

    assertThat(failures).isEmpty();
  }

  @Test
  void every_body_that_is_not_one_json_object_in_utf_8_is_a_problem_naming_the_body()
      throws Exception {
    for (Operation op : operations()) {
      if (op.bodySchema().isMissingNode()) {
        continue;
      }
      String target = target(op, null, null, null);
      byte[] good = body(op, null, null);
      Map<String, byte[]> bodies = new LinkedHashMap<>();
      bodies.put("trailing data", concat(good, " xyz".getBytes(StandardCharsets.UTF_8)));
      bodies.put("a second object", concat(good, good));
      bodies.put("an empty body", new byte[0]);
      bodies.put("null", "null".getBytes(StandardCharsets.UTF_8));
      bodies.put("a list", "[]".getBytes(StandardCharsets.UTF_8));
      bodies.put("invalid UTF-8", concat(good, new byte[] {(byte) 0xFF}));
      bodies.put("a NUL byte", concat(new byte[] {0}, good));
      bodies.put("NaN", "{\"x\": NaN}".getBytes(StandardCharsets.UTF_8));
      bodies.put("nesting 100000 deep", "[".repeat(100_000).getBytes(StandardCharsets.UTF_8));
      bodies.put(
          "2 MB", ("{\"x\":\"" + "a".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, byte[]> b : bodies.entrySet()) {
        expect(
            op.label() + " with " + b.getKey(),
            raw.send(op.method(), target, auth() + json(op), b.getValue()),
            "body",
            false,
            0);
      }
      for (String type :
          List.of(
              "text/plain",
              "application/x-www-form-urlencoded",
              "application/json; charset=iso-8859-1")) {
        RawHttp.Response r =
            raw.send(op.method(), target, auth() + "Content-Type: " + type + "\r\n", good);
        expect(op.label() + " as " + type, r, "Content-Type", false, 0);
        status(op.label() + " as " + type, r, 415);
      }
      RawHttp.Response none = raw.send(op.method(), target, auth(), good);
      expect(op.label() + " without a content type", none, "Content-Type", false, 0);
    }

    assertThat(failures).isEmpty();
  }

  @Test
  void wrong_methods_unknown_routes_and_bad_credentials_are_problems() throws Exception {
    for (Operation op : operations()) {
      for (String m : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
        if (!spec.at("/paths/" + op.path().replace("/", "~1") + "/" + m.toLowerCase(Locale.ROOT))
            .isMissingNode()) {
          continue;
        }
        RawHttp.Response r =
            raw.send(m, target(op, null, null, null), auth() + json(op), new byte[0]);
        expect(m + " " + op.path(), r, "method", false, 0);
        status(m + " " + op.path(), r, 405);
        if (!r.headers().getOrDefault("allow", "").contains(op.method())) {
          failures.add(m + " " + op.path() + ": Allow is '" + r.headers().get("allow") + "'");
        }
      }
    }
    for (String path :
        List.of("/nope", "/assets", "/api/nope", "/api/workspaces/security/nope", "/v1/nope")) {
      RawHttp.Response r = raw.send("GET", path, auth(), null);
      expect("GET " + path, r, "path", false, 0);
      status("GET " + path, r, 404);
    }
    for (String a :
        List.of(
            "",
            "Authorization: Basic YTpi\r\n",
            "Authorization: Bearer stt_\u00ff\r\n",
            "Authorization: Bearer " + "a".repeat(6000) + "\r\n")) {
      RawHttp.Response r = raw.send("GET", "/api/workspaces", a, null);
      problem("GET /api/workspaces with '" + a.strip().replaceAll("a{100,}", "a…") + "'", r);
      status("GET /api/workspaces with " + a.length() + " characters of credentials", r, 401);
    }

    assertThat(failures).isEmpty();
  }

  @Test
  void requests_jetty_refuses_before_any_route_are_problems_too() throws Exception {
    Map<String, byte[]> requests = new LinkedHashMap<>();
    requests.put("%00 in the path", get("/api/workspaces/%00", ""));
    requests.put("a raw NUL in the path", get("/api/workspaces/a\u0000b", ""));
    requests.put("..; in the path", get("/api/workspaces/..;/security/sources", ""));
    requests.put("%2e%2e in the path", get("/api/workspaces/%2e%2e/x", ""));
    requests.put("%2F in a path segment", get("/api/workspaces/a%2Fb/sources", ""));
    requests.put("invalid UTF-8 in the path", get("/api/workspaces/%C3%28/sources", ""));
    requests.put("a NUL in a header", get("/api/workspaces", "X-Test: a\u0000b\r\n"));
    requests.put("a 20 KB URI", get("/api/workspaces?x=" + "a".repeat(20_000), ""));
    requests.put(
        "a 100 KB header", get("/api/workspaces", "X-Test: " + "a".repeat(100_000) + "\r\n"));
    requests.put(
        "an unknown HTTP version",
        "GET / HTTP/9.9\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    requests.put("a garbage request line", "HELLO\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    requests.put(
        "no Host header",
        "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    requests.put(
        "a bad Content-Length",
        ("POST /api/conversations HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + auth()
                + "Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}")
            .getBytes(StandardCharsets.ISO_8859_1));
    requests.put(
        "Content-Length and chunked",
        ("POST /api/conversations HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + auth()
                + "Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    for (Map.Entry<String, byte[]> req : requests.entrySet()) {
      RawHttp.Response r = raw.exchange(req.getValue());
      problem(req.getKey(), r);
    }

    assertThat(failures).isEmpty();
  }

  private void status(String label, RawHttp.Response r, int expected) {
    if (r.status() != expected) {
      failures.add(label + ": expected " + expected + ", got " + r.status());
    }
  }

  private byte[] get(String target, String headers) {
    return ("GET "
            + target
            + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            + auth()
            + headers
            + "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private String auth() {
    return "Authorization: Bearer " + token + "\r\n";
  }

  private static String json(Operation op) {
    return op.bodySchema().isMissingNode() ? "" : "Content-Type: application/json\r\n";
  }

  private void noteUnbounded(Operation op, String name, JsonNode schema) {
    String missing = BadValues.missingLimit(schema);
    if (missing != null) {
      failures.add(op.label() + " " + name + ": the spec documents " + missing);
    }
  }

  /** The operation's path and query, with {@code name} (in {@code in}) set to {@code value}. */
  private String target(Operation op, String name, String in, String value) {
    String path = op.path();
    StringBuilder query = new StringBuilder();
    for (JsonNode p : op.node().path("parameters")) {
      String n = p.get("name").asText();
      String v = n.equals(name) ? value : null;
      if (p.get("in").asText().equals("path")) {
        path =
            path.replace(
                "{" + n + "}",
                v != null
                    ? v
                    : URLEncoder.encode(
                        pathValues.getOrDefault(n, pathValues.get(op.path().split("/")[2])),
                        StandardCharsets.UTF_8));
      } else if (v != null || p.path("required").asBoolean()) {
        query
            .append(query.isEmpty() ? "?" : "&")
            .append(n)
            .append('=')
            .append(v != null ? v : "keys");
      }
    }
    return path + query;
  }

  private boolean required(Operation op, String name) {
    for (JsonNode r : op.bodySchema().path("required")) {
      if (r.asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The operation's example body with {@code name} set to the JSON literal {@code value}. */
  private static byte[] body(Operation op, String name, byte[] value) {
    if (op.bodySchema().isMissingNode()) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("{".getBytes(StandardCharsets.UTF_8));
    boolean first = true;
    for (Iterator<Map.Entry<String, JsonNode>> f = op.example().fields(); f.hasNext(); ) {
      Map.Entry<String, JsonNode> e = f.next();
      if (!e.getKey().equals(name)) {
        out.writeBytes(
            ((first ? "" : ",") + "\"" + e.getKey() + "\":" + e.getValue())
                .getBytes(StandardCharsets.UTF_8));
        first = false;
      }
    }
    if (value != null) {
      out.writeBytes(((first ? "" : ",") + "\"" + name + "\":").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(value);
    }
    out.writeBytes("}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static byte[] without(Operation op, String name) {
    return body(op, name, null);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * Records what {@code r} breaks: a valid value must not be refused for {@code field}; an invalid
   * one must be a 400 naming it (a path value may also be a 404: nothing has that id). A URI too
   * long for the server is refused before any route reads the field.
   */
  private void expect(String label, RawHttp.Response r, String field, boolean valid, int uriLength)
      throws IOException {
    JsonNode p = problem(label, r);
    String detail = p == null ? "" : p.path("detail").asText();
    // the path's {ws} is the workspace a use case names as such
    boolean namesField =
        detail.startsWith(field + ": ")
            || field.equals("ws") && detail.matches("(?s)workspaces?: .*");
    if (valid) {
      // refused for its length, form or type; "no conversation 'x'" is a refusal of another kind
      if (r.status() == 400 && namesField && LIMIT.matcher(detail).find()) {
        failures.add(label + ": refused a valid value: " + detail);
      }
    } else if (uriLength > 8000) {
      if (r.status() < 400) {
        failures.add(label + ": accepted (" + r.status() + ")");
      }
    } else if (field.matches("ws|id|principal|path|source")
        && (r.status() == 404 || p != null && p.path("type").asText().endsWith(":bad-request"))) {
      return; // nothing has that id, or Jetty refused the path before any route could name it
    } else if (r.status() < 400
        || !(namesField || field.equals("body") && NAMED.matcher(detail).matches())) {
      failures.add(
          label
              + ": expected a problem naming "
              + field
              + ", got "
              + r.status()
              + " "
              + shorten(r.body()));
    }
  }

  /**
   * The problem {@code r} carries when it is an error (recording what is wrong with it), else null.
   */
  private JsonNode problem(String label, RawHttp.Response r) throws IOException {
    sent++;

    statuses.merge(r.status(), 1, Integer::sum);
    // 505 is the right answer to an unknown HTTP version: a client error in the 5xx range
    if (r.status() >= 500 && r.status() != 505) {
      failures.add(label + ": " + r.status() + " " + shorten(r.body()));
    }
    if (r.status() < 400) {
      return null;
    }
    if (label.contains(" /v1/")) {
      return openAiError(label, r);
    }
    if (!r.contentType().startsWith("application/problem+json")) {
      failures.add(
          label + ": " + r.status() + " as '" + r.contentType() + "': " + shorten(r.body()));
      return null;
    }
    JsonNode p = r.json();
    if (!p.path("type").asText().startsWith("urn:stratum:problem:")
        || p.path("title").asText().isEmpty()
        || p.path("status").asInt() != r.status()
        || p.path("detail").asText().isEmpty()) {
      failures.add(label + ": not a whole problem: " + shorten(r.body()));
    }
    // an invalid-input problem names its field, or the thing that exists or does not
    if (List.of(400, 405, 413, 414, 415, 431).contains(r.status())
        && !p.path("type").asText().endsWith(":invalid-input")
        && !NAMED.matcher(p.path("detail").asText()).matches()) {
      failures.add(label + ": the detail names no culprit: " + shorten(r.body()));
    }
    return p;
  }

  /**
   * The OpenAI-compatible gateway's errors are in OpenAI's shape ({@code {"error": {"message",
   * "type", "param", "code"}}}) with a message that names its culprit as a problem's detail does;
   * read as a problem for the checks above.
   */
  private JsonNode openAiError(String label, RawHttp.Response r) throws IOException {
    if (!r.contentType().startsWith("application/json")) {
      failures.add(
          label + ": " + r.status() + " as '" + r.contentType() + "': " + shorten(r.body()));
      return null;
    }
    JsonNode e = r.json().path("error");
    String message = e.path("message").asText();
    if (message.isEmpty() || e.path("type").asText().isEmpty()) {
      failures.add(label + ": not a whole OpenAI error: " + shorten(r.body()));
    }
    if (List.of(400, 405, 413, 415).contains(r.status()) && !NAMED.matcher(message).matches()) {
      failures.add(label + ": the message names no culprit: " + shorten(r.body()));
    }
    return SseClient.JSON
        .createObjectNode()
        .put("type", "urn:stratum:openai:" + e.path("type").asText())
        .put("detail", message);
  }

  private static String shorten(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "… (" + s.length() + " characters)";
  }
}
