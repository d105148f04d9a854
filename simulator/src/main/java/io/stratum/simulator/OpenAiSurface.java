package io.stratum.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI-compatible surfaces of bedrock-runtime ({@code /openai/v1}) and bedrock-mantle ({@code
 * /v1}, {@code /openai/v1}): Responses and Chat Completions, synchronous and streamed, and the
 * model list.
 */
final class OpenAiSurface {
  private final SimCatalog catalog;
  private final ObjectMapper json;
  private final Clock clock;
  private final Duration defaultThinking;

  OpenAiSurface(SimCatalog catalog, ObjectMapper json, Clock clock, Duration defaultThinking) {
    this.catalog = catalog;
    this.json = json;
    this.clock = clock;
    this.defaultThinking = defaultThinking;
  }

  String models(String prefix) {
    ObjectNode root = json.createObjectNode().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (SimModel m : catalog.models()) {
      if (m.openAiPrefixes().contains(prefix)) {
        data.addObject()
            .put("id", m.id())
            .put("object", "model")
            .put("created", 1_767_225_600L)
            .put("owned_by", m.id().substring(0, m.id().indexOf('.')));
      }
    }
    return root.toString();
  }

  private SimModel resolve(JsonNode body, String prefix, Surface surface) {
    if (!body.path("model").isTextual()) {
      throw SimError.invalid(
          "Missing required parameter: 'model'.", "model", "missing_required_parameter");
    }
    String id = body.get("model").asText();
    SimModel m =
        catalog
            .resolve(id)
            .map(SimCatalog.Resolved::model)
            .filter(x -> x.serves(Surface.RESPONSES) || x.serves(Surface.CHAT))
            .orElseThrow(
                () ->
                    new SimError(
                        404,
                        "invalid_request_error",
                        "The model `" + id + "` does not exist or you do not have access to it.",
                        "model",
                        "model_not_found",
                        null));
    if (!m.serves(surface) || !m.openAiPrefixes().contains(prefix)) {
      throw SimError.invalid(
          "model `" + id + "` isn't supported on this route", "model", "model_not_supported");
    }
    return m;
  }

  private record Effort(String level, int reasoningTokens, String visibleReasoning) {}

  /** Effort checks shared by both surfaces; {@code field} names the effort parameter. */
  private Effort effort(
      SimModel m, String requested, String field, String lastUser, List<Fault> faults) {
    Effort e = effort(m, requested, field, lastUser);
    Fault more = Fault.find(faults, "reasoning");
    return more == null || e.reasoningTokens() == 0 && m.thinking() != Thinking.GPT5
        ? e
        : new Effort(e.level(), more.number(), e.visibleReasoning());
  }

  private Effort effort(SimModel m, String requested, String field, String lastUser) {
    String level = requested == null ? m.defaultEffort() : requested;
    switch (m.thinking()) {
      case GPT5 -> {
        requireEffort(m, level, field);
        return new Effort(level, Replies.GPT5_REASONING.get(level), "");
      }
      case GPT_OSS -> {
        requireEffort(m, level, field);
        String r = Replies.reasoning(lastUser);
        return new Effort(level, Replies.tokens(r), r);
      }
      case ALWAYS -> {
        String r = Replies.reasoning(lastUser);
        return new Effort("", Replies.tokens(r), r);
      }
      default -> {
        return new Effort("", 0, "");
      }
    }
  }

  private static void requireEffort(SimModel m, String level, String field) {
    if (!m.efforts().contains(level)) {
      List<String> q = m.efforts().stream().map(v -> "'" + v + "'").toList();
      String supported =
          String.join(", ", q.subList(0, q.size() - 1)) + ", and " + q.get(q.size() - 1);
      throw SimError.invalid(
          "Unsupported value: '"
              + field
              + "' does not support '"
              + level
              + "' with this model. Supported values are: "
              + supported
              + ".",
          field,
          "unsupported_value");
    }
  }

  private static void rejectSampling(SimModel m, Effort e, JsonNode body, String topPField) {
    if (m.thinking() != Thinking.GPT5 || e.level().equals("none")) {
      return;
    }
    for (String p : List.of("temperature", topPField)) {
      if (body.has(p) && !body.get(p).isNull()) {
        throw SimError.invalid(
            "Unsupported parameter: '" + p + "' is not supported with this model.",
            p,
            "unsupported_parameter");
      }
    }
  }

  // ---------------------------------------------------------------- Responses

  void responses(
      String prefix, JsonNode body, List<Fault> faults, Duration thinkOverride, SimExchange out) {
    SimModel m = resolve(body, prefix, Surface.RESPONSES);
    notEnabled(faults, body.path("model").asText());
    OpenAiRequestRules.responsesInput(body.path("input"));
    OpenAiRequestRules.tools(body.path("tools"), true);
    String lastUser = lastUserInput(body.path("input"));
    String instructions = body.path("instructions").asText("");
    Effort e =
        effort(
            m,
            body.path("reasoning").path("effort").isTextual()
                ? body.path("reasoning").path("effort").asText()
                : null,
            "reasoning.effort",
            lastUser,
            faults);
    rejectSampling(m, e, body, "top_p");
    int max =
        body.has("max_output_tokens") && !body.get("max_output_tokens").isNull()
            ? body.get("max_output_tokens").asInt()
            : m.maxOutputTokens();
    if (max < 16) {
      throw SimError.invalid(
          "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got "
              + max
              + " instead.",
          "max_output_tokens",
          "integer_below_min_value");
    }
    if (max > m.maxOutputTokens()) {
      throw SimError.invalid(
          "max_output_tokens is too large: "
              + max
              + ". This model supports at most "
              + m.maxOutputTokens()
              + " output tokens.",
          "max_output_tokens",
          "invalid_value");
    }
    List<String> tools = new ArrayList<>();
    body.path("tools").forEach(t -> tools.add(t.path("name").asText()));
    int input = Math.max(1, Replies.tokens(instructions) + tokensOf(body.path("input")));
    Turn t =
        TurnBuilder.build(
            m,
            lastUser,
            input,
            0,
            0,
            e.reasoningTokens(),
            e.visibleReasoning(),
            "",
            Fault.ceiling(faults, max, m.maxOutputTokens()),
            List.of(),
            tools);
    String id = "resp_" + Replies.digest(body.toString()) + Replies.digest(lastUser);
    Duration think =
        m.thinking() == Thinking.GPT5 && e.reasoningTokens() > 0
            ? (thinkOverride != null ? thinkOverride : defaultThinking)
            : Duration.ZERO;
    Fault failed = Fault.find(faults, "response-failed");
    String phase = failed == null ? "completed" : "failed:" + failedCode(failed);
    if (!body.path("stream").asBoolean(false)) {
      SimExchange.pause(think);
      out.json(200, response(id, m, body, e, t, phase).toString(), Map.of());
      return;
    }
    new ResponsesStream(id, m, body, e, t, think, faults, out).run();
  }

  private static String failedCode(Fault f) {
    return f.argument().isEmpty() ? "server_error" : f.argument();
  }

  private void notEnabled(List<Fault> faults, String id) {
    if (Fault.find(faults, "not-enabled") != null) {
      throw new SimError(
          404,
          "invalid_request_error",
          "The model `" + id + "` does not exist or you do not have access to it.",
          "model",
          "model_not_found",
          null);
    }
  }

  private static String status(Turn t) {
    return t.stop().equals("max_tokens") ? "incomplete" : "completed";
  }

  ObjectNode response(String id, SimModel m, JsonNode body, Effort e, Turn t, String phase) {
    ObjectNode r = json.createObjectNode();
    r.put("id", id).put("object", "response").put("created_at", clock.instant().getEpochSecond());
    boolean failed = phase.startsWith("failed:");
    String status = phase.equals("in_progress") ? "in_progress" : failed ? "failed" : status(t);
    r.put("status", status);
    r.put("model", m.id());
    if (status.equals("incomplete")) {
      r.putObject("incomplete_details").put("reason", "max_output_tokens");
    } else {
      r.putNull("incomplete_details");
    }
    if (failed) {
      r.putObject("error")
          .put("code", phase.substring(7))
          .put("message", "The model failed after it began reasoning; try again.");
    } else {
      r.putNull("error");
    }
    if (body.has("instructions")) {
      r.set("instructions", body.get("instructions"));
    } else {
      r.putNull("instructions");
    }
    r.put(
        "max_output_tokens",
        body.path("max_output_tokens").isInt()
            ? body.get("max_output_tokens").asInt()
            : m.maxOutputTokens());
    ArrayNode output = r.putArray("output");
    if (failed && e.reasoningTokens() > 0) {
      output.add(reasoningItem(id, e, t, true));
    } else if (!phase.equals("in_progress")) {
      items(id, e, t).forEach(output::add);
    }
    r.put("parallel_tool_calls", true);
    ObjectNode reasoning = r.putObject("reasoning");
    if (e.level().isEmpty()) {
      reasoning.putNull("effort");
    } else {
      reasoning.put("effort", e.level());
    }
    reasoning.putNull("summary");
    copyOrNull(r, body, "temperature");
    copyOrNull(r, body, "top_p");
    r.put("tool_choice", "auto");
    r.set("tools", body.has("tools") ? body.get("tools") : json.createArrayNode());
    r.putObject("text").putObject("format").put("type", "text");
    r.put("store", body.path("store").asBoolean(false));
    r.putObject("metadata");
    if (phase.equals("in_progress")) {
      r.putNull("usage");
    } else {
      // a failure after reasoning bills the prompt and the reasoning spent, as the service does
      int out = failed ? t.reasoningTokens() : t.outputTokens();
      ObjectNode u = r.putObject("usage");
      u.put("input_tokens", t.inputTokens());
      u.putObject("input_tokens_details").put("cached_tokens", 0);
      u.put("output_tokens", out);
      u.putObject("output_tokens_details").put("reasoning_tokens", t.reasoningTokens());
      u.put("total_tokens", t.inputTokens() + out);
    }
    return r;
  }

  private static void copyOrNull(ObjectNode r, JsonNode body, String field) {
    if (body.has(field)) {
      r.set(field, body.get(field));
    } else {
      r.put(field, 1.0);
    }
  }

  private List<ObjectNode> items(String id, Effort e, Turn t) {
    List<ObjectNode> items = new ArrayList<>();
    if (e.reasoningTokens() > 0) {
      items.add(reasoningItem(id, e, t, true));
    }
    if (!t.text().isEmpty()) {
      items.add(messageItem(id, t, true));
    }
    if (t.callsTool()) {
      items.add(functionItem(id, t, true));
    }
    return items;
  }

  private ObjectNode reasoningItem(String id, Effort e, Turn t, boolean done) {
    ObjectNode item =
        json.createObjectNode().put("id", "rs_" + id.substring(5)).put("type", "reasoning");
    item.putArray("summary");
    if (!t.reasoning().isEmpty() && done) {
      item.putArray("content").addObject().put("type", "reasoning_text").put("text", t.reasoning());
    }
    return item;
  }

  private ObjectNode messageItem(String id, Turn t, boolean done) {
    ObjectNode item =
        json.createObjectNode()
            .put("id", "msg_" + id.substring(5))
            .put("type", "message")
            .put("role", "assistant");
    item.put(
        "status",
        done ? (t.stop().equals("max_tokens") ? "incomplete" : "completed") : "in_progress");
    ArrayNode content = item.putArray("content");
    if (done) {
      content.add(textPart(t.text()));
    }
    return item;
  }

  private ObjectNode textPart(String text) {
    ObjectNode part = json.createObjectNode().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    part.putArray("logprobs");
    return part;
  }

  private ObjectNode functionItem(String id, Turn t, boolean done) {
    return json.createObjectNode()
        .put("id", "fc_" + id.substring(5))
        .put("type", "function_call")
        .put("call_id", "call_" + t.toolId().substring(8))
        .put("name", t.toolName())
        .put("arguments", done ? t.toolInput() : "")
        .put("status", done ? "completed" : "in_progress");
  }

  /** One streamed response: numbered events, with the faults asked for. */
  private final class ResponsesStream {
    private final String id;
    private final SimModel m;
    private final JsonNode body;
    private final Effort e;
    private final Turn t;
    private final Duration think;
    private final SimExchange out;
    private final Fault cut;
    private final Fault silence;
    private final Fault error;
    private final Fault failed;
    private int seq;

    ResponsesStream(
        String id,
        SimModel m,
        JsonNode body,
        Effort e,
        Turn t,
        Duration think,
        List<Fault> faults,
        SimExchange out) {
      this.id = id;
      this.m = m;
      this.body = body;
      this.e = e;
      this.t = t;
      this.think = think;
      this.out = out;
      this.cut = Fault.find(faults, "cut-after");
      this.silence = Fault.find(faults, "silence");
      this.error = Fault.find(faults, "stream-error");
      this.failed = Fault.find(faults, "response-failed");
    }

    private void emit(String type, ObjectNode data) {
      if (cut != null && seq == cut.number()) {
        throw new SimExchange.Cut();
      }
      ObjectNode ordered = json.createObjectNode().put("type", type);
      ordered.setAll(data);
      ordered.put("sequence_number", seq++);
      out.send("event: " + type + "\ndata: " + ordered + "\n\n");
      if (silence != null && seq == 1) {
        SimExchange.pause(silence.millis());
      }
    }

    void run() {
      out.startStream("text/event-stream; charset=utf-8");
      emit("response.created", obj("response", response(id, m, body, e, t, "in_progress")));
      emit("response.in_progress", obj("response", response(id, m, body, e, t, "in_progress")));
      int index = 0;
      if (e.reasoningTokens() > 0) {
        ObjectNode item = reasoningItem(id, e, t, false);
        emit("response.output_item.added", obj("output_index", index).set("item", item));
        SimExchange.pause(think);
        if (!t.reasoning().isEmpty()) {
          for (String piece : Replies.pieces(t.reasoning(), 4)) {
            emit("response.reasoning_text.delta", part(item, index).put("delta", piece));
          }
          emit("response.reasoning_text.done", part(item, index).put("text", t.reasoning()));
        }
        emit(
            "response.output_item.done",
            obj("output_index", index).set("item", reasoningItem(id, e, t, true)));
        index++;
      }
      if (failed != null) {
        emit(
            "response.failed",
            obj("response", response(id, m, body, e, t, "failed:" + failedCode(failed))));
        out.endStream();
        return;
      }
      if (error != null) {
        ObjectNode err = json.createObjectNode();
        err.put("code", error.argument().isEmpty() ? "server_error" : error.argument());
        err.put("message", "The model stream failed: the upstream model stopped responding.");
        err.putNull("param");
        emit("error", err);
        out.endStream();
        return;
      }
      if (!t.text().isEmpty()) {
        ObjectNode item = messageItem(id, t, false);
        emit("response.output_item.added", obj("output_index", index).set("item", item));
        emit("response.content_part.added", part(item, index).set("part", textPart("")));
        for (String piece : Replies.pieces(t.text(), 3)) {
          ObjectNode d = part(item, index).put("delta", piece);
          d.putArray("logprobs");
          emit("response.output_text.delta", d);
        }
        ObjectNode done = part(item, index).put("text", t.text());
        done.putArray("logprobs");
        emit("response.output_text.done", done);
        emit("response.content_part.done", part(item, index).set("part", textPart(t.text())));
        emit(
            "response.output_item.done",
            obj("output_index", index).set("item", messageItem(id, t, true)));
        index++;
      }
      if (t.callsTool()) {
        ObjectNode item = functionItem(id, t, false);
        emit("response.output_item.added", obj("output_index", index).set("item", item));
        emit(
            "response.function_call_arguments.delta",
            obj("item_id", item.get("id").asText())
                .put("output_index", index)
                .put("delta", t.toolInput()));
        emit(
            "response.function_call_arguments.done",
            obj("item_id", item.get("id").asText())
                .put("output_index", index)
                .put("arguments", t.toolInput())
                .put("name", t.toolName()));
        emit(
            "response.output_item.done",
            obj("output_index", index).set("item", functionItem(id, t, true)));
      }
      String terminal =
          status(t).equals("incomplete") ? "response.incomplete" : "response.completed";
      emit(terminal, obj("response", response(id, m, body, e, t, "done")));
      out.endStream();
    }

    private ObjectNode part(ObjectNode item, int index) {
      return json.createObjectNode()
          .put("item_id", item.get("id").asText())
          .put("output_index", index)
          .put("content_index", 0);
    }
  }

  private ObjectNode obj(String key, JsonNode value) {
    ObjectNode o = json.createObjectNode();
    o.set(key, value);
    return o;
  }

  private ObjectNode obj(String key, int value) {
    return json.createObjectNode().put(key, value);
  }

  private ObjectNode obj(String key, String value) {
    return json.createObjectNode().put(key, value);
  }

  static String lastUserInput(JsonNode input) {
    if (input.isTextual()) {
      return input.asText();
    }
    for (int i = input.size() - 1; i >= 0; i--) {
      JsonNode item = input.get(i);
      if ("function_call_output".equals(item.path("type").asText())) {
        return "tool result " + item.path("output").asText();
      }
      if ("user".equals(item.path("role").asText())) {
        return text(item.path("content"));
      }
    }
    return "";
  }

  private static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder sb = new StringBuilder();
    content.forEach(p -> sb.append(p.path("text").asText()));
    return sb.toString();
  }

  private static int tokensOf(JsonNode input) {
    if (input.isTextual()) {
      return Replies.tokens(input.asText());
    }
    int n = 0;
    for (JsonNode item : input) {
      n += Replies.tokens(text(item.path("content")));
      n += Replies.tokens(item.path("output").asText());
    }
    return n;
  }

  // ---------------------------------------------------------------- Chat Completions

  void chat(String prefix, JsonNode body, List<Fault> faults, SimExchange out) {
    SimModel m = resolve(body, prefix, Surface.CHAT);
    notEnabled(faults, body.path("model").asText());
    JsonNode messages = body.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      throw SimError.invalid(
          "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
          "messages",
          "empty_array");
    }
    OpenAiRequestRules.chatMessages(messages);
    OpenAiRequestRules.tools(body.path("tools"), false);
    String lastUser = "";
    String system = "";
    int input = 0;
    for (JsonNode msg : messages) {
      String text = text(msg.path("content"));
      input += Replies.tokens(text);
      if ("user".equals(msg.path("role").asText())) {
        lastUser = text;
      } else if ("tool".equals(msg.path("role").asText())) {
        lastUser = "tool result " + text;
      } else if ("system".equals(msg.path("role").asText())) {
        system = text;
      }
    }
    Effort e =
        effort(
            m,
            body.path("reasoning_effort").isTextual()
                ? body.get("reasoning_effort").asText()
                : null,
            "reasoning_effort",
            lastUser,
            faults);
    rejectSampling(m, e, body, "top_p");
    int max =
        body.has("max_completion_tokens")
            ? body.get("max_completion_tokens").asInt()
            : body.has("max_tokens") ? body.get("max_tokens").asInt() : m.maxOutputTokens();
    if (max > m.maxOutputTokens()) {
      throw SimError.invalid(
          "max_tokens is too large: "
              + max
              + ". This model supports at most "
              + m.maxOutputTokens()
              + " completion tokens.",
          "max_tokens",
          "invalid_value");
    }
    List<String> stops = new ArrayList<>();
    if (body.path("stop").isTextual()) {
      stops.add(body.get("stop").asText());
    } else {
      body.path("stop").forEach(s -> stops.add(s.asText()));
    }
    if (stops.size() > m.maxStopSequences()) {
      throw SimError.invalid(
          "Invalid 'stop': array too long. Expected an array with maximum length "
              + m.maxStopSequences()
              + ", but got an array with length "
              + stops.size()
              + " instead.",
          "stop",
          "array_above_max_length");
    }
    List<String> tools = new ArrayList<>();
    body.path("tools").forEach(t -> tools.add(t.path("function").path("name").asText()));
    Turn t =
        TurnBuilder.build(
            m,
            lastUser,
            Math.max(1, input),
            0,
            0,
            e.reasoningTokens(),
            e.visibleReasoning(),
            "",
            Fault.ceiling(faults, max, m.maxOutputTokens()),
            stops,
            tools);
    String id = "chatcmpl-" + Replies.digest(body.toString()) + Replies.digest(lastUser);
    if (!body.path("stream").asBoolean(false)) {
      out.json(200, completion(id, m, t).toString(), Map.of());
      return;
    }
    chatStream(
        id, m, t, body.path("stream_options").path("include_usage").asBoolean(false), faults, out);
  }

  private static String finish(Turn t) {
    return switch (t.stop()) {
      case "max_tokens" -> "length";
      case "tool_use" -> "tool_calls";
      default -> "stop";
    };
  }

  private ObjectNode completion(String id, SimModel m, Turn t) {
    ObjectNode r =
        json.createObjectNode()
            .put("id", id)
            .put("object", "chat.completion")
            .put("created", clock.instant().getEpochSecond())
            .put("model", m.id());
    ObjectNode choice = r.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    message.put("content", t.text());
    if (!t.reasoning().isEmpty()) {
      message.put("reasoning", t.reasoning());
    }
    message.putNull("refusal");
    if (t.callsTool()) {
      message.putArray("tool_calls").add(toolCall(t));
    }
    choice.put("finish_reason", finish(t));
    choice.putNull("logprobs");
    r.set("usage", chatUsage(t));
    return r;
  }

  private ObjectNode toolCall(Turn t) {
    ObjectNode call =
        json.createObjectNode()
            .put("id", "call_" + t.toolId().substring(8))
            .put("type", "function");
    call.putObject("function").put("name", t.toolName()).put("arguments", t.toolInput());
    return call;
  }

  private ObjectNode chatUsage(Turn t) {
    ObjectNode u = json.createObjectNode();
    u.put("prompt_tokens", t.inputTokens());
    u.put("completion_tokens", t.outputTokens());
    u.put("total_tokens", t.inputTokens() + t.outputTokens());
    u.putObject("prompt_tokens_details").put("cached_tokens", 0);
    u.putObject("completion_tokens_details").put("reasoning_tokens", t.reasoningTokens());
    return u;
  }

  private void chatStream(
      String id, SimModel m, Turn t, boolean includeUsage, List<Fault> faults, SimExchange out) {
    Fault cut = Fault.find(faults, "cut-after");
    Fault silence = Fault.find(faults, "silence");
    List<ObjectNode> deltas = new ArrayList<>();
    deltas.add(json.createObjectNode().put("role", "assistant").put("content", ""));
    for (String piece : Replies.pieces(t.reasoning(), 4)) {
      if (!piece.isEmpty()) {
        deltas.add(json.createObjectNode().put("reasoning", piece));
      }
    }
    for (String piece : Replies.pieces(t.text(), 3)) {
      if (!piece.isEmpty()) {
        deltas.add(json.createObjectNode().put("content", piece));
      }
    }
    if (t.callsTool()) {
      ObjectNode d = json.createObjectNode();
      ObjectNode call = toolCall(t).put("index", 0);
      d.putArray("tool_calls").add(call);
      deltas.add(d);
    }
    out.startStream("text/event-stream; charset=utf-8");
    int n = 0;
    for (int i = 0; i <= deltas.size(); i++) {
      if (cut != null && n == cut.number()) {
        throw new SimExchange.Cut();
      }
      ObjectNode chunk = chunk(id, m);
      ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
      if (i < deltas.size()) {
        choice.set("delta", deltas.get(i));
        choice.putNull("finish_reason");
      } else {
        choice.putObject("delta");
        choice.put("finish_reason", finish(t));
      }
      out.send("data: " + chunk + "\n\n");
      n++;
      if (silence != null && n == 1) {
        SimExchange.pause(silence.millis());
      }
    }
    if (includeUsage) {
      ObjectNode chunk = chunk(id, m);
      chunk.putArray("choices");
      chunk.set("usage", chatUsage(t));
      out.send("data: " + chunk + "\n\n");
    }
    out.send("data: [DONE]\n\n");
    out.endStream();
  }

  private ObjectNode chunk(String id, SimModel m) {
    return json.createObjectNode()
        .put("id", id)
        .put("object", "chat.completion.chunk")
        .put("created", clock.instant().getEpochSecond())
        .put("model", m.id());
  }
}
