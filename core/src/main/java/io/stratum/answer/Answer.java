package io.stratum.answer;

import io.stratum.dispatch.UpstreamAttempt;
import io.stratum.dispatch.Usage;
import io.stratum.retrieval.Passage;
import java.util.List;

/**
 * What {@link Answerer} returns once a question is done: the grounded text (or the refusal and its
 * reason), the passages it was given and the ones it cites, and what the call cost and took.
 *
 * @param citations the passages the text cites, in order of first citation
 * @param refusal why the answer is a refusal, or empty when it is not one
 * @param removedMarkers citation markers the model wrote that named no passage (removed)
 * @param usage what every upstream attempt consumed together (each is billed)
 * @param attempts the model's upstream calls that returned usage, each with its number and outcome
 */
public record Answer(
    String question,
    String text,
    List<Passage> passages,
    List<Passage> citations,
    String refusal,
    int removedMarkers,
    Usage usage,
    String modelId,
    String backend,
    long retrievalMicros,
    long latencyMillis,
    List<UpstreamAttempt> attempts) {

  public Answer {
    passages = List.copyOf(passages);
    citations = List.copyOf(citations);
    attempts = List.copyOf(attempts);
  }

  /** An answer that made no upstream call (a refusal before the model, a local model). */
  public Answer(
      String question,
      String text,
      List<Passage> passages,
      List<Passage> citations,
      String refusal,
      int removedMarkers,
      Usage usage,
      String modelId,
      String backend,
      long retrievalMicros,
      long latencyMillis) {
    this(
        question,
        text,
        passages,
        citations,
        refusal,
        removedMarkers,
        usage,
        modelId,
        backend,
        retrievalMicros,
        latencyMillis,
        List.of());
  }

  public boolean refused() {
    return !refusal.isEmpty();
  }

  /**
   * Reasoning spent the whole output budget: the model stopped at its ceiling and wrote no visible
   * text. An explicit outcome for the client, the audit trail and the metrics, never a success.
   */
  public boolean incomplete() {
    return !refused()
        && text.isBlank()
        && !attempts.isEmpty()
        && attempts.get(attempts.size() - 1).outcome() == UpstreamAttempt.Outcome.INCOMPLETE;
  }
}
