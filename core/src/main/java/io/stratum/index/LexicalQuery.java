package io.stratum.index;

import io.stratum.corpus.Identifiers;
import io.stratum.text.ContentTerms;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A question as BM25 sees it, the same for every engine: its distinct content terms (analysed by
 * {@link ContentTerms}: lower-cased, stop words out, Porter-stemmed), each matched in {@link
 * #FIELDS} with that field's weight, plus its exact identifiers, matched at {@link
 * #IDENTIFIER_BOOST}. A chunk's score is the sum over the clauses it matches.
 *
 * @param terms at most {@link #MAX_TERMS}, in first-seen order
 * @param identifiers lower-case, as {@link Identifiers#in} gives them
 */
public record LexicalQuery(List<String> terms, Set<String> identifiers) {
  /** BM25 field weights, tuned on the odd half of Cranfield only. */
  public static final Map<String, Float> FIELDS =
      Map.of("title", 1.0f, "sections", 1.0f, "body", 1.0f);

  /** The weight of an exact identifier match ({@code AC-2(1)}, {@code ADR-0007}). */
  public static final float IDENTIFIER_BOOST = 10f;

  static final int MAX_TERMS = 256;

  public LexicalQuery {
    terms = List.copyOf(terms);
    identifiers = Set.copyOf(identifiers);
  }

  public static LexicalQuery of(String text) {
    return new LexicalQuery(
        ContentTerms.distinct(text).stream().limit(MAX_TERMS).toList(), Identifiers.in(text));
  }

  /** Whether nothing in the question can match: no content term and no identifier. */
  public boolean isEmpty() {
    return terms.isEmpty() && identifiers.isEmpty();
  }
}
