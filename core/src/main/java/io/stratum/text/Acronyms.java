package io.stratum.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Acronyms a question writes in capitals and a document spells out: "RTO" and "recovery time
 * objective". Neither BM25 nor a small embedding model sees that they are the same thing, so
 * retrieval adds the spelled-out words to a query whose acronym no candidate passage contains, and
 * the local answer model lets the acronym match the words that spell it.
 *
 * <pre>{@code
 * Acronyms.spelledOut("rto", "The recovery time objective is 15 minutes.");
 * // Optional[recovery time objective]
 * }</pre>
 */
public final class Acronyms {
  /** Capitals of three to six letters; two-letter initials match ordinary text too often. */
  private static final Pattern ACRONYM = Pattern.compile("\\b[A-Z]{3,6}\\b");

  private Acronyms() {}

  /** The acronyms written in {@code text}, lower-cased, in order. */
  public static List<String> in(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = ACRONYM.matcher(text);
    while (m.find()) {
      out.add(m.group().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** The lower-cased words of {@code text}, split at anything but letters and digits. */
  public static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  /**
   * The first run of consecutive content words among {@code words} whose initials spell {@code
   * acronym} (lower case), joined by spaces. Stop words are left out, or "rebuild the old" would
   * spell RTO.
   */
  public static Optional<String> spelledOut(String acronym, List<String> words) {
    List<String> content =
        words.stream().filter(w -> !ContentTerms.STOP_WORDS.contains(w)).toList();
    int n = acronym.length();
    for (int i = 0; i + n <= content.size(); i++) {
      int j = 0;
      while (j < n && content.get(i + j).charAt(0) == acronym.charAt(j)) {
        j++;
      }
      if (j == n) {
        return Optional.of(String.join(" ", content.subList(i, i + n)));
      }
    }
    return Optional.empty();
  }

  /** As {@link #spelledOut(String, List)}, on the words of {@code text}. */
  public static Optional<String> spelledOut(String acronym, String text) {
    return spelledOut(acronym, words(text));
  }

  /**
   * {@code query} with each acronym that none of {@code texts} contains, but one of them spells
   * out, followed by its spelling in parentheses: "What is the RTO (recovery time objective) of the
   * ledger database?". The first text that spells it out wins, so pass them best first.
   */
  public static String expand(String query, List<String> texts) {
    String out = query;
    for (String acronym : in(query).stream().distinct().toList()) {
      List<List<String>> words = texts.stream().map(Acronyms::words).toList();
      if (words.stream().anyMatch(w -> w.contains(acronym))) {
        continue;
      }
      for (List<String> w : words) {
        Optional<String> spelled = spelledOut(acronym, w);
        if (spelled.isPresent()) {
          out =
              out.replaceFirst(
                  "\\b" + acronym.toUpperCase(Locale.ROOT) + "\\b",
                  acronym.toUpperCase(Locale.ROOT) + " (" + spelled.get() + ")");
          break;
        }
      }
    }
    return out;
  }
}
