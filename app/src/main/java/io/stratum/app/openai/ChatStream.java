package io.stratum.app.openai;

import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A streamed chat completion: {@code data:} chunks ({@code chat.completion.chunk}) as the model
 * writes, a final chunk with the finish reason, the usage chunk when the caller asked for it, then
 * {@code data: [DONE]}; a comment ({@code : keepalive}) while the model reasons silently.
 */
final class ChatStream implements Consumer<ChatEvent> {
  private final OpenAiApi.Sse out;
  private final String id;
  private final long created;
  private final boolean includeUsage;
  private String model;
  private boolean started;

  ChatStream(OpenAiApi.Sse out, String id, long created, String model, boolean includeUsage) {
    this.out = out;
    this.id = id;
    this.created = created;
    this.model = model;
    this.includeUsage = includeUsage;
  }

  @Override
  public void accept(ChatEvent event) {
    switch (event) {
      case ChatEvent.Planned p -> model = p.modelId();
      case ChatEvent.TextDelta d -> chunk(Map.of("content", d.text()), null);
      case ChatEvent.ReasoningDelta d -> start();
      case ChatEvent.ToolCallDelta d -> start();
      case ChatEvent.KeepAlive k -> out.comment("keepalive");
      case ChatEvent.Completed c -> done(c.result());
    }
  }

  private void start() {
    if (!started) {
      started = true;
      Map<String, Object> delta = new LinkedHashMap<>();
      delta.put("role", "assistant");
      delta.put("content", "");
      send(delta, null);
    }
  }

  private void chunk(Map<String, Object> delta, String finish) {
    start();
    send(delta, finish);
  }

  private void send(Map<String, Object> delta, String finish) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("finish_reason", finish);
    choice.put("logprobs", null);
    Map<String, Object> body = ChatCompletions.header(id, "chat.completion.chunk", created, model);
    body.put("choices", List.of(choice));
    out.data(body);
  }

  private void done(ChatResult r) {
    model = r.modelId();
    for (int i = 0; i < r.toolCalls().size(); i++) {
      chunk(Map.of("tool_calls", List.of(ChatCompletions.call(r.toolCalls().get(i), i))), null);
    }
    chunk(Map.of(), Usages.finish(r));
    if (includeUsage) {
      Map<String, Object> body =
          ChatCompletions.header(id, "chat.completion.chunk", created, model);
      body.put("choices", List.of());
      body.put("usage", Usages.chat(r.usage()));
      out.data(body);
    }
    out.done();
  }
}
