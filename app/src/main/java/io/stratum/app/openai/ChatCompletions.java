package io.stratum.app.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.app.usecase.Gateway;
import io.stratum.app.usecase.Inputs;
import io.stratum.app.usecase.InvalidInputException;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.ToolCall;
import io.stratum.dispatch.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI's Chat Completions ({@code POST /v1/chat/completions}): a request body read into a {@link
 * Gateway.Call}, a {@link ChatResult} rendered as a {@code chat.completion}. Text content only;
 * tools and tool results round-trip.
 */
final class ChatCompletions {
  static final String SURFACE = "chat.completions";

  /** The parameters read into the request. */
  private static final Set<String> CARRIED =
      Set.of(
          "model",
          "messages",
          "stream",
          "stream_options",
          "max_tokens",
          "max_completion_tokens",
          "temperature",
          "top_p",
          "stop",
          "reasoning_effort",
          "tools",
          "tool_choice",
          "n");

  /** OpenAI's parameters no backend here takes: dropped and named whatever their value. */
  private static final List<String> DROPPED =
      List.of(
          "user",
          "seed",
          "presence_penalty",
          "frequency_penalty",
          "logit_bias",
          "top_logprobs",
          "metadata",
          "service_tier",
          "modalities",
          "audio",
          "prediction",
          "web_search_options",
          "verbosity",
          "safety_identifier",
          "prompt_cache_key",
          "prompt_cache_retention",
          "functions",
          "function_call");

  /** As {@link #DROPPED}, but only when they ask for more than their default (the value here). */
  private static final Map<String, String> DEFAULTS =
      Fields.ordered(
          "logprobs", "false",
          "store", "false",
          "parallel_tool_calls", "true",
          "response_format", "{\"type\":\"text\"}");

  private ChatCompletions() {}

  /** A parsed request, and whether a stream ends with a usage chunk. */
  record Parsed(Gateway.Call call, boolean includeUsage, String maxTokensName) {}

  static Parsed parse(JsonNode body) {
    Fields.known(body, CARRIED, DROPPED, DEFAULTS, "chat completions");
    String model = Fields.model(body);
    List<String> dropped = new ArrayList<>();
    boolean stream = Fields.bool(body, "stream", false);
    JsonNode options = body.path("stream_options");
    boolean includeUsage = options.path("include_usage").asBoolean(false);
    Integer n = Fields.count(body, "n", 128);
    if (n != null && n != 1) {
      throw new InvalidInputException("n", "only 1 choice is served, got " + n);
    }
    Integer max = Fields.count(body, "max_completion_tokens", 1_000_000);
    String maxName = "max_completion_tokens";
    if (max == null) {
      max = Fields.count(body, "max_tokens", 1_000_000);
      maxName = "max_tokens";
    }
    Fields.notCarried(body, DROPPED, DEFAULTS, dropped);
    List<ToolSpec> tools = Fields.tools(body, true);
    if (!Fields.toolChoice(body, dropped)) {
      tools = List.of();
    }
    ChatRequest request =
        new ChatRequest(
            messages(body),
            max,
            Fields.number(body, "temperature", "temperature", 0, 2),
            Fields.number(body, "top_p", "top_p", 0, 1),
            Fields.stop(body),
            Fields.effort(body, "reasoning_effort", "reasoning_effort"),
            Map.of(),
            tools);
    return new Parsed(
        new Gateway.Call(SURFACE, model, request, stream, dropped), includeUsage, maxName);
  }

  private static List<ChatMessage> messages(JsonNode body) {
    JsonNode v = Fields.items(body.get("messages"), "messages", "a list of 1 to %d messages");
    List<ChatMessage> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      out.add(message(v.get(i), "messages[" + i + "]"));
    }
    return out;
  }

  private static ChatMessage message(JsonNode m, String path) {
    String role = Fields.text(m, "role", path + ".role");
    String text = Content.text(m.get("content"), path + ".content");
    return switch (role == null ? "" : role) {
      case "system", "developer" -> ChatMessage.system(text);
      case "user" -> ChatMessage.user(text);
      case "assistant" -> ChatMessage.assistant(text, calls(m.get("tool_calls"), path));
      case "tool" -> {
        String id = Fields.text(m, "tool_call_id", path + ".tool_call_id");
        if (id == null || id.isBlank()) {
          throw new InvalidInputException(path + ".tool_call_id", "is required");
        }
        yield ChatMessage.toolResult(id, text);
      }
      default ->
          throw new InvalidInputException(
              path + ".role",
              "expected system, developer, user, assistant or tool, got "
                  + Inputs.echo(m.path("role").toString()));
    };
  }

  private static List<ToolCall> calls(JsonNode v, String path) {
    List<ToolCall> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new InvalidInputException(path + ".tool_calls", "expected a list of tool calls");
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode c = v.get(i);
      String p = path + ".tool_calls[" + i + "]";
      String id = Fields.text(c, "id", p + ".id");
      String name = Fields.text(c.path("function"), "name", p + ".function.name");
      String args = Fields.text(c.path("function"), "arguments", p + ".function.arguments");
      if (id == null || name == null) {
        throw new InvalidInputException(p, "expected an id and a function name");
      }
      out.add(new ToolCall(id, name, args == null ? "{}" : args));
    }
    return out;
  }

  /** A {@code chat.completion}, with usage in OpenAI's shape (reasoning tokens included). */
  static Map<String, Object> completion(String id, long created, ChatResult r) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", r.text().isEmpty() && !r.toolCalls().isEmpty() ? null : r.text());
    message.put("refusal", null);
    if (!r.toolCalls().isEmpty()) {
      List<Map<String, Object>> calls = new ArrayList<>();
      for (int i = 0; i < r.toolCalls().size(); i++) {
        calls.add(call(r.toolCalls().get(i), -1));
      }
      message.put("tool_calls", calls);
    }
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("finish_reason", Usages.finish(r));
    choice.put("logprobs", null);
    Map<String, Object> body = header(id, "chat.completion", created, r.modelId());
    body.put("choices", List.of(choice));
    body.put("usage", Usages.chat(r.usage()));
    return body;
  }

  static Map<String, Object> header(String id, String object, long created, String model) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("object", object);
    body.put("created", created);
    body.put("model", model);
    body.put("system_fingerprint", null);
    return body;
  }

  /** A tool call as a message carries it; with {@code index} ≥ 0, as a stream's delta does. */
  static Map<String, Object> call(ToolCall c, int index) {
    Map<String, Object> call = new LinkedHashMap<>();
    if (index >= 0) {
      call.put("index", index);
    }
    call.put("id", c.id());
    call.put("type", "function");
    call.put("function", Map.of("name", c.name(), "arguments", c.argumentsJson()));
    return call;
  }

  /** The OpenAI name of a parameter the dispatcher names in its own words. */
  static String wireName(String normalized, String maxTokensName) {
    return switch (normalized) {
      case "topP" -> "top_p";
      case "maxOutputTokens" -> maxTokensName;
      case "reasoningEffort" -> "reasoning_effort";
      default -> normalized;
    };
  }
}
