package io.stratum.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.catalog.Backend;
import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.DispatchException;
import io.stratum.dispatch.Plan;
import io.stratum.dispatch.StopReason;
import io.stratum.dispatch.ToolCall;
import io.stratum.dispatch.Transport;
import io.stratum.dispatch.Usage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI-compatible Responses and Chat Completions surfaces of Bedrock (bedrock-runtime {@code
 * /openai/v1}, bedrock-mantle {@code /v1} and {@code /openai/v1}) over the JDK HTTP client, with
 * server-sent events read line by line. The path prefix comes from the model's family.
 */
public final class OpenAiTransport implements Transport {
  private final Backend backend;
  private final URI base;
  private final OpenAiAuth auth;
  private final HttpClient http;

  /**
   * @param backend {@link Backend#RESPONSES} or {@link Backend#CHAT}
   * @param base the endpoint without a path, e.g. {@code https://bedrock-mantle.us-east-2.api.aws}
   */
  public OpenAiTransport(Backend backend, URI base, OpenAiAuth auth, HttpClient http) {
    if (backend != Backend.RESPONSES && backend != Backend.CHAT) {
      throw new IllegalArgumentException(
          "OpenAiTransport serves responses or chat, not " + backend.id());
    }
    this.backend = backend;
    this.base = base;
    this.auth = auth;
    this.http = http;
  }

  @Override
  public Backend backend() {
    return backend;
  }

  @Override
  public ChatResult call(Plan plan, ChatRequest req, boolean stream, Sink sink) {
    long start = System.nanoTime();
    String prefix = plan.family().openAiPrefix().isEmpty() ? "/v1" : plan.family().openAiPrefix();
    URI uri =
        URI.create(
            base.toString().replaceAll("/+$", "")
                + prefix
                + (backend == Backend.RESPONSES ? "/responses" : "/chat/completions"));
    byte[] body =
        (backend == Backend.RESPONSES
                ? OpenAiWire.responsesBody(plan, req, stream)
                : OpenAiWire.chatBody(plan, req, stream))
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .header("Accept", stream ? "text/event-stream" : "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    auth.apply(rb, uri, body);
    HttpResponse<InputStream> response;
    try {
      response = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new DispatchException.Retriable(plan.modelId() + ": " + uri + ": " + e, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DispatchException.Retriable(plan.modelId() + ": interrupted", null, e);
    }
    sink.upstreamAlive();
    long firstByte = System.nanoTime() - start;
    String requestId =
        response
            .headers()
            .firstValue("x-amzn-RequestId")
            .or(() -> response.headers().firstValue("x-request-id"))
            .orElse(null);
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw error(
            plan.modelId(),
            response,
            new String(in.readAllBytes(), StandardCharsets.UTF_8),
            requestId);
      }
      OpenAiWire.Parsed parsed =
          stream
              ? (backend == Backend.RESPONSES
                  ? new ResponsesReader(plan, sink).read(in)
                  : new ChatReader(sink).read(in))
              : (backend == Backend.RESPONSES
                  ? OpenAiWire.response(whole(in))
                  : OpenAiWire.completion(whole(in)));
      return new ChatResult(
          parsed.text(),
          parsed.reasoning(),
          parsed.calls(),
          parsed.stop(),
          parsed.usage(),
          plan.modelId(),
          backend.id(),
          plan.route(),
          plan.dropped(),
          plan.renamed(),
          Duration.ofNanos(System.nanoTime() - start),
          Duration.ofNanos(firstByte),
          List.of());
    } catch (IOException e) {
      throw new DispatchException.Retriable(
          plan.modelId() + ": reading the response failed: " + e.getMessage(), requestId, e);
    }
  }

  /**
   * The body read to its end, then parsed. The parser stops at the closing brace and closes the
   * stream; a body closed before its end makes the HTTP client drop the connection instead of
   * reusing it, and every call would then pay a new connection (to Bedrock, a TLS handshake).
   */
  private static JsonNode whole(InputStream in) throws IOException {
    return OpenAiWire.JSON.readTree(in.readAllBytes());
  }

  /** The one place HTTP errors from these surfaces become {@link DispatchException}s. */
  static DispatchException error(String modelId, HttpResponse<?> r, String body, String requestId) {
    String message = body;
    try {
      JsonNode n = OpenAiWire.JSON.readTree(body);
      if (n.path("error").path("message").isTextual()) {
        message = n.path("error").path("message").asText();
      } else if (n.path("message").isTextual()) {
        message = n.path("message").asText();
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: keep the raw body
    }
    String text = modelId + ": HTTP " + r.statusCode() + ": " + message;
    int s = r.statusCode();
    if (s == 429) {
      Duration retryAfter =
          r.headers()
              .firstValue("Retry-After")
              .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
              .orElse(null);
      return new DispatchException.Throttled(text, requestId, retryAfter, null);
    }
    if (s == 401 || s == 403) {
      return new DispatchException.AccessDenied(text, requestId, null);
    }
    if (s == 404) {
      return new DispatchException.ModelNotReady(text, requestId, null);
    }
    if (s >= 500 || s == 408) {
      return new DispatchException.Retriable(text, requestId, null);
    }
    return new DispatchException.InvalidRequest(text, requestId, null);
  }

  /** Server-sent events: {@code event:} and {@code data:} lines, dispatched at each blank line. */
  private abstract static class SseReader {
    final Sink sink;

    SseReader(Sink sink) {
      this.sink = sink;
    }

    OpenAiWire.Parsed read(InputStream in) throws IOException {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String event = null;
      StringBuilder data = new StringBuilder();
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            OpenAiWire.Parsed done = onEvent(event, data.toString());
            if (done != null) {
              return done;
            }
          }
          event = null;
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        } else {
          sink.upstreamAlive(); // a comment (": keepalive") or an unknown field
        }
      }
      return endOfStream();
    }

    /** Returns the final result when this event ends the stream. */
    abstract OpenAiWire.Parsed onEvent(String event, String data) throws IOException;

    abstract OpenAiWire.Parsed endOfStream();
  }

  private static final class ResponsesReader extends SseReader {
    private final Plan plan;
    private final Map<String, String[]> calls = new HashMap<>(); // item id -> {call id, name}

    ResponsesReader(Plan plan, Sink sink) {
      super(sink);
      this.plan = plan;
    }

    @Override
    OpenAiWire.Parsed onEvent(String event, String data) throws IOException {
      JsonNode e = OpenAiWire.JSON.readTree(data);
      String type = event != null ? event : e.path("type").asText();
      switch (type) {
        case "response.output_text.delta" ->
            sink.accept(new ChatEvent.TextDelta(e.path("delta").asText()));
        case "response.reasoning_text.delta", "response.reasoning_summary_text.delta" ->
            sink.accept(new ChatEvent.ReasoningDelta(e.path("delta").asText()));
        case "response.output_item.added" -> {
          JsonNode item = e.path("item");
          if ("function_call".equals(item.path("type").asText())) {
            calls.put(
                item.path("id").asText(),
                new String[] {item.path("call_id").asText(), item.path("name").asText()});
          }
          sink.upstreamAlive();
        }
        case "response.function_call_arguments.delta" -> {
          String[] c =
              calls.getOrDefault(
                  e.path("item_id").asText(), new String[] {e.path("item_id").asText(), ""});
          sink.accept(new ChatEvent.ToolCallDelta(c[0], c[1], e.path("delta").asText()));
        }
        case "response.completed", "response.incomplete" -> {
          return OpenAiWire.response(e.path("response"));
        }
        case "response.failed" -> throw OpenAiWire.failed(plan.modelId(), e.path("response"));
        case "error" ->
            throw new DispatchException.Retriable(
                plan.modelId()
                    + ": error event: "
                    + e.path("code").asText("")
                    + ": "
                    + e.path("message").asText(),
                null,
                null);
        default -> sink.upstreamAlive();
      }
      return null;
    }

    @Override
    OpenAiWire.Parsed endOfStream() {
      throw new DispatchException.Retriable(
          plan.modelId()
              + ": the Responses stream ended without a terminal event; the connection was cut",
          null,
          null);
    }
  }

  private static final class ChatReader extends SseReader {
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final Map<Integer, String[]> calls = new HashMap<>(); // index -> {id, name, args}
    private StopReason stop;
    private Usage usage = Usage.ZERO;

    ChatReader(Sink sink) {
      super(sink);
    }

    @Override
    OpenAiWire.Parsed onEvent(String event, String data) throws IOException {
      if (data.equals("[DONE]")) {
        return done();
      }
      JsonNode chunk = OpenAiWire.JSON.readTree(data);
      if (chunk.has("usage") && !chunk.get("usage").isNull()) {
        usage = OpenAiWire.chatUsage(chunk.get("usage"));
      }
      JsonNode choice = chunk.path("choices").path(0);
      JsonNode delta = choice.path("delta");
      String content = delta.path("content").asText("");
      String r = delta.path("reasoning").asText(delta.path("reasoning_content").asText(""));
      if (!r.isEmpty()) {
        reasoning.append(r);
        sink.accept(new ChatEvent.ReasoningDelta(r));
      }
      if (!content.isEmpty()) {
        text.append(content);
        sink.accept(new ChatEvent.TextDelta(content));
      }
      for (JsonNode c : delta.path("tool_calls")) {
        String[] call =
            calls.computeIfAbsent(c.path("index").asInt(0), i -> new String[] {"", "", ""});
        if (c.path("id").isTextual()) {
          call[0] = c.path("id").asText();
        }
        if (c.path("function").path("name").isTextual()) {
          call[1] = c.path("function").path("name").asText();
        }
        String args = c.path("function").path("arguments").asText("");
        call[2] += args;
        sink.accept(new ChatEvent.ToolCallDelta(call[0], call[1], args));
      }
      if (choice.path("finish_reason").isTextual()) {
        stop = OpenAiWire.finish(choice.path("finish_reason").asText());
      }
      if (content.isEmpty() && r.isEmpty()) {
        sink.upstreamAlive();
      }
      return null;
    }

    private OpenAiWire.Parsed done() {
      List<ToolCall> out = new ArrayList<>();
      calls.values().forEach(c -> out.add(new ToolCall(c[0], c[1], c[2].isEmpty() ? "{}" : c[2])));
      return new OpenAiWire.Parsed(
          text.toString(),
          reasoning.toString(),
          out,
          stop == null ? StopReason.END_TURN : stop,
          usage);
    }

    @Override
    OpenAiWire.Parsed endOfStream() {
      if (stop == null) {
        throw new DispatchException.Retriable(
            "the Chat Completions stream ended without a finish_reason; the connection was cut",
            null,
            null);
      }
      return done();
    }
  }
}
