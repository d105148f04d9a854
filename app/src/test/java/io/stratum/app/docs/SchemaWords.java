package io.stratum.app.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A JSON Schema in words, for the generated reference pages: types, limits, field tables. */
public final class SchemaWords {
  /** One field of an object schema, nested fields named by path ({@code results[].title}). */
  public record Field(String name, String type, boolean required, String limits, String meaning) {
    /** The field as a row of a Markdown table: field, type, required, limits, meaning. */
    public String row() {
      return "| `%s` | %s | %s | %s | %s |"
          .formatted(name, cell(type), required ? "yes" : "", cell(limits), cell(meaning.strip()));
    }
  }

  /** The header of a table of fields sent to Stratum. */
  public static final String FIELD_HEADER =
      "| field | type | required | limits | meaning |\n|---|---|---|---|---|";

  /** The header of a table of fields Stratum sends back. */
  public static final String RESULT_HEADER =
      "| field | type | always | limits | meaning |\n|---|---|---|---|---|";

  private SchemaWords() {}

  /** The schema's type: {@code string}, {@code number or null}, {@code array of string}, ... */
  public static String type(JsonNode schema, Function<String, String> ref) {
    if (schema.has("$ref")) {
      String r = schema.get("$ref").asText();
      return ref.apply(r.substring(r.lastIndexOf('/') + 1));
    }
    JsonNode type = schema.path("type");
    String t;
    if (type.isArray()) {
      List<String> types = new ArrayList<>();
      type.forEach(x -> types.add(x.asText()));
      t = String.join(" or ", types);
    } else {
      t = type.asText("any");
    }
    if (t.equals("array") && schema.has("items")) {
      return "array of " + type(schema.get("items"), ref);
    }
    return t;
  }

  /** The schema's limits in words, e.g. {@code 1 to 4000 characters; default 8}. */
  public static String limits(JsonNode s) {
    List<String> words = new ArrayList<>();
    range(words, s, "minLength", "maxLength", "characters");
    if (s.has("minimum") || s.has("maximum")) {
      words.add(
          s.has("minimum") && s.has("maximum")
              ? "from " + s.get("minimum").asText() + " to " + s.get("maximum").asText()
              : s.has("minimum")
                  ? "at least " + s.get("minimum").asText()
                  : "at most " + s.get("maximum").asText());
    }
    if (s.has("multipleOf")) {
      words.add("in steps of " + s.get("multipleOf").asText());
    }
    range(words, s, "minItems", "maxItems", "items");
    if (s.path("uniqueItems").asBoolean()) {
      words.add("no duplicates");
    }
    JsonNode values = s.has("enum") ? s.get("enum") : s.path("items").path("enum");
    if (values.isArray()) {
      List<String> names = new ArrayList<>();
      values.forEach(v -> names.add("`" + v.asText() + "`"));
      words.add("one of " + String.join(", ", names));
    }
    if (s.has("pattern")) {
      words.add("pattern `" + s.get("pattern").asText() + "`");
    }
    if (s.has("format")) {
      words.add("format " + s.get("format").asText());
    }
    if (s.has("default")) {
      words.add("default `" + s.get("default").asText() + "`");
    }
    if (s.has("example")) {
      words.add("e.g. `" + s.get("example").asText() + "`");
    }
    return String.join("; ", words);
  }

  private static void range(List<String> words, JsonNode s, String min, String max, String unit) {
    if (s.has(min) && s.has(max)) {
      words.add(s.get(min).asText() + " to " + s.get(max).asText() + " " + unit);
    } else if (s.has(max)) {
      words.add("at most " + count(s.get(max).asText(), unit));
    } else if (s.has(min)) {
      words.add("at least " + count(s.get(min).asText(), unit));
    }
  }

  /** {@code 1 character}, {@code 2 characters}. */
  private static String count(String n, String unit) {
    return n + " " + (n.equals("1") ? unit.substring(0, unit.length() - 1) : unit);
  }

  /**
   * A response body's schema in a few words: a shared schema's link, or an object's top-level
   * fields with their types ({@code `results`: array of Passage}).
   */
  public static String shape(JsonNode schema, Function<String, String> ref) {
    if (!schema.has("properties")) {
      return schema.has("$ref") ? type(schema, ref) : "";
    }
    List<String> parts = new ArrayList<>();
    schema
        .path("properties")
        .fields()
        .forEachRemaining(p -> parts.add("`" + p.getKey() + "`: " + type(p.getValue(), ref)));
    return String.join(", ", parts);
  }

  /** The fields of an object schema, nested objects and arrays of objects flattened by path. */
  public static List<Field> fields(JsonNode schema, Function<String, String> ref) {
    List<Field> out = new ArrayList<>();
    fields(schema, "", out, ref);
    return out;
  }

  private static void fields(
      JsonNode schema, String prefix, List<Field> out, Function<String, String> ref) {
    Set<String> required = new HashSet<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      JsonNode s = p.getValue();
      String name = prefix + p.getKey();
      out.add(
          new Field(
              name,
              type(s, ref),
              required.contains(p.getKey()),
              limits(s),
              s.path("description").asText("")));
      if (s.has("properties")) {
        fields(s, name + ".", out, ref);
      } else if (s.path("items").has("properties")) {
        fields(s.get("items"), name + "[].", out, ref);
      }
    }
  }

  /** Text made safe for a Markdown table cell: pipes escaped, lines joined. */
  public static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /**
   * Prose from a schema or spec made safe for Markdown: angle brackets would be read as HTML tags
   * (and dropped), so they become entities.
   */
  public static String prose(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
