package io.stratum.providers.local;

import io.stratum.answer.GroundingPrompt;
import io.stratum.text.ContentTerms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Picks the sentences that best answer a question. A sentence scores the rarity-weighted share of
 * the question's terms it contains (idf over all candidate sentences); a question term found only
 * in the headings above the sentence counts for {@link #HEADING_CREDIT} of that, since a step under
 * "Database failover > Steps" is about failover even if it never says so. A small bonus goes to the
 * passage's rank; a superseded passage's sentences keep half their score.
 */
final class SentencePicker {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z0-9`*(])");
  private static final Pattern LIST_MARK = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+");
  private static final Pattern MARKUP = Pattern.compile("\\*\\*|__|^>\\s*");
  private final int maxSentences;

  SentencePicker(int maxSentences) {
    this.maxSentences = maxSentences;
  }

  /** Terms of the section a sentence sits in count for this much of the sentence's own terms. */
  static final double HEADING_CREDIT = 0.5;

  private record Candidate(
      int passage, String text, Set<String> terms, Set<String> heading, double superseded) {}

  private record Scored(Candidate candidate, double score) {}

  String answer(GroundingPrompt.Parsed prompt) {
    Set<String> asked = ContentTerms.distinct(prompt.question());
    List<Candidate> candidates = new ArrayList<>();
    for (GroundingPrompt.Source source : prompt.sources()) {
      double weight = source.title().endsWith("(SUPERSEDED)") ? 0.5 : 1.0;
      Set<String> heading = ContentTerms.distinct(source.section());
      for (String sentence : sentences(source.text())) {
        candidates.add(
            new Candidate(source.n(), sentence, ContentTerms.distinct(sentence), heading, weight));
      }
    }
    if (asked.isEmpty() || candidates.isEmpty()) {
      return GroundingPrompt.REFUSAL;
    }
    Map<String, Double> idf = idf(asked, candidates);
    double total = asked.stream().mapToDouble(idf::get).sum();
    List<Scored> scored = new ArrayList<>();
    for (Candidate c : candidates) {
      double hit = 0;
      for (String term : asked) {
        if (c.terms().contains(term)) {
          hit += idf.get(term);
        } else if (c.heading().contains(term)) {
          hit += HEADING_CREDIT * idf.get(term);
        }
      }
      if (hit > 0) {
        double score = (hit / total + 0.05 / c.passage()) * c.superseded();
        scored.add(new Scored(c, score));
      }
    }
    if (scored.isEmpty()) {
      return GroundingPrompt.REFUSAL;
    }
    scored.sort(
        Comparator.comparingDouble(Scored::score)
            .reversed()
            .thenComparingInt(s -> s.candidate().passage()));
    double best = scored.get(0).score();
    List<String> picked = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Scored s : scored) {
      if (picked.size() == maxSentences || s.score() < best * 0.6) {
        break;
      }
      if (seen.add(s.candidate().text().toLowerCase())) {
        picked.add(withMarker(s.candidate()));
      }
    }
    return String.join(" ", picked);
  }

  private static String withMarker(Candidate c) {
    String text = c.text();
    String end = "";
    if (text.endsWith(".") || text.endsWith("!") || text.endsWith("?")) {
      end = text.substring(text.length() - 1);
      text = text.substring(0, text.length() - 1);
    } else {
      end = ".";
    }
    return text + " [" + c.passage() + "]" + end;
  }

  private static Map<String, Double> idf(Set<String> asked, List<Candidate> candidates) {
    Map<String, Double> idf = new HashMap<>();
    int n = candidates.size();
    for (String term : asked) {
      long df = candidates.stream().filter(c -> c.terms().contains(term)).count();
      idf.put(term, Math.log(1.0 + (n + 1.0) / (df + 0.5)));
    }
    return idf;
  }

  /** Sentences of a Markdown passage: list items and table rows are sentences of their own. */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    boolean fence = false;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("```")) {
        fence = !fence;
        continue;
      }
      if (fence || line.startsWith("|") || line.startsWith("#")) {
        continue;
      }
      if (line.isEmpty() || LIST_MARK.matcher(line).find()) {
        split(paragraph.toString(), out);
        paragraph.setLength(0);
      }
      paragraph.append(LIST_MARK.matcher(line).replaceFirst("")).append(' ');
    }
    split(paragraph.toString(), out);
    return out;
  }

  private static void split(String paragraph, List<String> out) {
    String clean = MARKUP.matcher(paragraph.strip()).replaceAll("").strip();
    if (clean.isEmpty()) {
      return;
    }
    for (String s : SENTENCE_END.split(clean)) {
      String sentence = s.strip();
      if (sentence.split("\\s+").length >= 4) {
        out.add(sentence);
      }
    }
  }
}
