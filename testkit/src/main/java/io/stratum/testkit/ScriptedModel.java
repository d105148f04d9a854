package io.stratum.testkit;

import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.StopReason;
import io.stratum.dispatch.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A fake model for tests: replies with text computed from the request, streamed word by word,
 * honours {@code maxOutputTokens} (one word = one token), and records every request it received.
 *
 * <pre>{@code
 * ScriptedModel model = ScriptedModel.replying(req -> "Echo: " + req.lastUserText());
 * model.chat(request);
 * model.requests(); // what reached the "model"
 * }</pre>
 */
public final class ScriptedModel implements ModelClient {
  private final Function<ChatRequest, String> reply;
  private final Input input;
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

  /** The input tokens a request is billed. */
  public interface Input {
    int tokens(ChatRequest request);
  }

  /** One token a word of every message. */
  static final Input WORDS =
      request -> request.messages().stream().mapToInt(m -> m.text().split("\\s+").length).sum();

  private ScriptedModel(Function<ChatRequest, String> reply, Input input) {
    this.reply = reply;
    this.input = input;
  }

  public static ScriptedModel replying(Function<ChatRequest, String> reply) {
    return new ScriptedModel(reply, WORDS);
  }

  public static ScriptedModel replying(String text) {
    return replying(request -> text);
  }

  /**
   * The same replies, billing {@code input} tokens for a request's prompt (e.g. one a byte, as the
   * worst tokenizer could).
   */
  public ScriptedModel billingInput(Input input) {
    return new ScriptedModel(reply, input);
  }

  public List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public String modelId() {
    return "scripted";
  }

  @Override
  public ChatResult stream(ChatRequest request, Consumer<ChatEvent> listener) {
    requests.add(request);
    List<String> words = new ArrayList<>(List.of(reply.apply(request).split("(?<= )")));
    StopReason stop = StopReason.END_TURN;
    Integer max = request.maxOutputTokens();
    if (max != null && words.size() > max) {
      words = words.subList(0, max);
      stop = StopReason.MAX_TOKENS;
    }
    words.forEach(w -> listener.accept(new ChatEvent.TextDelta(w)));
    ChatResult result =
        new ChatResult(
            String.join("", words),
            "",
            List.of(),
            stop,
            new Usage(input.tokens(request), words.size(), 0, 0, 0),
            modelId(),
            "scripted",
            "test: scripted model",
            List.of(),
            Map.of(),
            Duration.ZERO,
            Duration.ZERO,
            List.of());
    listener.accept(new ChatEvent.Completed(result));
    return result;
  }
}
