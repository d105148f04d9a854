package io.stratum.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.DispatchException;
import io.stratum.dispatch.Plan;
import io.stratum.dispatch.Role;
import io.stratum.dispatch.StopReason;
import io.stratum.dispatch.ToolCall;
import io.stratum.dispatch.ToolSpec;
import io.stratum.dispatch.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Request bodies and result parsing for the Responses and Chat Completions wires. */
final class OpenAiWire {
  static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiWire() {}

  /** What a response said, before the dispatcher adds routing. */
  record Parsed(
      String text, String reasoning, List<ToolCall> calls, StopReason stop, Usage usage) {}

  /**
   * A Responses request as OpenAI's published API describes it: every input item is a valid {@code
   * InputItem} (messages with {@code type: message}, an assistant's text as a plain string, its
   * tool calls as {@code function_call} items before their {@code function_call_output}s), and
   * every function tool says {@code strict} (absent, Responses would enforce strict schemas; Chat
   * would not).
   */
  static ObjectNode responsesBody(Plan p, ChatRequest req, boolean stream) {
    ObjectNode b = JSON.createObjectNode().put("model", p.modelId());
    if (!req.systemText().isEmpty()) {
      b.put("instructions", req.systemText());
    }
    ArrayNode input = b.putArray("input");
    for (ChatMessage m : req.messages()) {
      switch (m.role()) {
        case SYSTEM -> {}
        case USER ->
            input
                .addObject()
                .put("type", "message")
                .put("role", "user")
                .putArray("content")
                .addObject()
                .put("type", "input_text")
                .put("text", m.text());
        case ASSISTANT -> {
          if (!m.text().isEmpty() || m.toolCalls().isEmpty()) {
            input
                .addObject()
                .put("type", "message")
                .put("role", "assistant")
                .put("content", m.text());
          }
          for (ToolCall c : m.toolCalls()) {
            input
                .addObject()
                .put("type", "function_call")
                .put("call_id", c.id())
                .put("name", c.name())
                .put("arguments", c.argumentsJson());
          }
        }
        case TOOL ->
            input
                .addObject()
                .put("type", "function_call_output")
                .put("call_id", m.toolCallId())
                .put("output", m.text());
      }
    }
    if (p.maxOutputTokens() > 0) {
      b.put("max_output_tokens", p.maxOutputTokens());
    }
    if (p.temperature() != null) {
      b.put("temperature", p.temperature());
    }
    if (p.topP() != null) {
      b.put("top_p", p.topP());
    }
    if (p.effort() != null) {
      b.putObject("reasoning").put("effort", p.effort());
    }
    if (!req.tools().isEmpty()) {
      ArrayNode tools = b.putArray("tools");
      for (ToolSpec t : req.tools()) {
        function(tools.addObject().put("type", "function"), t);
      }
    }
    extra(b, p.extra());
    b.put("stream", stream);
    b.put("store", false);
    return b;
  }

  /**
   * A Chat Completions request as OpenAI's published API describes it: an assistant's tool calls
   * ride on its message ({@code tool_calls}, content null when it wrote nothing), so each {@code
   * tool} message answers a preceding call.
   */
  static ObjectNode chatBody(Plan p, ChatRequest req, boolean stream) {
    ObjectNode b = JSON.createObjectNode().put("model", p.modelId());
    ArrayNode messages = b.putArray("messages");
    for (ChatMessage m : req.messages()) {
      ObjectNode o = messages.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT));
      if (m.role() == Role.ASSISTANT && !m.toolCalls().isEmpty()) {
        if (m.text().isEmpty()) {
          o.putNull("content");
        } else {
          o.put("content", m.text());
        }
        ArrayNode calls = o.putArray("tool_calls");
        for (ToolCall c : m.toolCalls()) {
          calls
              .addObject()
              .put("id", c.id())
              .put("type", "function")
              .putObject("function")
              .put("name", c.name())
              .put("arguments", c.argumentsJson());
        }
      } else {
        o.put("content", m.text());
      }
      if (m.toolCallId() != null) {
        o.put("tool_call_id", m.toolCallId());
      }
    }
    if (p.maxOutputTokens() > 0) {
      b.put("max_completion_tokens", p.maxOutputTokens());
    }
    if (p.temperature() != null) {
      b.put("temperature", p.temperature());
    }
    if (p.topP() != null) {
      b.put("top_p", p.topP());
    }
    if (!p.stop().isEmpty()) {
      ArrayNode s = b.putArray("stop");
      p.stop().forEach(s::add);
    }
    if (p.effort() != null) {
      b.put("reasoning_effort", p.effort());
    }
    if (!req.tools().isEmpty()) {
      ArrayNode tools = b.putArray("tools");
      for (ToolSpec t : req.tools()) {
        function(tools.addObject().put("type", "function").putObject("function"), t);
      }
    }
    extra(b, p.extra());
    b.put("stream", stream);
    if (stream) {
      b.putObject("stream_options").put("include_usage", true);
    }
    return b;
  }

  /**
   * A function definition, the same on both wires: {@code strict} is always said, and false, since
   * a caller's schema need not meet strict mode's rules (every property required, no additional
   * ones); left out, Responses would take it as true and Chat as false.
   */
  private static void function(ObjectNode fn, ToolSpec t) {
    fn.put("name", t.name())
        .put("description", t.description())
        .put("strict", false)
        .set("parameters", parse(t.jsonSchema()));
  }

  private static void extra(ObjectNode b, Map<String, Object> extra) {
    extra.forEach((k, v) -> b.set(k, JSON.valueToTree(v)));
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A Responses object: message text, reasoning (summary or raw), function calls, status, usage.
   */
  /**
   * A response that failed: retried like a 5xx, with the usage it reports (a failure after some
   * reasoning is still billed by the service, so it is billed here too).
   */
  static DispatchException failed(String modelId, JsonNode r) {
    JsonNode error = r.path("error");
    return new DispatchException.Retriable(
            modelId
                + ": response.failed: "
                + (error.path("code").isTextual() ? error.get("code").asText() + ": " : "")
                + error.path("message").asText("no message"),
            r.path("id").asText(null),
            null)
        .withUsage(responseUsage(r.path("usage")));
  }

  static Parsed response(JsonNode r) {
    if ("failed".equals(r.path("status").asText())) {
      throw failed(r.path("model").asText("the model"), r);
    }
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode item : r.path("output")) {
      switch (item.path("type").asText()) {
        case "message" -> item.path("content").forEach(c -> text.append(c.path("text").asText("")));
        case "reasoning" -> {
          item.path("content").forEach(c -> reasoning.append(c.path("text").asText("")));
          item.path("summary").forEach(c -> reasoning.append(c.path("text").asText("")));
        }
        case "function_call" ->
            calls.add(
                new ToolCall(
                    item.path("call_id").asText(),
                    item.path("name").asText(),
                    item.path("arguments").asText("{}")));
        default -> {}
      }
    }
    StopReason stop;
    if ("incomplete".equals(r.path("status").asText())) {
      // A truncated answer is MAX_TOKENS; INCOMPLETE means reasoning left no answer at all.
      if ("content_filter".equals(r.path("incomplete_details").path("reason").asText())) {
        stop = StopReason.CONTENT_FILTER;
      } else {
        stop = text.isEmpty() && calls.isEmpty() ? StopReason.INCOMPLETE : StopReason.MAX_TOKENS;
      }
    } else {
      stop = calls.isEmpty() ? StopReason.END_TURN : StopReason.TOOL_USE;
    }
    return new Parsed(
        text.toString(), reasoning.toString(), calls, stop, responseUsage(r.path("usage")));
  }

  /** Responses counts cached tokens inside input_tokens and reasoning inside output_tokens. */
  static Usage responseUsage(JsonNode u) {
    int cached = u.path("input_tokens_details").path("cached_tokens").asInt(0);
    int reasoningTokens = u.path("output_tokens_details").path("reasoning_tokens").asInt(0);
    return new Usage(
        Math.max(0, u.path("input_tokens").asInt(0) - cached),
        Math.max(0, u.path("output_tokens").asInt(0) - reasoningTokens),
        reasoningTokens,
        cached,
        u.path("input_tokens_details").path("cache_write_tokens").asInt(0));
  }

  static Parsed completion(JsonNode r) {
    JsonNode choice = r.path("choices").path(0);
    JsonNode m = choice.path("message");
    List<ToolCall> calls = new ArrayList<>();
    m.path("tool_calls")
        .forEach(
            c ->
                calls.add(
                    new ToolCall(
                        c.path("id").asText(),
                        c.path("function").path("name").asText(),
                        c.path("function").path("arguments").asText("{}"))));
    String reasoning = m.path("reasoning").asText(m.path("reasoning_content").asText(""));
    return new Parsed(
        m.path("content").asText(""),
        reasoning,
        calls,
        finish(choice.path("finish_reason").asText()),
        chatUsage(r.path("usage")));
  }

  static StopReason finish(String reason) {
    return switch (reason) {
      case "length" -> StopReason.MAX_TOKENS;
      case "tool_calls", "function_call" -> StopReason.TOOL_USE;
      case "content_filter" -> StopReason.CONTENT_FILTER;
      default -> StopReason.END_TURN;
    };
  }

  static Usage chatUsage(JsonNode u) {
    int cached = u.path("prompt_tokens_details").path("cached_tokens").asInt(0);
    int reasoningTokens = u.path("completion_tokens_details").path("reasoning_tokens").asInt(0);
    return new Usage(
        Math.max(0, u.path("prompt_tokens").asInt(0) - cached),
        Math.max(0, u.path("completion_tokens").asInt(0) - reasoningTokens),
        reasoningTokens,
        cached,
        0);
  }
}
