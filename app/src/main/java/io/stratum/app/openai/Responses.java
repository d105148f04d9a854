package io.stratum.app.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.app.usecase.Gateway;
import io.stratum.app.usecase.Inputs;
import io.stratum.app.usecase.InvalidInputException;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.Role;
import io.stratum.dispatch.ToolCall;
import io.stratum.dispatch.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI's Responses ({@code POST /v1/responses}), stateless: the caller sends the whole
 * conversation in {@code input} (messages, {@code function_call} and {@code function_call_output}
 * items), nothing is stored, and {@code previous_response_id} is refused saying so.
 */
final class Responses {
  static final String SURFACE = "responses";

  /** The parameters read into the request (or refused, for the stateful ones). */
  private static final Set<String> CARRIED =
      Set.of(
          "model",
          "input",
          "instructions",
          "max_output_tokens",
          "temperature",
          "top_p",
          "reasoning",
          "tools",
          "tool_choice",
          "stream",
          "previous_response_id",
          "background",
          "conversation",
          "prompt");

  /** OpenAI's parameters no backend here takes: dropped and named whatever their value. */
  private static final List<String> DROPPED =
      List.of(
          "metadata",
          "user",
          "include",
          "service_tier",
          "prompt_cache_key",
          "prompt_cache_retention",
          "safety_identifier",
          "top_logprobs",
          "max_tool_calls",
          "stream_options");

  /** As {@link #DROPPED}, but only when they ask for more than their default (the value here). */
  private static final Map<String, String> DEFAULTS =
      Fields.ordered(
          "store", "false",
          "parallel_tool_calls", "true",
          "truncation", "\"disabled\"",
          "text", "{\"format\":{\"type\":\"text\"}}");

  private Responses() {}

  /** A parsed request, with the request fields a response echoes. */
  record Parsed(Gateway.Call call, JsonNode echo) {}

  static Parsed parse(JsonNode body) {
    Fields.known(body, CARRIED, DROPPED, DEFAULTS, "responses");
    String model = Fields.model(body);
    for (String stateful : List.of("previous_response_id", "conversation", "prompt")) {
      if (body.hasNonNull(stateful)) {
        throw new InvalidInputException(
            stateful,
            "Stratum keeps no responses, conversations or prompts: send the whole conversation in input");
      }
    }
    if (Fields.bool(body, "background", false)) {
      throw new InvalidInputException("background", "background responses are not served");
    }
    List<String> dropped = new ArrayList<>();
    Fields.notCarried(body, DROPPED, DEFAULTS, dropped);
    JsonNode reasoning = body.path("reasoning");
    if (reasoning.hasNonNull("summary")) {
      dropped.add(
          "reasoning.summary=" + reasoning.get("summary") + " (not carried: summaries as served)");
    }
    List<ToolSpec> tools = Fields.tools(body, false);
    if (!Fields.toolChoice(body, dropped)) {
      tools = List.of();
    }
    List<ChatMessage> messages = new ArrayList<>();
    String instructions = Fields.text(body, "instructions", "instructions");
    if (instructions != null && !instructions.isEmpty()) {
      messages.add(ChatMessage.system(instructions));
    }
    input(body.get("input"), messages);
    ChatRequest request =
        new ChatRequest(
            messages,
            Fields.count(body, "max_output_tokens", 1_000_000),
            Fields.number(body, "temperature", "temperature", 0, 2),
            Fields.number(body, "top_p", "top_p", 0, 1),
            List.of(),
            Fields.effort(reasoning, "effort", "reasoning.effort"),
            Map.of(),
            tools);
    return new Parsed(
        new Gateway.Call(SURFACE, model, request, Fields.bool(body, "stream", false), dropped),
        body);
  }

  private static void input(JsonNode v, List<ChatMessage> out) {
    if (v == null || v.isNull()) {
      throw new InvalidInputException("input", "is required");
    }
    if (v.isTextual()) {
      out.add(ChatMessage.user(v.asText()));
      return;
    }
    Fields.items(v, "input", "a string or a list of 1 to %d items");
    for (int i = 0; i < v.size(); i++) {
      item(v.get(i), "input[" + i + "]", out);
    }
  }

  private static void item(JsonNode item, String path, List<ChatMessage> out) {
    String type = item.path("type").asText("message");
    switch (type) {
      case "message" -> {
        String role = Fields.text(item, "role", path + ".role");
        String text = Content.text(item.get("content"), path + ".content");
        out.add(
            switch (role == null ? "" : role) {
              case "system", "developer" -> ChatMessage.system(text);
              case "user" -> ChatMessage.user(text);
              case "assistant" -> ChatMessage.assistant(text);
              default ->
                  throw new InvalidInputException(
                      path + ".role",
                      "expected system, developer, user or assistant, got "
                          + Inputs.echo(item.path("role").toString()));
            });
      }
      case "function_call" -> {
        ToolCall call =
            new ToolCall(
                required(item, "call_id", path),
                required(item, "name", path),
                item.path("arguments").asText("{}"));
        ChatMessage last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && last.role() == Role.ASSISTANT) {
          List<ToolCall> calls = new ArrayList<>(last.toolCalls());
          calls.add(call);
          out.set(out.size() - 1, ChatMessage.assistant(last.text(), calls));
        } else {
          out.add(ChatMessage.assistant("", List.of(call)));
        }
      }
      case "function_call_output" ->
          out.add(
              ChatMessage.toolResult(
                  required(item, "call_id", path),
                  Content.text(item.get("output"), path + ".output")));
      case "reasoning" -> {} // earlier reasoning is the model's own; nothing to send back
      default ->
          throw new InvalidInputException(
              path + ".type",
              "expected message, function_call, function_call_output or reasoning, got '"
                  + Inputs.echo(type)
                  + "'");
    }
  }

  private static String required(JsonNode item, String field, String path) {
    String v = Fields.text(item, field, path + "." + field);
    if (v == null || v.isBlank()) {
      throw new InvalidInputException(path + "." + field, "is required");
    }
    return v;
  }

  /** The {@code response} object: its output items, status, usage and the request's settings. */
  static Map<String, Object> response(
      String id, long created, String status, JsonNode echo, String model, List<Object> output) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("id", id);
    b.put("object", "response");
    b.put("created_at", created);
    b.put("status", status);
    b.put("error", null);
    b.put("incomplete_details", null);
    b.put("instructions", echo.path("instructions").isTextual() ? echo.get("instructions") : null);
    b.put("max_output_tokens", echo.get("max_output_tokens"));
    b.put("model", model);
    b.put("output", output);
    b.put("parallel_tool_calls", true);
    b.put("previous_response_id", null);
    Map<String, Object> reasoning = new LinkedHashMap<>();
    reasoning.put("effort", echo.path("reasoning").get("effort"));
    reasoning.put("summary", null);
    b.put("reasoning", reasoning);
    b.put("store", false);
    b.put("temperature", echo.get("temperature"));
    b.put("text", Map.of("format", Map.of("type", "text")));
    b.put("tool_choice", echo.hasNonNull("tool_choice") ? echo.get("tool_choice") : "auto");
    b.put("tools", echo.hasNonNull("tools") ? echo.get("tools") : List.of());
    b.put("top_p", echo.get("top_p"));
    b.put("truncation", "disabled");
    b.put("usage", null);
    b.put("user", null);
    b.put("metadata", Map.of());
    return b;
  }

  /** The finished response: status and usage from the result. */
  static Map<String, Object> finished(
      String id, long created, JsonNode echo, ChatResult r, List<Object> output) {
    String incomplete = Usages.incomplete(r.stopReason());
    Map<String, Object> b =
        response(
            id,
            created,
            incomplete == null ? "completed" : "incomplete",
            echo,
            r.modelId(),
            output);
    if (incomplete != null) {
      b.put("incomplete_details", Map.of("reason", incomplete));
    }
    b.put("usage", Usages.responses(r.usage()));
    return b;
  }

  /** The OpenAI name of a parameter the dispatcher names in its own words. */
  static String wireName(String normalized) {
    return switch (normalized) {
      case "topP" -> "top_p";
      case "maxOutputTokens" -> "max_output_tokens";
      case "reasoningEffort" -> "reasoning.effort";
      default -> normalized;
    };
  }
}
