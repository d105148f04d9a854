package io.stratum.app.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.app.usecase.Inputs;
import io.stratum.app.usecase.InvalidInputException;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.dispatch.ToolSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of an OpenAI request body, naming each bad one by its path ({@code
 * messages[2].content}) with its value, as OpenAI's {@code param} does. Parameters OpenAI's API
 * defines but no model here takes are accepted and reported as dropped, never sent silently or
 * refused; a parameter OpenAI does not define is refused, as OpenAI refuses it.
 */
final class Fields {
  /** Longest model name accepted. */
  static final int MAX_MODEL_CHARS = 256;

  /** Most stop sequences, tools and messages accepted. */
  static final int MAX_STOP = 16;

  static final int MAX_TOOLS = 128;
  static final int MAX_MESSAGES = 2048;

  private Fields() {}

  /**
   * Refuses every field of {@code body} that is neither carried nor one of OpenAI's that is
   * dropped, naming the first.
   */
  static void known(
      JsonNode body,
      Set<String> carried,
      List<String> dropped,
      Map<String, String> defaults,
      String surface) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!carried.contains(name) && !dropped.contains(name) && !defaults.containsKey(name)) {
        throw new InvalidInputException(
            name, "unknown parameter for " + surface + " (OpenAI's API defines no such field)");
      }
    }
  }

  static String model(JsonNode body) {
    String m = text(body, "model", "model");
    if (m == null) {
      throw new InvalidInputException("model", "is required");
    }
    if (m.isBlank() || m.length() > MAX_MODEL_CHARS) {
      throw new InvalidInputException(
          "model",
          "expected a model name of 1 to %d characters, got '%s'"
              .formatted(MAX_MODEL_CHARS, Inputs.echo(m)));
    }
    return m;
  }

  /** A string field, or null when absent or null. */
  static String text(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidInputException(path, "expected a string, got " + Inputs.echo(v.toString()));
    }
    return v.asText();
  }

  static boolean bool(JsonNode n, String field, boolean dflt) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new InvalidInputException(
          field, "expected true or false, got " + Inputs.echo(v.toString()));
    }
    return v.asBoolean();
  }

  /** A number from {@code min} to {@code max}, or null when absent. */
  static Double number(JsonNode n, String field, String path, double min, double max) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    BigDecimal d = v.isNumber() ? v.decimalValue() : null;
    if (d == null
        || d.compareTo(BigDecimal.valueOf(min)) < 0
        || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new InvalidInputException(
          path,
          "expected a number from %s to %s, got %s"
              .formatted(plain(min), plain(max), Inputs.echo(v.toString())));
    }
    return d.doubleValue();
  }

  /** A whole number of at least 1, or null when absent. */
  static Integer count(JsonNode n, String field, int max) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    BigDecimal d = v.isNumber() ? v.decimalValue() : null;
    if (d == null
        || d.signum() <= 0
        || d.stripTrailingZeros().scale() > 0
        || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new InvalidInputException(
          field,
          "expected a whole number from 1 to %d, got %s".formatted(max, Inputs.echo(v.toString())));
    }
    return d.intValue();
  }

  /** {@code none|minimal|low|medium|high|xhigh}, or null when absent. */
  static ReasoningEffort effort(JsonNode n, String field, String path) {
    String e = text(n, field, path);
    if (e == null) {
      return null;
    }
    try {
      return ReasoningEffort.parse(e);
    } catch (IllegalArgumentException x) {
      throw new InvalidInputException(
          path, "expected none, minimal, low, medium, high or xhigh, got '" + Inputs.echo(e) + "'");
    }
  }

  /** A string or a list of strings (OpenAI's {@code stop}). */
  static List<String> stop(JsonNode body) {
    JsonNode v = body.get("stop");
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (v.isTextual()) {
      return List.of(v.asText());
    }
    if (v.isArray() && v.size() <= MAX_STOP) {
      List<String> out = new ArrayList<>();
      for (JsonNode s : v) {
        if (!s.isTextual()) {
          break;
        }
        out.add(s.asText());
      }
      if (out.size() == v.size()) {
        return out;
      }
    }
    throw new InvalidInputException(
        "stop",
        "expected a string or a list of at most %d strings, got %s"
            .formatted(MAX_STOP, Inputs.echo(v.toString())));
  }

  /**
   * Function tools, in Chat's shape ({@code {type, function: {name, description, parameters}}}) or
   * Responses' ({@code {type, name, description, parameters}}).
   */
  static List<ToolSpec> tools(JsonNode body, boolean nested) {
    JsonNode v = body.get("tools");
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray() || v.size() > MAX_TOOLS) {
      throw new InvalidInputException(
          "tools",
          "expected a list of at most %d tools, got %s"
              .formatted(MAX_TOOLS, Inputs.echo(v.toString())));
    }
    List<ToolSpec> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode t = v.get(i);
      String path = "tools[" + i + "]";
      if (!"function".equals(t.path("type").asText())) {
        throw new InvalidInputException(
            path + ".type",
            "only function tools are served, got " + Inputs.echo(t.path("type").toString()));
      }
      JsonNode fn = nested ? t.path("function") : t;
      String fnPath = nested ? path + ".function" : path;
      String name = text(fn, "name", fnPath + ".name");
      if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new InvalidInputException(
            fnPath + ".name",
            "expected 1 to 64 letters, digits, _ or -, got "
                + (name == null ? "none" : "'" + Inputs.echo(name) + "'"));
      }
      String description = text(fn, "description", fnPath + ".description");
      JsonNode params = fn.get("parameters");
      if (params != null && !params.isNull() && !params.isObject()) {
        throw new InvalidInputException(
            fnPath + ".parameters", "expected a JSON Schema object, got " + params.getNodeType());
      }
      out.add(
          new ToolSpec(
              name,
              description == null ? "" : description,
              params == null || params.isNull() ? "{\"type\":\"object\"}" : params.toString()));
    }
    return out;
  }

  /**
   * {@code tool_choice}: {@code auto} (the default) is carried; {@code none} leaves the tools out;
   * anything else the backends cannot promise is reported as dropped.
   *
   * @return whether the tools stay
   */
  static boolean toolChoice(JsonNode body, List<String> dropped) {
    JsonNode v = body.get("tool_choice");
    if (v == null || v.isNull() || "auto".equals(v.asText(null))) {
      return true;
    }
    if ("none".equals(v.asText(null))) {
      return false;
    }
    if (v.isTextual() && !v.asText().equals("required") || !v.isTextual() && !v.isObject()) {
      throw new InvalidInputException(
          "tool_choice",
          "expected none, auto, required or a named function, got " + Inputs.echo(v.toString()));
    }
    dropped.add("tool_choice=" + Inputs.echo(v.toString()) + " (not carried: the model chooses)");
    return true;
  }

  /**
   * Records each of {@code always} that is present as dropped, and each of {@code defaults} that
   * holds anything but its default's value.
   */
  static void notCarried(
      JsonNode body, List<String> always, Map<String, String> defaults, List<String> dropped) {
    always.forEach(f -> notCarried(body, f, null, dropped));
    defaults.forEach((f, harmless) -> notCarried(body, f, harmless, dropped));
  }

  /** {@code key, value, key, value...} as a map that keeps their order. */
  static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * {@code v}, the value of {@code field}, which must be a list of 1 to {@link #MAX_MESSAGES}
   * items.
   *
   * @param expected what the error says was expected, with {@code %d} for the limit
   */
  static JsonNode items(JsonNode v, String field, String expected) {
    if (v == null || v.isNull()) {
      throw new InvalidInputException(field, "is required");
    }
    if (!v.isArray() || v.isEmpty() || v.size() > MAX_MESSAGES) {
      throw new InvalidInputException(
          field,
          "expected %s, got %s"
              .formatted(expected.formatted(MAX_MESSAGES), Inputs.echo(v.toString())));
    }
    return v;
  }

  /**
   * Records {@code field} as dropped unless it is absent or holds {@code harmless}, its default's
   * value.
   */
  static void notCarried(JsonNode body, String field, String harmless, List<String> dropped) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull() || v.toString().equals(harmless)) {
      return;
    }
    dropped.add(field + "=" + Inputs.echo(v.toString()) + " (not carried by the gateway)");
  }

  private static String plain(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
  }
}
