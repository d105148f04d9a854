package io.stratum.providers.local;

import io.stratum.text.Acronyms;
import io.stratum.text.ContentTerms;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question as the local model reads it: its content terms, the other spellings each term may take
 * in a passage, and the type of answer it asks for.
 *
 * <p>Two words may be written as one ("fail over" and "failover"), so each pair of neighbouring
 * words is also looked for joined. An acronym written in capitals ("RTO") also matches words whose
 * initials spell it ("recovery time objective"), since documents often spell out what questions
 * abbreviate.
 */
record Question(
    String text,
    Set<String> terms,
    Map<String, Set<String>> joined,
    Map<String, String> acronyms,
    AnswerType expects,
    String counted) {
  private static final Pattern HOW_MANY = Pattern.compile("(?i)\\bhow (?:many|much) ([\\p{L}-]+)");

  Question {
    terms = Set.copyOf(terms);
    joined = Map.copyOf(joined);
    acronyms = Map.copyOf(acronyms);
  }

  static Question of(String text) {
    Set<String> terms = ContentTerms.distinct(text);
    Map<String, Set<String>> joined = new HashMap<>();
    List<String> words = Acronyms.words(text);
    for (int i = 0; i + 1 < words.size(); i++) {
      List<String> one = ContentTerms.of(words.get(i) + words.get(i + 1));
      List<String> parts = ContentTerms.of(words.get(i) + " " + words.get(i + 1));
      if (one.size() == 1 && !parts.isEmpty() && !parts.contains(one.get(0))) {
        for (String part : parts) {
          joined.computeIfAbsent(part, k -> new LinkedHashSet<>()).add(one.get(0));
        }
      }
    }
    Map<String, String> acronyms = new HashMap<>();
    for (String acronym : Acronyms.in(text)) {
      List<String> term = ContentTerms.of(acronym);
      if (term.size() == 1 && terms.contains(term.get(0))) {
        acronyms.put(term.get(0), acronym);
      }
    }
    Matcher many = HOW_MANY.matcher(text);
    List<String> counted = many.find() ? ContentTerms.of(many.group(1)) : List.of();
    return new Question(
        text,
        terms,
        joined,
        acronyms,
        AnswerType.of(text),
        counted.size() == 1 ? counted.get(0) : "");
  }

  /**
   * How well a sentence holds the answer asked for: 0 not at all, 1 when it holds the asked type, 2
   * when it also puts a number right before what "how many" counts ("two synchronous standbys").
   */
  int holds(String sentence, List<String> words) {
    if (!expects.heldBy(sentence)) {
      return 0;
    }
    if (!counted.isEmpty()) {
      for (int i = 0; i < words.size(); i++) {
        if (ContentTerms.of(words.get(i)).equals(List.of(counted))) {
          for (int j = Math.max(0, i - 3); j < i; j++) {
            if (AnswerType.QUANTITY.heldBy(words.get(j))) {
              return 2;
            }
          }
        }
      }
    }
    return 1;
  }

  /** Whether {@code term} of this question occurs in a text of these terms and these words. */
  boolean found(String term, Set<String> inTerms, List<String> inWords) {
    if (inTerms.contains(term)) {
      return true;
    }
    for (String alternative : joined.getOrDefault(term, Set.of())) {
      if (inTerms.contains(alternative)) {
        return true;
      }
    }
    String letters = acronyms.get(term);
    return letters != null && Acronyms.spelledOut(letters, inWords).isPresent();
  }
}
