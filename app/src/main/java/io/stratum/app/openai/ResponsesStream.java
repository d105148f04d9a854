package io.stratum.app.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A streamed response, in OpenAI's typed events: {@code response.created}, {@code
 * response.in_progress}, the reasoning item once the model starts answering, the message's {@code
 * response.output_text.delta}s as they come, function calls with their arguments, then {@code
 * response.completed} (or {@code response.incomplete}) with usage. Every event carries its {@code
 * sequence_number}; a comment ({@code : keepalive}) goes out while the model reasons silently.
 */
final class ResponsesStream implements Consumer<ChatEvent> {
  private final OpenAiApi.Sse out;
  private final String id;
  private final long created;
  private final JsonNode echo;
  private final List<Object> output = new ArrayList<>();
  private final StringBuilder reasoning = new StringBuilder();
  private final StringBuilder text = new StringBuilder();
  private String model;
  private int sequence;
  private boolean began;
  private boolean reasoningSent;
  private int messageIndex = -1;

  ResponsesStream(OpenAiApi.Sse out, String id, long created, JsonNode echo, String model) {
    this.out = out;
    this.id = id;
    this.created = created;
    this.echo = echo;
    this.model = model;
  }

  @Override
  public void accept(ChatEvent event) {
    switch (event) {
      case ChatEvent.Planned p -> model = p.modelId(); // nothing sent: an error is still a status
      case ChatEvent.ReasoningDelta d -> {
        begin();
        if (!reasoningSent) {
          reasoning.append(d.text());
        }
      }
      case ChatEvent.TextDelta d -> delta(d.text());
      case ChatEvent.ToolCallDelta d -> begin();
      case ChatEvent.KeepAlive k -> out.comment("keepalive");
      case ChatEvent.Completed c -> done(c.result());
    }
  }

  private void begin() {
    if (!began) {
      began = true;
      Map<String, Object> r =
          Responses.response(id, created, "in_progress", echo, model, List.of());
      send("response.created", Map.of("response", r));
      send("response.in_progress", Map.of("response", r));
    }
  }

  /** The reasoning so far, as one finished item, before anything the model answers. */
  private void reasoningItem(String all) {
    if (!reasoningSent && !all.isEmpty()) {
      Map<String, Object> item = Items.reasoning("rs_" + id, all);
      added(item);
      itemDone(output.size() - 1, item);
    }
    reasoningSent = true;
  }

  private void delta(String chunk) {
    begin();
    reasoningItem(reasoning.toString());
    if (messageIndex < 0) {
      added(Items.message("msg_" + id, "", "in_progress"));
      messageIndex = output.size() - 1;
      Map<String, Object> e = at(messageIndex);
      e.put("content_index", 0);
      e.put("part", Items.text(""));
      send("response.content_part.added", e);
    }
    text.append(chunk);
    Map<String, Object> e = at(messageIndex);
    e.put("content_index", 0);
    e.put("delta", chunk);
    e.put("logprobs", List.of());
    send("response.output_text.delta", e);
  }

  private void done(ChatResult r) {
    model = r.modelId();
    begin();
    reasoningItem(reasoning.isEmpty() ? r.reasoning() : reasoning.toString());
    if (messageIndex < 0 && (!r.text().isEmpty() || r.toolCalls().isEmpty())) {
      delta(r.text()); // an answer that arrived whole
    }
    if (messageIndex >= 0) {
      Map<String, Object> e = at(messageIndex);
      e.put("content_index", 0);
      e.put("text", text.toString());
      e.put("logprobs", List.of());
      send("response.output_text.done", e);
      e = at(messageIndex);
      e.put("content_index", 0);
      e.put("part", Items.text(text.toString()));
      send("response.content_part.done", e);
      itemDone(messageIndex, Items.message("msg_" + id, text.toString(), "completed"));
    }
    for (int i = 0; i < r.toolCalls().size(); i++) {
      ToolCall c = r.toolCalls().get(i);
      String itemId = "fc_" + id + "_" + i;
      added(Items.functionCall(itemId, c, "in_progress"));
      int index = output.size() - 1;
      Map<String, Object> e = at(index);
      e.put("delta", c.argumentsJson());
      send("response.function_call_arguments.delta", e);
      e = at(index);
      e.put("name", c.name());
      e.put("arguments", c.argumentsJson());
      send("response.function_call_arguments.done", e);
      itemDone(index, Items.functionCall(itemId, c, "completed"));
    }
    Map<String, Object> finished = Responses.finished(id, created, echo, r, output);
    send(
        finished.get("status").equals("completed") ? "response.completed" : "response.incomplete",
        Map.of("response", finished));
  }

  private void added(Map<String, Object> item) {
    output.add(item);
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("output_index", output.size() - 1);
    e.put("item", item);
    send("response.output_item.added", e);
  }

  private void itemDone(int index, Map<String, Object> item) {
    output.set(index, item);
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("output_index", index);
    e.put("item", item);
    send("response.output_item.done", e);
  }

  /** The fields that place an event on an item. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> at(int index) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("item_id", ((Map<String, Object>) output.get(index)).get("id"));
    e.put("output_index", index);
    return e;
  }

  private void send(String type, Map<String, Object> fields) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("type", type);
    e.put("sequence_number", sequence++);
    e.putAll(fields);
    out.event(type, e);
  }
}
