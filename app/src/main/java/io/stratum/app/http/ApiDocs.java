package io.stratum.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI 3.1 document ({@code /openapi.json}) and a page rendered from it ({@code /docs}) that
 * needs nothing from the internet: regulated networks often cannot load a CDN.
 */
final class ApiDocs {
  /** The page's one inline style; the page has no script. */
  private static final String STYLE =
      "body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
          + "code,pre{background:#f4f4f4;padding:.1em .3em}pre{padding:.6em;overflow:auto}"
          + ".m{display:inline-block;width:4.5em;font-weight:bold}h3{margin-bottom:.2em}";

  /**
   * The page's content security policy: its own style, allowed by its hash, and nothing else; no
   * script, no other source, no framing.
   */
  static final String CSP =
      "default-src 'none'; style-src '%s'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
          .formatted(sha256(STYLE));

  private static final String SPEC = load();
  private static final String PAGE = render(SPEC);

  private ApiDocs() {}

  static void spec(Context ctx) {
    ctx.contentType("application/json");
    ctx.result(SPEC);
  }

  static void page(Context ctx) {
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(PAGE);
  }

  static JsonNode tree() {
    try {
      return new ObjectMapper().readTree(SPEC);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String load() {
    try (InputStream in = ApiDocs.class.getResourceAsStream("/openapi.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read openapi.json from the jar", e);
    }
  }

  static String render(String spec) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(spec);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(esc(root.path("info").path("title").asText()))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>")
        .append("<h1>")
        .append(esc(root.path("info").path("title").asText()))
        .append("</h1><p>")
        .append(esc(root.path("info").path("description").asText()))
        .append("</p><p><a href=\"/openapi.json\">openapi.json</a> (OpenAPI ")
        .append(esc(root.path("openapi").asText()))
        .append(")</p>");
    for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        JsonNode o = op.getValue();
        h.append("<h3><span class=\"m\">")
            .append(op.getKey().toUpperCase(Locale.ROOT))
            .append("</span><code>")
            .append(esc(path.getKey()))
            .append("</code></h3><p>")
            .append(esc(o.path("summary").asText()))
            .append("</p>");
        if (o.has("parameters")) {
          h.append("<ul>");
          for (JsonNode p : o.path("parameters")) {
            h.append("<li><code>")
                .append(esc(p.path("name").asText()))
                .append("</code> (")
                .append(esc(p.path("in").asText()))
                .append(p.path("required").asBoolean() ? ", required" : "")
                .append(") ")
                .append(esc(p.path("description").asText()))
                .append(esc(limits(p.path("schema"))))
                .append("</li>");
          }
          h.append("</ul>");
        }
        JsonNode body = o.path("requestBody").path("content").path("application/json");
        if (body.path("schema").has("properties")) {
          h.append("<ul>");
          body.path("schema")
              .path("properties")
              .fields()
              .forEachRemaining(
                  f ->
                      h.append("<li><code>")
                          .append(esc(f.getKey()))
                          .append("</code> (body)")
                          .append(esc(limits(f.getValue())))
                          .append("</li>"));
          h.append("</ul>");
        }
        JsonNode example = body.path("example");
        if (!example.isMissingNode()) {
          h.append("<pre>").append(esc(example.toString())).append("</pre>");
        }
        h.append("<p>Responses: ");
        for (Iterator<Map.Entry<String, JsonNode>> rs = o.path("responses").fields();
            rs.hasNext(); ) {
          Map.Entry<String, JsonNode> r = rs.next();
          h.append("<code>")
              .append(esc(r.getKey()))
              .append("</code> ")
              .append(esc(r.getValue().path("description").asText()))
              .append(rs.hasNext() ? "; " : "");
        }
        h.append("</p>");
      }
    }
    return h.append("</body></html>").toString();
  }

  /** A schema's limits in words, e.g. "; at most 200 characters", so the page shows them too. */
  static String limits(JsonNode schema) {
    StringBuilder b = new StringBuilder();
    if (schema.has("maxLength")) {
      b.append("; at most ").append(schema.get("maxLength").asText()).append(" characters");
    }
    if (schema.has("minimum") || schema.has("maximum")) {
      b.append("; from ")
          .append(schema.path("minimum").asText("any"))
          .append(" to ")
          .append(schema.path("maximum").asText("any"));
    }
    if (schema.has("maxItems")) {
      b.append("; at most ").append(schema.get("maxItems").asText()).append(" entries");
    }
    JsonNode values = schema.has("enum") ? schema.get("enum") : schema.path("items").path("enum");
    if (values.isArray()) {
      List<String> names = new ArrayList<>();
      values.forEach(v -> names.add(v.asText()));
      b.append("; one of ").append(String.join(", ", names));
    }
    return b.toString();
  }

  private static String sha256(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
