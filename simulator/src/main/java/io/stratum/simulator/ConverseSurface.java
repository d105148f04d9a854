package io.stratum.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * bedrock-runtime Converse and ConverseStream: request validation with each family's quirks, the
 * JSON response, and the binary event stream.
 */
final class ConverseSurface {
  private static final int DEFAULT_MAX_TOKENS = 4096;

  private final SimCatalog catalog;
  private final ObjectMapper json;
  private final Set<String> cachedPrefixes = ConcurrentHashMap.newKeySet();

  ConverseSurface(SimCatalog catalog, ObjectMapper json) {
    this.catalog = catalog;
    this.json = json;
  }

  void handle(String modelId, boolean stream, JsonNode body, List<Fault> faults, SimExchange out) {
    SimModel model = resolve(modelId);
    if (Fault.find(faults, "not-enabled") != null) {
      throw new SimError(
          403,
          "AccessDeniedException",
          "You don't have access to the model with the specified model ID.");
    }
    Turn turn = play(model, body, faults);
    if (stream) {
      stream(turn, faults, out);
    } else {
      out.json(200, render(turn), Map.of());
    }
  }

  private SimModel resolve(String modelId) {
    SimCatalog.Resolved r =
        catalog
            .resolve(modelId)
            .orElseThrow(() -> SimError.validation("The provided model identifier is invalid."));
    if (!r.model().serves(Surface.CONVERSE)) {
      throw SimError.validation(
          "The model "
              + modelId
              + " does not support the Converse API. Call it through the OpenAI-compatible"
              + " Responses API instead.");
    }
    if (r.model().profileOnly() && !r.viaProfile()) {
      throw SimError.validation(
          "Invocation of model ID "
              + modelId
              + " with on-demand throughput isn't supported. Retry your request with the ID or ARN"
              + " of an inference profile that contains this model.");
    }
    return r.model();
  }

  /** Validates the request against the model's quirks and produces its turn. */
  Turn play(SimModel model, JsonNode body, List<Fault> faults) {
    JsonNode messages = body.path("messages");
    if (!messages.isArray()
        || messages.isEmpty()
        || !"user".equals(messages.get(0).path("role").asText())) {
      throw SimError.validation(
          "A conversation must start with a user message. Try again with a conversation that"
              + " starts with a user message.");
    }
    JsonNode inference = body.path("inferenceConfig");
    boolean hasMax = inference.has("maxTokens");
    int maxTokens =
        hasMax
            ? inference.get("maxTokens").asInt()
            : Math.min(DEFAULT_MAX_TOKENS, model.maxOutputTokens());
    if (maxTokens > model.maxOutputTokens()) {
      throw SimError.validation(
          "The maximum tokens you requested exceeds the model limit of %d. Try again with a maximum tokens value that is lower than %d."
              .formatted(model.maxOutputTokens(), model.maxOutputTokens()));
    }
    if (maxTokens < 1) {
      throw SimError.validation(
          "1 validation error detected: Value '"
              + maxTokens
              + "' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have"
              + " value greater than or equal to 1");
    }
    List<String> stops = new ArrayList<>();
    inference.path("stopSequences").forEach(s -> stops.add(s.asText()));
    if (stops.size() > model.maxStopSequences()) {
      throw SimError.validation(
          "The number of stop sequences (%d) exceeds the limit of %d for this model."
              .formatted(stops.size(), model.maxStopSequences()));
    }
    boolean temperature = inference.has("temperature");
    boolean topP = inference.has("topP");
    JsonNode extra = body.path("additionalModelRequestFields");
    extra
        .fieldNames()
        .forEachRemaining(
            f -> {
              if (model.rejectedFields().contains(f)) {
                throw SimError.validation(
                    "Malformed input request: #: extraneous key ["
                        + f
                        + "] is not permitted, please reformat your input and try again.");
              }
            });
    if (model.temperatureAndTopPExclusive() && temperature && topP) {
      throw SimError.model(
          "`temperature` and `top_p` cannot both be specified for this model. Please use only"
              + " one.");
    }

    String lastUser = lastUserText(messages);
    Reasoning r =
        reasoning(model, extra, body.path("outputConfig"), inference, maxTokens, hasMax, lastUser);
    int[] cache = cache(body.path("system"));
    int input = Math.max(1, tokensIn(body) - cache[0] - cache[1]);
    List<String> tools = new ArrayList<>();
    body.path("toolConfig")
        .path("tools")
        .forEach(t -> tools.add(t.path("toolSpec").path("name").asText()));
    return TurnBuilder.build(
        model,
        lastUser,
        input,
        cache[0],
        cache[1],
        r.tokens,
        r.text,
        r.signature,
        Fault.ceiling(faults, maxTokens, model.maxOutputTokens()),
        stops,
        tools);
  }

  private record Reasoning(int tokens, String text, String signature) {
    static final Reasoning NONE = new Reasoning(0, "", "");
  }

  private Reasoning reasoning(
      SimModel model,
      JsonNode extra,
      JsonNode outputConfig,
      JsonNode inference,
      int maxTokens,
      boolean hasMax,
      String lastUser) {
    JsonNode thinking = extra.path("thinking");
    String text = Replies.reasoning(lastUser);
    switch (model.thinking()) {
      case CLAUDE_BUDGET, CLAUDE_ADAPTIVE, CLAUDE_ADAPTIVE_ONLY -> {
        if (thinking.isMissingNode()) {
          if (model.thinking() == Thinking.CLAUDE_ADAPTIVE_ONLY && inference.has("temperature")) {
            throw SimError.model("`temperature` is deprecated for this model.");
          }
          return Reasoning.NONE;
        }
        String type = thinking.path("type").asText();
        if (model.thinking() == Thinking.CLAUDE_ADAPTIVE_ONLY && !type.equals("adaptive")) {
          throw SimError.model(
              "thinking.type."
                  + type
                  + " is not supported for this model. Use thinking.type.adaptive and"
                  + " output_config.effort to control thinking behavior.");
        }
        if (model.thinking() == Thinking.CLAUDE_ADAPTIVE_ONLY && inference.has("temperature")) {
          throw SimError.model("`temperature` is deprecated for this model.");
        }
        if (type.equals("adaptive")) {
          if (model.thinking() == Thinking.CLAUDE_BUDGET) {
            throw SimError.model(
                "thinking.type: Input tag 'adaptive' found using 'type' does not match any of the"
                    + " expected tags: 'disabled', 'enabled'");
          }
          String effort =
              outputConfig
                  .path("effort")
                  .asText(extra.path("output_config").path("effort").asText(model.defaultEffort()));
          if (!model.efforts().contains(effort)) {
            throw SimError.model(
                "output_config.effort: Input should be "
                    + quoted(model.efforts())
                    + ", got '"
                    + effort
                    + "'");
          }
          rejectSampling(inference);
          return new Reasoning(Replies.tokens(text), text, Replies.signature(text));
        }
        if (!type.equals("enabled")) {
          if (type.equals("disabled")) {
            return Reasoning.NONE;
          }
          throw SimError.model(
              "thinking.type: Input tag '"
                  + type
                  + "' found using 'type' does not match any of the expected tags: 'disabled',"
                  + " 'enabled'");
        }
        if (!thinking.path("budget_tokens").isInt()) {
          throw SimError.model("thinking.enabled.budget_tokens: Field required");
        }
        int budget = thinking.path("budget_tokens").asInt();
        if (budget < 1024) {
          throw SimError.model(
              "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
        }
        if (budget >= maxTokens) {
          throw SimError.model(
              "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our"
                  + " documentation at"
                  + " https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size");
        }
        rejectSampling(inference);
        return new Reasoning(Math.min(budget, Replies.tokens(text)), text, Replies.signature(text));
      }
      case NOVA_REASONING -> {
        JsonNode rc = extra.path("reasoningConfig");
        if (rc.isMissingNode() || !"enabled".equals(rc.path("type").asText())) {
          return Reasoning.NONE;
        }
        String effort = rc.path("maxReasoningEffort").asText("low");
        if (!model.efforts().contains(effort)) {
          throw malformed("reasoningConfig.maxReasoningEffort", model.efforts(), effort);
        }
        if (effort.equals("high")
            && (inference.has("temperature") || inference.has("topP") || hasMax)) {
          throw SimError.validation(
              "When reasoningConfig.maxReasoningEffort is high, inferenceConfig.temperature, topP"
                  + " and maxTokens must not be set.");
        }
        return new Reasoning(Replies.GPT5_REASONING.get(effort) / 4, "[REDACTED]", "");
      }
      case GPT_OSS -> {
        if (!thinking.isMissingNode()) {
          throw SimError.validation(
              "Malformed input request: unknown field `thinking`, please reformat your input and"
                  + " try again.");
        }
        String effort = extra.path("reasoning_effort").asText(model.defaultEffort());
        if (!model.efforts().contains(effort)) {
          throw malformed("reasoning_effort", model.efforts(), effort);
        }
        return new Reasoning(Replies.tokens(text), text, "");
      }
      case ALWAYS -> {
        return new Reasoning(Replies.tokens(text), text, "");
      }
      case GPT5, NONE -> {
        return Reasoning.NONE;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private static SimError malformed(String field, List<String> allowed, String got) {
    return SimError.validation(
        "Malformed input request: %s: expected one of %s, got '%s', please reformat your input and try again."
            .formatted(field, String.join(", ", allowed), got));
  }

  private static void rejectSampling(JsonNode inference) {
    if (inference.has("temperature") && inference.get("temperature").asDouble() != 1.0) {
      throw SimError.model(
          "`temperature` may only be set to 1 when thinking is enabled. Please consult our"
              + " documentation at"
              + " https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility");
    }
  }

  private static String quoted(List<String> values) {
    List<String> q = values.stream().map(v -> "'" + v + "'").toList();
    return String.join(", ", q.subList(0, q.size() - 1)) + " or " + q.get(q.size() - 1);
  }

  /**
   * Cache read and write tokens: a system prompt ending in a cache point is written once, then
   * read.
   */
  private int[] cache(JsonNode system) {
    StringBuilder prefix = new StringBuilder();
    boolean point = false;
    for (JsonNode block : system) {
      if (block.has("text")) {
        prefix.append(block.get("text").asText()).append('\n');
      }
      if (block.has("cachePoint")) {
        point = true;
        break;
      }
    }
    if (!point) {
      return new int[] {0, 0};
    }
    int tokens = Replies.tokens(prefix.toString());
    return cachedPrefixes.add(prefix.toString()) ? new int[] {0, tokens} : new int[] {tokens, 0};
  }

  private static int tokensIn(JsonNode body) {
    int n = 0;
    for (JsonNode s : body.path("system")) {
      n += Replies.tokens(s.path("text").asText());
    }
    for (JsonNode m : body.path("messages")) {
      for (JsonNode c : m.path("content")) {
        n += Replies.tokens(c.path("text").asText());
        n += Replies.tokens(c.path("toolResult").path("content").toString());
      }
    }
    return n;
  }

  static String lastUserText(JsonNode messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if ("user".equals(m.path("role").asText())) {
        StringBuilder text = new StringBuilder();
        for (JsonNode c : m.path("content")) {
          if (c.has("text")) {
            text.append(c.get("text").asText());
          } else if (c.has("toolResult")) {
            text.append("tool result ").append(c.get("toolResult").path("content"));
          }
        }
        return text.toString();
      }
    }
    return "";
  }

  String render(Turn t) {
    ObjectNode root = json.createObjectNode();
    ArrayNode content =
        root.putObject("output").putObject("message").put("role", "assistant").putArray("content");
    if (!t.reasoning().isEmpty()) {
      ObjectNode rt = content.addObject().putObject("reasoningContent").putObject("reasoningText");
      rt.put("text", t.reasoning());
      if (!t.signature().isEmpty()) {
        rt.put("signature", t.signature());
      }
    }
    if (!t.text().isEmpty()) {
      content.addObject().put("text", t.text());
    }
    if (t.callsTool()) {
      ObjectNode use = content.addObject().putObject("toolUse");
      use.put("toolUseId", t.toolId()).put("name", t.toolName());
      use.set("input", parse(t.toolInput()));
    }
    root.put("stopReason", t.stop());
    usage(root.putObject("usage"), t);
    root.putObject("metrics").put("latencyMs", t.latencyMs());
    return root.toString();
  }

  private void usage(ObjectNode u, Turn t) {
    u.put("inputTokens", t.inputTokens());
    u.put("outputTokens", t.outputTokens());
    u.put("totalTokens", t.inputTokens() + t.outputTokens() + t.cacheRead() + t.cacheWrite());
    u.put("cacheReadInputTokens", t.cacheRead());
    u.put("cacheWriteInputTokens", t.cacheWrite());
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The event frames of a turn, in the order Bedrock sends them. */
  List<EventStream.Frame> frames(Turn t) {
    List<EventStream.Frame> frames = new ArrayList<>();
    frames.add(
        event("messageStart", json.createObjectNode().put("role", "assistant"), frames.size()));
    int index = 0;
    if (!t.reasoning().isEmpty()) {
      for (String piece : Replies.pieces(t.reasoning(), 4)) {
        ObjectNode d = delta(index);
        d.putObject("delta").putObject("reasoningContent").put("text", piece);
        frames.add(event("contentBlockDelta", d, frames.size()));
      }
      if (!t.signature().isEmpty()) {
        ObjectNode d = delta(index);
        d.putObject("delta").putObject("reasoningContent").put("signature", t.signature());
        frames.add(event("contentBlockDelta", d, frames.size()));
      }
      frames.add(event("contentBlockStop", delta(index), frames.size()));
      index++;
    }
    if (!t.text().isEmpty()) {
      for (String piece : Replies.pieces(t.text(), 3)) {
        ObjectNode d = delta(index);
        d.putObject("delta").put("text", piece);
        frames.add(event("contentBlockDelta", d, frames.size()));
      }
      frames.add(event("contentBlockStop", delta(index), frames.size()));
      index++;
    }
    if (t.callsTool()) {
      ObjectNode start = delta(index);
      start
          .putObject("start")
          .putObject("toolUse")
          .put("toolUseId", t.toolId())
          .put("name", t.toolName());
      frames.add(event("contentBlockStart", start, frames.size()));
      String input = t.toolInput();
      int half = input.length() / 2;
      for (String part : List.of(input.substring(0, half), input.substring(half))) {
        ObjectNode d = delta(index);
        d.putObject("delta").putObject("toolUse").put("input", part);
        frames.add(event("contentBlockDelta", d, frames.size()));
      }
      frames.add(event("contentBlockStop", delta(index), frames.size()));
    }
    frames.add(
        event("messageStop", json.createObjectNode().put("stopReason", t.stop()), frames.size()));
    ObjectNode meta = json.createObjectNode();
    usage(meta.putObject("usage"), t);
    meta.putObject("metrics").put("latencyMs", t.latencyMs());
    frames.add(event("metadata", meta, frames.size()));
    return frames;
  }

  private ObjectNode delta(int index) {
    return json.createObjectNode().put("contentBlockIndex", index);
  }

  private static EventStream.Frame event(String type, ObjectNode payload, int seed) {
    payload.put("p", Replies.padding(seed));
    return EventStream.Frame.event(type, payload.toString());
  }

  private void stream(Turn turn, List<Fault> faults, SimExchange out) {
    List<EventStream.Frame> frames = frames(turn);
    Fault cut = Fault.find(faults, "cut-after");
    Fault badCrc = Fault.find(faults, "bad-crc-at");
    Fault silence = Fault.find(faults, "silence");
    Fault error = Fault.find(faults, "stream-error");
    out.startStream("application/vnd.amazon.eventstream");
    for (int i = 0; i < frames.size(); i++) {
      if (cut != null && i == cut.number()) {
        byte[] half = EventStream.encode(frames.get(i));
        out.send(Arrays.copyOf(half, half.length / 2));
        throw new SimExchange.Cut();
      }
      if (error != null && i == frames.size() / 2) {
        String type = error.argument().isEmpty() ? "modelStreamErrorException" : error.argument();
        out.send(
            EventStream.encode(
                EventStream.Frame.exception(
                    type, "{\"message\":\"" + streamErrorMessage(type) + "\"}")));
        out.endStream();
        return;
      }
      byte[] bytes = EventStream.encode(frames.get(i));
      if (badCrc != null && i == badCrc.number()) {
        bytes[bytes.length - 1] ^= 0x5A;
      }
      out.send(bytes);
      if (silence != null && i == 0) {
        SimExchange.pause(silence.millis());
      }
    }
    out.endStream();
  }

  static String streamErrorMessage(String type) {
    return switch (type) {
      case "throttlingException" -> "Too many tokens, please wait before trying again.";
      case "serviceUnavailableException" -> "Bedrock is unable to process your request.";
      case "internalServerException" -> "The server encountered an internal error.";
      case "validationException" -> "The model produced output that could not be validated.";
      default -> "The model stream failed: the upstream model stopped responding.";
    };
  }
}
