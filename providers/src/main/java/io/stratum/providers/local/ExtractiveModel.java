package io.stratum.providers.local;

import io.stratum.answer.GroundingPrompt;
import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.StopReason;
import io.stratum.dispatch.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The offline default answer model. It is not a language model: it is deterministic and extractive.
 * It reads the passages from the grounding prompt and answers with their sentences verbatim, each
 * followed by the {@code [n]} of the passage it came from: the best few sentences, or a procedure's
 * steps whole and in order when the question asks how to do something. A sentence scores by the
 * question's terms it holds (weighted by rarity), by its passage's share of them, and by whether it
 * holds the type of answer asked for (a frequency, a duration, a number, a team, a name); see
 * {@link SentencePicker}. When no sentence shares a term with the question it answers with the
 * standard refusal.
 *
 * <p>It implements the same {@link ModelClient} port as the Bedrock backends, so the answering path
 * (prompt, streaming, citation checks, usage) is the one production runs. Token counts are
 * whitespace-separated words, an estimate.
 */
public final class ExtractiveModel implements ModelClient {
  public static final String MODEL_ID = "stratum-local-extractive";

  private final SentencePicker picker;

  public ExtractiveModel() {
    this(3);
  }

  public ExtractiveModel(int maxSentences) {
    this.picker = new SentencePicker(maxSentences);
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public ChatResult stream(ChatRequest request, Consumer<ChatEvent> listener) {
    long start = System.nanoTime();
    GroundingPrompt.Parsed prompt = GroundingPrompt.parse(request.lastUserText());
    String answer = picker.answer(prompt);
    int limit = request.maxOutputTokens() == null ? Integer.MAX_VALUE : request.maxOutputTokens();
    List<String> words = List.of(answer.split("(?<= )"));
    StopReason stop = StopReason.END_TURN;
    if (words.size() > limit) {
      words = words.subList(0, limit);
      stop = StopReason.MAX_TOKENS;
    }
    Duration firstByte = Duration.ofNanos(System.nanoTime() - start);
    StringBuilder text = new StringBuilder();
    for (String word : words) {
      text.append(word);
      listener.accept(new ChatEvent.TextDelta(word));
    }
    int input = request.messages().stream().mapToInt(m -> wordCount(m.text())).sum();
    ChatResult result =
        new ChatResult(
            text.toString(),
            "",
            List.of(),
            stop,
            new Usage(input, words.size(), 0, 0, 0),
            MODEL_ID,
            "local",
            "local: embedded default model",
            List.of(),
            Map.of(),
            Duration.ofNanos(System.nanoTime() - start),
            firstByte,
            List.of());
    listener.accept(new ChatEvent.Completed(result));
    return result;
  }

  private static int wordCount(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }
}
