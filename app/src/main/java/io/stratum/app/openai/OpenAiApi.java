package io.stratum.app.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.app.api.OpenAiError;
import io.stratum.app.usecase.Gateway;
import io.stratum.catalog.ModelCatalog;
import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * OpenAI's API on the wire, for the gateway: request bodies of Chat Completions and Responses read
 * into a {@link Gateway.Call}, results rendered as OpenAI's objects or its server-sent events, the
 * model list, and errors mid-stream. No HTTP server here: the routes hand it parsed JSON and an
 * {@link Sse} to write to.
 *
 * <pre>{@code
 * OpenAiApi.Request req = OpenAiApi.chat(body);
 * Gateway.Done d = gateway.call(bearer, header, req.call(), req.stream(sse));
 * Map<String, Object> json = req.body(d.result()); // unstreamed
 * }</pre>
 */
public final class OpenAiApi {
  /** The header that names the parameters dropped for the model, by their OpenAI names. */
  public static final String DROPPED_HEADER = "x-stratum-dropped-params";

  /** Where a stream's frames go. */
  public interface Sse {
    /** {@code data: <json>} (Chat Completions). */
    void data(Object json);

    /** {@code event: <type>} and {@code data: <json>} (Responses). */
    void event(String type, Object json);

    /** A comment line, {@code : <text>}, which clients ignore. */
    void comment(String text);

    /** {@code data: [DONE]}, Chat Completions' last frame. */
    void done();
  }

  /** One request, read: the gateway call, and how to render what it returns. */
  public static final class Request {
    private final Gateway.Call call;
    private final ChatCompletions.Parsed chat;
    private final Responses.Parsed responses;
    private final String id = UUID.randomUUID().toString().replace("-", "");
    private final long created = Instant.now().getEpochSecond();

    private Request(Gateway.Call call, ChatCompletions.Parsed chat, Responses.Parsed responses) {
      this.call = call;
      this.chat = chat;
      this.responses = responses;
    }

    public Gateway.Call call() {
      return call;
    }

    /** A listener that writes the call's events to {@code out} as this surface streams them. */
    public Consumer<ChatEvent> stream(Sse out) {
      return chat != null
          ? new ChatStream(out, "chatcmpl-" + id, created, call.model(), chat.includeUsage())
          : new ResponsesStream(out, "resp_" + id, created, responses.echo(), call.model());
    }

    /** The unstreamed answer: a {@code chat.completion} or a {@code response}. */
    public Map<String, Object> body(ChatResult r) {
      return chat != null
          ? ChatCompletions.completion("chatcmpl-" + id, created, r)
          : Responses.finished("resp_" + id, created, responses.echo(), r, Items.all(id, r));
    }

    /**
     * The value of {@link #DROPPED_HEADER}: the OpenAI names of the parameters the gateway and the
     * dispatcher dropped, each once, comma-separated; empty when none was.
     */
    public String dropped(List<String> dispatcherDrops) {
      List<String> all = new ArrayList<>(call.notCarried());
      all.addAll(dispatcherDrops);
      Set<String> names = new LinkedHashSet<>();
      for (String d : all) {
        String name = d.substring(0, d.indexOf('='));
        names.add(
            chat != null
                ? ChatCompletions.wireName(name, chat.maxTokensName())
                : Responses.wireName(name));
      }
      return String.join(",", names);
    }

    /** An error after the stream began: Chat's {@code data: {"error"}}, Responses' error event. */
    public void failed(Sse out, OpenAiError e) {
      if (chat != null) {
        out.data(e.body());
        out.done();
        return;
      }
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("type", "error");
      event.put("code", e.code());
      event.put("message", e.message());
      event.put("param", e.param());
      event.put("sequence_number", Integer.MAX_VALUE);
      out.event("error", event);
    }
  }

  private OpenAiApi() {}

  /** A {@code POST /v1/chat/completions} body. */
  public static Request chat(JsonNode body) {
    ChatCompletions.Parsed p = ChatCompletions.parse(body);
    return new Request(p.call(), p, null);
  }

  /** A {@code POST /v1/responses} body. */
  public static Request responses(JsonNode body) {
    Responses.Parsed p = Responses.parse(body);
    return new Request(p.call(), null, p);
  }

  /** {@code GET /v1/models}: every name the gateway serves. */
  public static Map<String, Object> models(List<String> names) {
    List<Map<String, Object>> data = new ArrayList<>();
    for (String n : names) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", n);
      m.put("object", "model");
      m.put("created", 0);
      String base = ModelCatalog.baseId(n);
      m.put("owned_by", n.startsWith("stratum-") ? "stratum" : base.split("\\.")[0]);
      data.add(m);
    }
    return Map.of("object", "list", "data", data);
  }
}
