package io.stratum.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.app.usecase.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A JSON object request body, read field by field; each bad field is named with its value. */
final class RequestBody {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonNode node;

  private RequestBody(JsonNode node) {
    this.node = node;
  }

  /**
   * @param example shown when the body is not a JSON object, e.g. {@code {"question": "..."}}
   */
  static RequestBody parse(String body, String example) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          "body", "expected a JSON object like " + example + ": " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException("body", "expected a JSON object like " + example);
    }
    return new RequestBody(node);
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
        throw new InvalidInputException(name, "expected a list of strings, got " + e);
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
      throw new InvalidInputException(name, "expected true or false, got " + v);
    }
    return v.asBoolean();
  }

  /** A number, or null when absent. */
  BigDecimal number(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw new InvalidInputException(name, "expected a number, got " + v);
    }
    return v.decimalValue();
  }
}
