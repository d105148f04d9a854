package io.stratum.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the OpenAI-compatible surfaces refuse in a request's history and tools, with the service's
 * own messages: an input item OpenAI's published API does not describe (an assistant message whose
 * content parts are {@code output_text} without the {@code id} and {@code status} of an output
 * message), a tool result with no call before it, a call with no result, and a function whose
 * schema does not meet strict mode when strict applies. Strict applies on Responses unless a tool
 * says {@code strict: false}; on Chat only when it says {@code strict: true}.
 */
final class OpenAiRequestRules {
  private static final List<String> INPUT_PARTS =
      List.of("input_text", "input_image", "input_file");

  private OpenAiRequestRules() {}

  /** Responses {@code input}: every item valid, every function_call answered and vice versa. */
  static void responsesInput(JsonNode input) {
    if (!input.isArray()) {
      return; // a string
    }
    Set<String> calls = new LinkedHashSet<>();
    Set<String> answered = new LinkedHashSet<>();
    for (int i = 0; i < input.size(); i++) {
      JsonNode item = input.get(i);
      String type = item.path("type").asText(item.has("role") ? "message" : "");
      String at = "input[" + i + "]";
      switch (type) {
        case "message" -> message(item, at);
        case "function_call" -> {
          for (String f : List.of("call_id", "name", "arguments")) {
            if (!item.path(f).isTextual()) {
              throw missing(at + "." + f);
            }
          }
          calls.add(item.get("call_id").asText());
        }
        case "function_call_output" -> {
          String id = item.path("call_id").asText("");
          if (!calls.contains(id)) {
            throw SimError.invalid(
                "No tool call found for function call output with call_id " + id + ".",
                "input",
                null);
          }
          answered.add(id);
        }
        case "reasoning", "item_reference" -> {}
        default ->
            throw SimError.invalid(
                "Invalid value: '"
                    + type
                    + "'. Supported values are: 'message', 'function_call', 'function_call_output',"
                    + " 'reasoning', and 'item_reference'.",
                at + ".type",
                "invalid_value");
      }
    }
    for (String id : calls) {
      if (!answered.contains(id)) {
        throw SimError.invalid("No tool output found for function call " + id + ".", "input", null);
      }
    }
  }

  private static void message(JsonNode item, String at) {
    String role = item.path("role").asText("");
    if (!List.of("user", "assistant", "system", "developer").contains(role)) {
      throw SimError.invalid(
          "Invalid value: '"
              + role
              + "'. Supported values are: 'user', 'assistant', 'system', and 'developer'.",
          at + ".role",
          "invalid_value");
    }
    JsonNode content = item.path("content");
    if (content.isTextual()) {
      return;
    }
    if (!content.isArray()) {
      throw missing(at + ".content");
    }
    // an output message (as the service returned it) carries its id and status
    boolean output = role.equals("assistant") && item.has("id") && item.has("status");
    for (int j = 0; j < content.size(); j++) {
      String part = content.get(j).path("type").asText("");
      boolean ok =
          output ? List.of("output_text", "refusal").contains(part) : INPUT_PARTS.contains(part);
      if (!ok) {
        throw SimError.invalid(
            "Invalid value: '"
                + part
                + "'. Supported values are: "
                + (output
                    ? "'output_text' and 'refusal'."
                    : "'input_text', 'input_image', and 'input_file'."),
            at + ".content[" + j + "].type",
            "invalid_value");
      }
    }
  }

  /** Chat {@code messages}: a tool message answers a preceding call; every call is answered. */
  static void chatMessages(JsonNode messages) {
    Set<String> pending = new LinkedHashSet<>();
    int callsAt = -1;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText("");
      if (role.equals("tool")) {
        if (!pending.remove(m.path("tool_call_id").asText(""))) {
          throw SimError.invalid(
              "Invalid parameter: messages with role 'tool' must be a response to a preceeding"
                  + " message with 'tool_calls'.",
              "messages.[" + i + "].role",
              null);
        }
        continue;
      }
      unanswered(pending, callsAt);
      if (role.equals("assistant")) {
        for (JsonNode c : m.path("tool_calls")) {
          pending.add(c.path("id").asText(""));
        }
        callsAt = i;
      }
    }
    unanswered(pending, callsAt);
  }

  private static void unanswered(Set<String> pending, int callsAt) {
    if (!pending.isEmpty()) {
      throw SimError.invalid(
          "An assistant message with 'tool_calls' must be followed by tool messages responding to"
              + " each 'tool_call_id'. The following tool_call_ids did not have response messages: "
              + String.join(", ", pending),
          "messages.[" + callsAt + "].role",
          null);
    }
  }

  /** Function tools: strict mode's schema rules, when strict applies on this wire. */
  static void tools(JsonNode tools, boolean strictByDefault) {
    for (int i = 0; i < tools.size(); i++) {
      JsonNode t = tools.get(i);
      boolean chat = t.has("function");
      JsonNode fn = chat ? t.get("function") : t;
      JsonNode strict = fn.path("strict");
      boolean applies = strict.isBoolean() ? strict.asBoolean() : strictByDefault;
      if (applies && "function".equals(t.path("type").asText())) {
        String where =
            chat ? "tools[" + i + "].function.parameters" : "tools[" + i + "].parameters";
        strictSchema(fn.path("name").asText(), fn.path("parameters"), "()", where);
      }
    }
  }

  private static void strictSchema(String name, JsonNode schema, String context, String param) {
    if (!"object".equals(schema.path("type").asText())) {
      return;
    }
    String prefix = "Invalid schema for function '" + name + "': In context=" + context + ", ";
    if (!schema.path("additionalProperties").isBoolean()
        || schema.get("additionalProperties").asBoolean()) {
      throw SimError.invalid(
          prefix + "'additionalProperties' is required to be supplied and to be false.",
          param,
          "invalid_function_parameters");
    }
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    for (var p : schema.path("properties").properties()) {
      if (!required.contains(p.getKey())) {
        throw SimError.invalid(
            prefix
                + "'required' is required to be supplied and to be an array including every key in"
                + " properties. Missing '"
                + p.getKey()
                + "'.",
            param,
            "invalid_function_parameters");
      }
      strictSchema(name, p.getValue(), "('properties', '" + p.getKey() + "')", param);
    }
  }

  private static SimError missing(String param) {
    return SimError.invalid(
        "Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
  }
}
