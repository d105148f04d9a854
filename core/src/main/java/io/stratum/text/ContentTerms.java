package io.stratum.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The content terms of a text: lower-cased, English stop words removed, Porter-stemmed. The index,
 * the relevance gate and the local answer model all use this one analysis, so "rotating keys" and
 * "key rotation" meet on the same terms everywhere.
 *
 * <pre>{@code
 * List<String> terms = ContentTerms.of("How do we rotate the KMS keys?"); // [rotat, km, kei]
 * }</pre>
 */
public final class ContentTerms {
  /**
   * Lucene's English stop words plus question words, pronouns and auxiliaries: "how do we rotate
   * keys" is about rotating keys, and a question's phrasing must not count against a passage.
   */
  static final CharArraySet STOP_WORDS = buildStopWords();

  private static final Analyzer ANALYZER = new EnglishAnalyzer(STOP_WORDS);

  private ContentTerms() {}

  private static CharArraySet buildStopWords() {
    CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    set.addAll(
        List.of(
            "how",
            "what",
            "when",
            "where",
            "who",
            "whom",
            "why",
            "which",
            "whose",
            "do",
            "does",
            "did",
            "doing",
            "done",
            "we",
            "our",
            "ours",
            "us",
            "i",
            "me",
            "my",
            "you",
            "your",
            "he",
            "she",
            "him",
            "her",
            "them",
            "its",
            "should",
            "can",
            "could",
            "would",
            "shall",
            "has",
            "have",
            "had",
            "having",
            "been",
            "being",
            "am",
            "were",
            "from",
            "about",
            "any",
            "some",
            "so",
            "than",
            "too",
            "very",
            "just",
            "also",
            "here",
            "get",
            "got",
            "tell",
            "explain",
            "describe",
            "please"));
    return CharArraySet.unmodifiableSet(set);
  }

  /**
   * The stop words, sorted, for an engine that analyses text itself (OpenSearch) to drop the same
   * ones: lower-case, {@link EnglishAnalyzer}'s own plus question words, pronouns and auxiliaries.
   */
  public static List<String> stopWords() {
    List<String> words = new ArrayList<>();
    for (Object w : STOP_WORDS) {
      words.add(new String((char[]) w));
    }
    words.sort(null);
    return List.copyOf(words);
  }

  /** The analyzer behind {@link #of}; the index uses it for its text fields. */
  public static Analyzer analyzer() {
    return ANALYZER;
  }

  /** The content terms of {@code text}, in order, with repeats. */
  public static List<String> of(String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = ANALYZER.tokenStream("body", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing text in memory failed", e);
    }
    return terms;
  }

  /** The distinct content terms of {@code text}, in first-seen order. */
  public static Set<String> distinct(String text) {
    return new LinkedHashSet<>(of(text));
  }

  /**
   * The share of {@code question}'s distinct terms that occur in {@code passage}: 1.0 when every
   * term occurs, 0.0 when none does or the question has no content terms.
   */
  public static double coverage(Set<String> question, Set<String> passage) {
    if (question.isEmpty()) {
      return 0.0;
    }
    long hits = question.stream().filter(passage::contains).count();
    return (double) hits / question.size();
  }
}
