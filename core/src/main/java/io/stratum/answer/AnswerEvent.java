package io.stratum.answer;

import io.stratum.retrieval.Passage;
import java.time.Duration;
import java.util.List;

/**
 * What answering a question emits, in this order: passages, deltas (and keepalives), citations,
 * done.
 */
public sealed interface AnswerEvent {
  /** The passages the answer will be grounded in (none for a refusal). */
  record Passages(List<Passage> passages) implements AnswerEvent {
    public Passages {
      passages = List.copyOf(passages);
    }
  }

  /** Answer text, citation markers already checked. */
  record Delta(String text) implements AnswerEvent {}

  /** The model is silent (reasoning); an HTTP layer keeps idle proxies from closing the stream. */
  record KeepAlive(Duration silentFor) implements AnswerEvent {}

  /** A passage the answer cites. */
  record Cited(Passage passage) implements AnswerEvent {}

  /** The answer is complete. */
  record Done(Answer answer) implements AnswerEvent {}
}
