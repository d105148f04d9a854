package io.stratum.answer;

import io.stratum.retrieval.Retrieval;
import io.stratum.text.ContentTerms;
import java.util.Set;

/**
 * Decides whether retrieval found anything worth answering from. A question is answerable when one
 * of its passages covers at least {@code minCoverage} of the question's content terms, or when the
 * best passage is at least {@code minCosine} similar to it. Below both, the answer is a refusal: a
 * model handed irrelevant passages is a model invited to invent.
 */
public record RelevanceGate(double minCoverage, double minCosine) {

  /** Why a retrieval passed or failed the gate, with the numbers that decided it. */
  public record Verdict(boolean relevant, double coverage, double cosine) {}

  public RelevanceGate {
    if (minCoverage <= 0 || minCoverage > 1) {
      throw new IllegalArgumentException("minCoverage must be in (0, 1], got " + minCoverage);
    }
  }

  public Verdict judge(String question, Retrieval retrieval) {
    Set<String> asked = ContentTerms.distinct(question);
    double coverage =
        retrieval.passages().stream()
            .mapToDouble(
                p ->
                    ContentTerms.coverage(
                        asked,
                        ContentTerms.distinct(p.title() + " " + p.heading() + " " + p.text())))
            .max()
            .orElse(0);
    double cosine = retrieval.bestCosine();
    boolean relevant =
        !retrieval.passages().isEmpty() && (coverage >= minCoverage || cosine >= minCosine);
    return new Verdict(relevant, coverage, cosine);
  }
}
