package io.stratum.answer;

import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.dispatch.Usage;
import io.stratum.retrieval.Passage;
import io.stratum.retrieval.Retrieval;
import io.stratum.retrieval.Retriever;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Answers a question from a workspace scope: retrieve, judge relevance, ground the model in the
 * passages, stream its text with every citation checked, and refuse rather than invent when the
 * scope has nothing on the question.
 *
 * <pre>{@code
 * Answerer answerer = new Answerer(retriever, model, new RelevanceGate(0.5, 0.7), 6, 1024);
 * Answer a = answerer.ask("How are keys rotated?", Set.of("security"), event -> render(event));
 * }</pre>
 */
public final class Answerer {
  private final Retriever retriever;
  private final ModelClient model;
  private final RelevanceGate gate;
  private final int topK;
  private final int answerTokens;
  private final ReasoningEffort effort;

  public Answerer(
      Retriever retriever, ModelClient model, RelevanceGate gate, int topK, int answerTokens) {
    this(retriever, model, gate, topK, answerTokens, null);
  }

  /**
   * @param answerTokens the visible answer's length; the output ceiling asked for adds what the
   *     model reasons at {@code effort} ({@link ModelClient#answerBudget}), so reasoning never eats
   *     the answer's share
   * @param effort the reasoning effort to ask the model for, or null for its default
   */
  public Answerer(
      Retriever retriever,
      ModelClient model,
      RelevanceGate gate,
      int topK,
      int answerTokens,
      ReasoningEffort effort) {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be at least 1, got " + topK);
    }
    this.retriever = retriever;
    this.model = model;
    this.gate = gate;
    this.topK = topK;
    this.answerTokens = answerTokens;
    this.effort = effort;
  }

  public Answer ask(String question, Set<String> workspaces, Consumer<AnswerEvent> listener) {
    return ask(question, question, workspaces, GroundingPrompt.Layers.NONE, listener);
  }

  /**
   * A chat turn: retrieves and judges relevance with {@code query} (the question rewritten to stand
   * alone), and asks the model {@code question} within the conversation's {@code layers}.
   */
  public Answer ask(
      String question,
      String query,
      Set<String> workspaces,
      GroundingPrompt.Layers layers,
      Consumer<AnswerEvent> listener) {
    return ask(question, query, workspaces, layers, listener, request -> {});
  }

  /**
   * As above; {@code beforeCall} sees the exact request before the model is called (and before any
   * passage is streamed), so the caller can reserve its cost or refuse it by throwing. It is not
   * called when the relevance gate refuses, since then no model is called.
   */
  public Answer ask(
      String question,
      String query,
      Set<String> workspaces,
      GroundingPrompt.Layers layers,
      Consumer<AnswerEvent> listener,
      Consumer<ChatRequest> beforeCall) {
    long start = System.nanoTime();
    Retrieval retrieval = retriever.retrieve(query, workspaces, topK);
    RelevanceGate.Verdict verdict = gate.judge(query, retrieval);
    if (!verdict.relevant() && !query.equals(question)) {
      // A rewrite should only help: the passages may still cover the question as asked.
      verdict = gate.judge(question, retrieval);
    }
    if (!verdict.relevant()) {
      String reason =
          String.format(
              Locale.ROOT,
              "no passage in %s covers %.0f%% of the question's terms (best %.0f%%) or is %.2f"
                  + " similar to it (best %.2f)",
              String.join(", ", workspaces.stream().sorted().toList()),
              gate.minCoverage() * 100,
              verdict.coverage() * 100,
              gate.minCosine(),
              verdict.cosine());
      return refuse(question, retrieval, reason, Usage.ZERO, "", "", start, listener);
    }
    List<Passage> passages = retrieval.passages();
    ChatRequest request =
        GroundingPrompt.request(
                question, passages, model.answerBudget(answerTokens, effort), layers)
            .withReasoningEffort(effort);
    beforeCall.accept(request);
    listener.accept(new AnswerEvent.Passages(passages));
    CitationFilter filter = new CitationFilter(passages.size());
    StringBuilder text = new StringBuilder();
    ChatResult result =
        model.stream(
            request,
            event -> {
              if (event instanceof ChatEvent.TextDelta d) {
                emit(filter.accept(d.text()), text, listener);
              } else if (event instanceof ChatEvent.KeepAlive k) {
                listener.accept(new AnswerEvent.KeepAlive(k.silentFor()));
              }
            });
    emit(filter.finish(), text, listener);
    String answer = text.toString().strip();
    if (filter.cited().isEmpty() && answer.contains(GroundingPrompt.REFUSAL)) {
      Answer refused =
          refused(
              question,
              retrieval,
              answer,
              "the model found no answer in the passages",
              result,
              start);
      listener.accept(new AnswerEvent.Done(refused));
      return refused;
    }
    List<Passage> citations = new ArrayList<>();
    for (int n : filter.cited()) {
      Passage p = passages.get(n - 1);
      citations.add(p);
      listener.accept(new AnswerEvent.Cited(p));
    }
    Answer done =
        new Answer(
            question,
            answer,
            passages,
            citations,
            "",
            filter.removed(),
            result.usage(),
            result.modelId(),
            result.backend(),
            retrieval.micros(),
            millisSince(start),
            result.attempts());
    listener.accept(new AnswerEvent.Done(done));
    return done;
  }

  private Answer refuse(
      String question,
      Retrieval retrieval,
      String reason,
      Usage usage,
      String modelId,
      String backend,
      long start,
      Consumer<AnswerEvent> listener) {
    listener.accept(new AnswerEvent.Passages(List.of()));
    listener.accept(new AnswerEvent.Delta(GroundingPrompt.REFUSAL));
    Answer answer =
        new Answer(
            question,
            GroundingPrompt.REFUSAL,
            List.of(),
            List.of(),
            reason,
            0,
            usage,
            modelId.isEmpty() ? model.modelId() : modelId,
            backend.isEmpty() ? "none" : backend,
            retrieval.micros(),
            millisSince(start));
    listener.accept(new AnswerEvent.Done(answer));
    return answer;
  }

  private static Answer refused(
      String question,
      Retrieval retrieval,
      String text,
      String reason,
      ChatResult result,
      long start) {
    return new Answer(
        question,
        text,
        retrieval.passages(),
        List.of(),
        reason,
        0,
        result.usage(),
        result.modelId(),
        result.backend(),
        retrieval.micros(),
        millisSince(start),
        result.attempts());
  }

  private static void emit(String delta, StringBuilder text, Consumer<AnswerEvent> listener) {
    if (!delta.isEmpty()) {
      text.append(delta);
      listener.accept(new AnswerEvent.Delta(delta));
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
