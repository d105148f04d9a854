package io.stratum.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The values the bad-input suite sends for one field, read from the field's schema in {@code
 * /openapi.json}: values at each documented limit, which must pass, and values past it, of the
 * wrong type, with NUL bytes or invalid UTF-8, which must be refused naming the field. A field
 * whose schema documents no limit is itself a finding.
 */
final class BadValues {
  private BadValues() {}

  /**
   * One value, as a JSON literal (for bodies) and as percent-encoded text (for URLs); {@code url}
   * is null for a value that is only wrong as JSON (the number 7 is fine text in a query).
   */
  record Value(String label, byte[] json, String url, boolean valid) {
    static Value of(String label, String text, boolean valid) {
      return new Value(
          label,
          SseClient.JSON.valueToTree(text).toString().getBytes(StandardCharsets.UTF_8),
          URLEncoder.encode(text, StandardCharsets.UTF_8),
          valid);
    }

    static Value literal(String label, String json, boolean valid) {
      return new Value(
          label,
          json.getBytes(StandardCharsets.UTF_8),
          URLEncoder.encode(json, StandardCharsets.UTF_8),
          valid);
    }
  }

  /** Why the spec leaves a field unbounded, or null when it documents its limits. */
  static String missingLimit(JsonNode schema) {
    String type = type(schema);
    return switch (type) {
      case "string" ->
          schema.has("maxLength") || schema.has("enum") || schema.has("format")
              ? null
              : "no maxLength";
      case "integer", "number" -> schema.has("maximum") ? null : "no maximum";
      case "array" -> schema.has("maxItems") ? null : "no maxItems";
      default -> null;
    };
  }

  static List<Value> of(JsonNode schema) {
    return switch (type(schema)) {
      case "string" -> strings(schema);
      case "integer", "number" -> numbers(schema);
      case "boolean" ->
          List.of(
              Value.literal("true", "true", true),
              Value.literal("the string 'yes'", "\"yes\"", false),
              Value.literal("the number 1", "1", false));
      case "array" -> arrays(schema);
      default -> List.of();
    };
  }

  private static String type(JsonNode schema) {
    JsonNode t = schema.path("type");
    return t.isArray() ? t.get(0).asText() : t.asText();
  }

  private static List<Value> strings(JsonNode schema) {
    List<Value> out = new ArrayList<>();
    if (schema.has("enum")) {
      schema.get("enum").forEach(e -> out.add(Value.of("'" + e.asText() + "'", e.asText(), true)));
      out.add(Value.of("a value outside the enum", "nope", false));
    } else if (schema.has("example")) {
      out.add(Value.of("the example", schema.get("example").asText(), true));
      out.add(Value.of("garbage", "not-" + schema.get("example").asText() + "!", false));
    }
    int max = schema.path("maxLength").asInt(0);
    if (max > 0 && !schema.has("enum") && !schema.has("example")) {
      out.add(Value.of(max + " characters (the limit)", "a".repeat(max), true));
    }
    if (max > 0) {
      out.add(Value.of((max + 1) + " characters", "a".repeat(max + 1), false));
    }
    out.add(Value.of("100000 characters", "a".repeat(100_000), false));
    out.add(Value.of("a NUL byte", "a\u0000b", false));
    out.add(Value.of("a line break and a bell", "a\nb\u0007", false));
    out.add(
        new Value(
            "invalid UTF-8", new byte[] {'"', 'a', (byte) 0xC3, '(', 'b', '"'}, "a%C3%28b", false));
    out.add(
        new Value(
            "a lone surrogate",
            "\"a\\ud800b\"".getBytes(StandardCharsets.UTF_8),
            "a%ED%A0%80b",
            false));
    for (Value v :
        List.of(
            Value.literal("the number 7", "7", false),
            Value.literal("an object", "{\"a\":1}", false),
            Value.literal("a list", "[\"a\"]", false))) {
      out.add(new Value(v.label(), v.json(), null, false));
    }
    return out;
  }

  private static List<Value> numbers(JsonNode schema) {
    boolean integer = type(schema).equals("integer");
    List<Value> out = new ArrayList<>();
    BigDecimal max = schema.has("maximum") ? schema.get("maximum").decimalValue() : null;
    BigDecimal min = schema.has("minimum") ? schema.get("minimum").decimalValue() : null;
    if (min != null) {
      out.add(Value.literal(min + " (the minimum)", min.toPlainString(), true));
      BigDecimal below =
          integer
              ? min.subtract(BigDecimal.ONE)
              : min.signum() == 0 ? new BigDecimal("-0.01") : min.divide(BigDecimal.TEN);
      out.add(Value.literal(below.toPlainString(), below.toPlainString(), false));
    }
    if (max != null) {
      out.add(Value.literal(max + " (the maximum)", max.toPlainString(), true));
      BigDecimal above = integer ? max.add(BigDecimal.ONE) : max.add(new BigDecimal("0.01"));
      out.add(Value.literal(above.toPlainString(), above.toPlainString(), false));
    }
    out.add(Value.literal("-1", "-1", false));
    out.add(Value.literal("1e30", "1e30", false));
    out.add(Value.literal("1e999999", "1e999999", false));
    out.add(Value.literal("1000 digits", "9".repeat(1000), false));
    out.add(Value.literal("5000 digits", "9".repeat(5000), false));
    out.add(Value.literal("1e-9", "1e-9", false));
    if (integer) {
      out.add(Value.literal("1.5", "1.5", false));
    }
    out.add(Value.of("the string 'abc'", "abc", false));
    out.add(Value.literal("true", "true", false));
    out.add(
        new Value("a NUL byte", "\"1\\u0000\"".getBytes(StandardCharsets.UTF_8), "1%00", false));
    return out;
  }

  private static List<Value> arrays(JsonNode schema) {
    List<Value> out = new ArrayList<>();
    int max = schema.path("maxItems").asInt(0);
    JsonNode items = schema.path("items");
    String valid =
        items.has("enum")
            ? items.get("enum").get(0).asText()
            : items.path("example").asText("security");
    if (max > 0) {
      out.add(Value.literal(max + " items (the limit)", list(valid, max), true));
      out.add(Value.literal((max + 1) + " items", list(valid, max + 1), false));
    }
    out.add(Value.literal("10000 items", list(valid, 10_000), false));
    out.add(Value.literal("a number among the items", "[\"" + valid + "\", 7]", false));
    out.add(Value.literal("an item of 100000 characters", list("a".repeat(100_000), 1), false));
    out.add(Value.literal("a string", "\"" + valid + "\"", false));
    out.add(Value.literal("an object", "{\"a\":1}", false));
    return out;
  }

  private static String list(String item, int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "\"" : ",\"").append(item).append('"');
    }
    return b.append(']').toString();
  }
}
