package io.stratum.app.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.javalin.http.Context;
import io.stratum.app.api.UnsupportedMediaTypeException;
import io.stratum.app.usecase.Inputs;
import io.stratum.app.usecase.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A JSON object request body, read field by field; each bad field is named with its value. The body
 * must be {@code application/json} in UTF-8 and one JSON object with nothing after it; what the
 * fields may hold is the use cases' to check, so the CLI and MCP are held to the same limits.
 */
final class RequestBody {
  // Floats as BigDecimal: 1e999999 is a number too large, not an Infinity that breaks the caller.
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

  private final JsonNode node;

  private RequestBody(JsonNode node) {
    this.node = node;
  }

  /**
   * @param example shown when the body is not a JSON object, e.g. {@code {"question": "..."}}
   * @throws UnsupportedMediaTypeException unless the body is {@code application/json} in UTF-8
   */
  static RequestBody parse(Context ctx, String example) {
    requireJson(ctx.contentType());
    return parse(ctx.bodyAsBytes(), example);
  }

  static RequestBody parse(byte[] body, String example) {
    try (JsonParser p = JSON.createParser(body)) {
      JsonNode node;
      try {
        node = JSON.readTree(p);
      } catch (JsonProcessingException e) {
        // Jackson knows which field it was reading (a number too long, invalid UTF-8 in a string)
        String field = fieldOf(p.getParsingContext());
        throw new InvalidInputException(
            field,
            (field.equals("body") ? "expected a JSON object like " + example + ": " : "")
                + e.getOriginalMessage());
      }
      if (node == null || !node.isObject()) {
        throw new InvalidInputException("body", "expected a JSON object like " + example);
      }
      requireEnd(p, example);
      return new RequestBody(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Nothing but white space may follow the object: {@code {...} xyz} is not a request. */
  private static void requireEnd(JsonParser p, String example) throws IOException {
    long end = p.currentLocation().getByteOffset();
    boolean more;
    try {
      more = p.nextToken() != null;
    } catch (JsonProcessingException e) {
      more = true;
    }
    if (more) {
      throw new InvalidInputException(
          "body",
          "expected one JSON object like %s, got more after byte %d".formatted(example, end));
    }
  }

  private static String fieldOf(JsonStreamContext c) {
    for (; c != null; c = c.getParent()) {
      if (c.getCurrentName() != null) {
        return c.getCurrentName();
      }
    }
    return "body";
  }

  /** JSON is UTF-8 (RFC 8259); a charset parameter may say so, and may say nothing else. */
  private static void requireJson(String contentType) {
    if (contentType == null) {
      throw new UnsupportedMediaTypeException("expected application/json, got none");
    }
    String[] parts = contentType.split(";");
    if (!parts[0].strip().equalsIgnoreCase("application/json")) {
      throw new UnsupportedMediaTypeException(
          "expected application/json, got '" + Inputs.echo(contentType) + "'");
    }
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].strip().split("=", 2);
      String value = kv.length < 2 ? "" : kv[1].strip().replace("\"", "");
      if (kv[0].strip().equalsIgnoreCase("charset")
          && !value.toLowerCase(Locale.ROOT).equals("utf-8")) {
        throw new UnsupportedMediaTypeException(
            "expected JSON in UTF-8, got charset '" + Inputs.echo(value) + "'");
      }
    }
  }

  /** The whole object, for a body read by its own rules (the OpenAI-compatible gateway's). */
  JsonNode node() {
    return node;
  }

  String text(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(name, "is required");
    }
    if (!v.isTextual()) {
      throw new InvalidInputException(name, "expected a string, got " + v.getNodeType());
    }
    return v.asText();
  }

  String text(String name, String dflt) {
    return node.hasNonNull(name) ? text(name) : dflt;
  }

  List<String> texts(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(name, "is required");
    }
    if (!v.isArray()) {
      throw new InvalidInputException(name, "expected a list of strings, got " + v.getNodeType());
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw new InvalidInputException(
            name, "expected a list of strings, got " + Inputs.echo(e.toString()));
      }
      out.add(e.asText());
    }
    return out;
  }

  boolean bool(String name, boolean dflt) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new InvalidInputException(
          name, "expected true or false, got " + Inputs.echo(v.toString()));
    }
    return v.asBoolean();
  }

  /** A number, exactly as written, or null when absent. */
  BigDecimal number(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw new InvalidInputException(name, "expected a number, got " + Inputs.echo(v.toString()));
    }
    return v.decimalValue();
  }

  /**
   * A number from {@code min} to {@code max}, or null when absent: for a number the HTTP API takes
   * in a unit of its own (days), before it becomes what the use case takes.
   */
  BigDecimal number(String name, BigDecimal min, BigDecimal max) {
    BigDecimal n = number(name);
    if (n != null && (n.compareTo(min) < 0 || n.compareTo(max) > 0)) {
      throw new InvalidInputException(
          name,
          "expected a number from %s to %s, got %s"
              .formatted(min.toPlainString(), max.toPlainString(), Inputs.echo(n.toString())));
    }
    return n;
  }
}
