package io.stratum.app.http;

import static io.stratum.app.docs.SchemaWords.cell;
import static io.stratum.app.docs.SchemaWords.prose;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.app.docs.GitHubSlugs;
import io.stratum.app.docs.SchemaWords;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The operations and schemas of {@code /openapi.json} as Markdown, for {@code
 * docs/reference/http-api.md}: an index of every operation, then each one with its parameters,
 * body, example and responses, then the shared schemas.
 */
final class HttpApiReference {
  /** A shared schema, as a link to its section. */
  private static final Function<String, String> REF =
      name -> "[`%s`](#%s)".formatted(name, name.toLowerCase(Locale.ROOT));

  private HttpApiReference() {}

  static String render(JsonNode spec) {
    StringBuilder md = new StringBuilder();
    md.append("## Operations\n\n");
    md.append("OpenAPI ")
        .append(spec.path("openapi").asText())
        .append(", `")
        .append(spec.path("info").path("title").asText())
        .append("` ")
        .append(spec.path("info").path("version").asText())
        .append(". ")
        .append(prose(spec.path("info").path("description").asText()))
        .append("\n\n");
    md.append("| method | path | what |\n|---|---|---|\n");
    each(
        spec,
        (method, path, op) ->
            md.append(
                "| `%s` | [`%s`](#%s) | %s |\n"
                    .formatted(
                        method,
                        path,
                        GitHubSlugs.slug("`" + method + " " + path + "`"),
                        cell(prose(op.path("summary").asText())))));
    each(spec, (method, path, op) -> operation(md, spec, method, path, op));
    md.append("\n## Schemas\n");
    for (Iterator<Map.Entry<String, JsonNode>> it =
            spec.path("components").path("schemas").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> s = it.next();
      md.append("\n### `").append(s.getKey()).append("`\n\n");
      md.append(SchemaWords.FIELD_HEADER).append('\n');
      SchemaWords.fields(s.getValue(), REF).forEach(f -> md.append(f.row()).append('\n'));
    }
    return md.toString();
  }

  private interface Operation {
    void accept(String method, String path, JsonNode op);
  }

  private static void each(JsonNode spec, Operation visit) {
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        visit.accept(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue());
      }
    }
  }

  private static void operation(
      StringBuilder md, JsonNode spec, String method, String path, JsonNode op) {
    md.append("\n### `").append(method).append(' ').append(path).append("`\n\n");
    md.append(prose(op.path("summary").asText())).append(". ");
    md.append(access(spec, op)).append('\n');
    if (op.path("parameters").size() > 0) {
      md.append("\n| parameter | in | required | type | limits | meaning |\n");
      md.append("|---|---|---|---|---|---|\n");
      for (JsonNode p : op.get("parameters")) {
        md.append(
            "| `%s` | %s | %s | %s | %s | %s |\n"
                .formatted(
                    p.path("name").asText(),
                    p.path("in").asText(),
                    p.path("required").asBoolean() ? "yes" : "",
                    cell(SchemaWords.type(p.path("schema"), REF)),
                    cell(SchemaWords.limits(p.path("schema"))),
                    cell(prose(p.path("description").asText()))));
      }
    }
    JsonNode body = op.path("requestBody");
    for (Iterator<Map.Entry<String, JsonNode>> it = body.path("content").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> c = it.next();
      md.append("\nRequest body, `")
          .append(c.getKey())
          .append('`')
          .append(body.path("required").asBoolean() ? " (required)" : "")
          .append(":\n\n");
      md.append(SchemaWords.FIELD_HEADER).append('\n');
      SchemaWords.fields(c.getValue().path("schema"), REF)
          .forEach(f -> md.append(f.row()).append('\n'));
      example(md, c.getKey(), c.getValue().path("example"));
    }
    md.append("\n| status | meaning | body |\n|---|---|---|\n");
    for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      StringBuilder bodies = new StringBuilder();
      r.getValue()
          .path("content")
          .fields()
          .forEachRemaining(
              c -> {
                bodies
                    .append(bodies.isEmpty() ? "" : ", ")
                    .append('`')
                    .append(c.getKey())
                    .append('`');
                String shape = SchemaWords.shape(c.getValue().path("schema"), REF);
                if (!shape.isEmpty()) {
                  bodies.append(" ").append(shape);
                }
              });
      md.append(
          "| %s | %s | %s |\n"
              .formatted(
                  r.getKey(),
                  cell(r.getValue().path("description").asText()),
                  cell(bodies.toString())));
    }
    responseExamples(md, op);
  }

  /** Who may call: the operation's security requirements, else the document's, in words. */
  private static String access(JsonNode spec, JsonNode op) {
    JsonNode requirements = op.has("security") ? op.get("security") : spec.path("security");
    if (requirements.isEmpty()) {
      return "No credential needed.";
    }
    List<String> ways = new ArrayList<>();
    for (JsonNode requirement : requirements) {
      requirement
          .fieldNames()
          .forEachRemaining(
              name -> {
                JsonNode scheme = spec.path("components").path("securitySchemes").path(name);
                ways.add(
                    "bearer".equals(scheme.path("scheme").asText())
                        ? "`Authorization: Bearer <token>`"
                        : "apiKey".equals(scheme.path("type").asText())
                            ? "the `%s` %s"
                                .formatted(scheme.path("name").asText(), scheme.path("in").asText())
                            : "`" + name + "`");
              });
    }
    return "Needs " + String.join(", or ", ways) + ".";
  }

  /** The examples of the responses that have one. */
  private static void responseExamples(StringBuilder md, JsonNode op) {
    op.path("responses")
        .fields()
        .forEachRemaining(
            r ->
                r.getValue()
                    .path("content")
                    .fields()
                    .forEachRemaining(c -> example(md, c.getKey(), c.getValue().path("example"))));
  }

  private static void example(StringBuilder md, String contentType, JsonNode example) {
    if (example.isMissingNode()) {
      return;
    }
    boolean json = contentType.contains("json");
    md.append("\n```").append(json ? "json" : "text").append('\n');
    md.append(json ? example.toString() : example.asText().strip()).append("\n```\n");
  }
}
