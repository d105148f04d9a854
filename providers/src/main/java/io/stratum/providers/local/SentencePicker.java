package io.stratum.providers.local;

import io.stratum.answer.GroundingPrompt;
import io.stratum.text.Acronyms;
import io.stratum.text.ContentTerms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Picks the sentences that best answer a question, in four parts.
 *
 * <ol>
 *   <li><b>Terms.</b> A sentence scores the rarity-weighted share of the question's terms it holds
 *       (idf over every sentence of the passages). A term found only in the headings above the
 *       sentence, or in the lead of its list item, counts for {@link #HEADING_CREDIT} of that,
 *       since a step under "Database failover &gt; Steps" is about failover even if it never says
 *       so. A term also matches when written joined or spelled out ({@link Question}).
 *   <li><b>Passage.</b> The share of the question's terms that the sentence's passage holds
 *       anywhere (text or headings) adds {@link #PASSAGE_WEIGHT} of itself, so the passage about
 *       the asked thing wins over a stray sentence that shares a word.
 *   <li><b>Answer type.</b> A sentence that holds the type of answer the question asks for ({@link
 *       AnswerType}: a frequency for "how often", a duration for "how long", a number for "how
 *       many", a team for "who") scores {@link #TYPE_BOOST} times its term share, and that again
 *       when the number stands right before what "how many" counts.
 *   <li><b>Procedures.</b> When the question asks how to do something and the passage that answers
 *       best holds a list, the answer is that list, every item in order: a procedure is not three
 *       of its steps. A sentence that introduces a list ("… four levels:") brings its list along.
 * </ol>
 *
 * <p>A small bonus goes to the passage's rank; a superseded passage's sentences keep half their
 * score. It is deterministic: ties fall to the earlier passage and sentence.
 */
final class SentencePicker {
  /** Terms of the headings above a sentence count for this much of the sentence's own terms. */
  static final double HEADING_CREDIT = 0.5;

  /** How much the passage's own share of the question's terms adds to each of its sentences. */
  static final double PASSAGE_WEIGHT = 0.3;

  /** A sentence holding the asked type of answer scores this many times its term share. */
  static final double TYPE_BOOST = 1.5;

  /** What a numbered list adds to its passage when the question asks for a procedure. */
  static final double STEPS_BONUS = 0.25;

  /** Sentences below this share of the best score are left out. */
  static final double CUTOFF = 0.6;

  /** The most list items an answer carries. */
  static final int MAX_ITEMS = 12;

  private final int maxSentences;

  SentencePicker(int maxSentences) {
    this.maxSentences = maxSentences;
  }

  /** A passage as the picker reads it. */
  private record Section(
      GroundingPrompt.Source source,
      List<Units.Unit> units,
      Set<String> headingTerms,
      List<String> headingWords,
      double weight) {
    static Section of(GroundingPrompt.Source source) {
      double weight = source.title().endsWith("(SUPERSEDED)") ? 0.5 : 1.0;
      return new Section(
          source,
          Units.of(source.text()),
          terms(source.section()),
          Acronyms.words(source.section()),
          weight);
    }
  }

  /** One sentence, with what it holds and what it sits under. */
  private record Candidate(
      Section section,
      int index,
      Set<String> terms,
      List<String> words,
      Set<String> context,
      List<String> contextWords) {
    Units.Unit unit() {
      return section.units().get(index);
    }

    int n() {
      return section.source().n();
    }
  }

  private record Scored(Candidate candidate, double score) {}

  String answer(GroundingPrompt.Parsed prompt) {
    Question q = Question.of(prompt.question());
    List<Section> sections = prompt.sources().stream().map(Section::of).toList();
    List<Candidate> candidates = new ArrayList<>();
    sections.forEach(s -> candidates.addAll(candidates(s)));
    if (q.terms().isEmpty() || candidates.isEmpty()) {
      return GroundingPrompt.REFUSAL;
    }
    Map<String, Double> idf = idf(q, candidates);
    double total = idf.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<Section, Double> relevance = new HashMap<>();
    for (Section s : sections) {
      relevance.put(s, relevance(q, s, candidates, idf) / total);
    }
    List<Scored> scored = score(q, candidates, idf, total, relevance);
    if (scored.isEmpty()) {
      return GroundingPrompt.REFUSAL;
    }
    if (q.expects() == AnswerType.PROCEDURE) {
      Section best = procedure(sections, relevance);
      if (best != null) {
        return steps(best);
      }
    }
    return best(scored);
  }

  /** The sentences that share a term with the question, best first. */
  private static List<Scored> score(
      Question q,
      List<Candidate> candidates,
      Map<String, Double> idf,
      double total,
      Map<Section, Double> relevance) {
    List<Scored> scored = new ArrayList<>();
    for (Candidate c : candidates) {
      double own = 0;
      for (String term : q.terms()) {
        if (q.found(term, c.terms(), c.words())) {
          own += idf.get(term);
        } else if (q.found(term, c.context(), c.contextWords())) {
          own += HEADING_CREDIT * idf.get(term);
        }
      }
      if (own > 0) {
        int typed =
            q.expects() == AnswerType.PROCEDURE
                ? (c.unit().numbered() ? 1 : 0)
                : q.holds(c.unit().text(), c.words());
        double score =
            (own / total * Math.pow(TYPE_BOOST, typed)
                    + PASSAGE_WEIGHT * relevance.get(c.section())
                    + 0.05 / c.n())
                * c.section().weight();
        scored.add(new Scored(c, score));
      }
    }
    scored.sort(
        Comparator.comparingDouble(Scored::score)
            .reversed()
            .thenComparingInt(s -> s.candidate().n())
            .thenComparingInt(s -> s.candidate().index()));
    return scored;
  }

  /** The best few sentences, each list a sentence introduces brought along. */
  private String best(List<Scored> scored) {
    double top = scored.get(0).score();
    Answer out = new Answer();
    int picked = 0;
    for (Scored s : scored) {
      if (picked == maxSentences || s.score() < top * CUTOFF) {
        break;
      }
      Candidate c = s.candidate();
      if (out.sentence(c.unit().text(), c.n())) {
        picked++;
        if (c.unit().introduces() >= 0) {
          out.list(c.section(), c.unit().introduces());
        }
      }
    }
    return out.text();
  }

  /** The steps of a passage's first numbered list (else its first list), after its introduction. */
  private static String steps(Section s) {
    int list =
        s.units().stream()
            .filter(Units.Unit::inList)
            .min(Comparator.comparing((Units.Unit u) -> !u.numbered()))
            .orElseThrow()
            .list();
    Answer out = new Answer();
    s.units().stream()
        .filter(u -> u.introduces() == list)
        .findFirst()
        .ifPresent(u -> out.sentence(u.text(), s.source().n()));
    out.list(s, list);
    return out.text();
  }

  /**
   * The passage that best answers a procedure question when it holds a list: relevance, plus {@link
   * #STEPS_BONUS} for numbered steps (half for bullets). Null when the best has no list.
   */
  private static Section procedure(List<Section> sections, Map<Section, Double> relevance) {
    Section best = null;
    double bestScore = 0;
    for (Section s : sections) {
      boolean numbered = s.units().stream().anyMatch(Units.Unit::numbered);
      boolean listed = s.units().stream().anyMatch(Units.Unit::inList);
      double bonus = numbered ? STEPS_BONUS : listed ? STEPS_BONUS / 2 : 0;
      double score = (relevance.get(s) + bonus) * s.weight();
      if (relevance.get(s) > 0 && score > bestScore) {
        best = s;
        bestScore = score;
      }
    }
    return best != null && best.units().stream().anyMatch(Units.Unit::inList) ? best : null;
  }

  /** The idf-weighted question terms that a passage holds anywhere: text or headings. */
  private static double relevance(
      Question q, Section s, List<Candidate> candidates, Map<String, Double> idf) {
    double sum = 0;
    for (String term : q.terms()) {
      boolean held =
          q.found(term, s.headingTerms(), s.headingWords())
              || candidates.stream()
                  .anyMatch(c -> c.section() == s && q.found(term, c.terms(), c.words()));
      if (held) {
        sum += idf.get(term);
      }
    }
    return sum;
  }

  private static List<Candidate> candidates(Section s) {
    List<Candidate> out = new ArrayList<>();
    Map<Integer, Integer> leads = new HashMap<>();
    for (int i = 0; i < s.units().size(); i++) {
      Units.Unit u = s.units().get(i);
      Set<String> context = new LinkedHashSet<>(s.headingTerms());
      List<String> contextWords = new ArrayList<>(s.headingWords());
      Integer lead = u.inList() ? leads.putIfAbsent(u.item(), i) : null;
      if (lead != null) {
        String leadText = s.units().get(lead).text();
        context.addAll(terms(leadText));
        contextWords.addAll(Acronyms.words(leadText));
      }
      out.add(
          new Candidate(s, i, terms(u.text()), Acronyms.words(u.text()), context, contextWords));
    }
    return out;
  }

  /**
   * Content terms, plus each pair of neighbouring words joined ("fail over" also as "failover").
   */
  private static Set<String> terms(String text) {
    Set<String> terms = ContentTerms.distinct(text);
    List<String> words = Acronyms.words(text);
    for (int i = 0; i + 1 < words.size(); i++) {
      List<String> joined = ContentTerms.of(words.get(i) + words.get(i + 1));
      if (joined.size() == 1) {
        terms.add(joined.get(0));
      }
    }
    return terms;
  }

  private static Map<String, Double> idf(Question q, List<Candidate> candidates) {
    Map<String, Double> idf = new HashMap<>();
    int n = candidates.size();
    for (String term : q.terms()) {
      long df = candidates.stream().filter(c -> q.found(term, c.terms(), c.words())).count();
      idf.put(term, Math.log(1.0 + (n + 1.0) / (df + 0.5)));
    }
    return idf;
  }

  /** Sentences of a Markdown passage: list items and table rows are sentences of their own. */
  static List<String> sentences(String text) {
    return Units.of(text).stream().map(Units.Unit::text).toList();
  }

  /** The answer as it is written: sentences run on, list items one a line, each with its [n]. */
  private static final class Answer {
    private final StringBuilder text = new StringBuilder();
    private final Set<String> seen = new HashSet<>();
    private boolean afterList;

    /** Appends a sentence unless it was already said; whether it was appended. */
    boolean sentence(String sentence, int n) {
      if (!seen.add(sentence.toLowerCase(Locale.ROOT))) {
        return false;
      }
      if (!text.isEmpty()) {
        text.append(afterList ? "\n" : " ");
      }
      text.append(withMarker(sentence, n));
      afterList = false;
      return true;
    }

    /** Appends every item of list {@code list} of {@code s}, in order, one item a line. */
    void list(Section s, int list) {
      int item = -1;
      int number = 0;
      for (Units.Unit u : s.units()) {
        if (u.list() != list || !seen.add(u.text().toLowerCase(Locale.ROOT))) {
          continue;
        }
        String marked = withMarker(u.text(), s.source().n());
        if (u.item() != item) {
          if (++number > MAX_ITEMS) {
            break;
          }
          item = u.item();
          if (!text.isEmpty()) {
            text.append('\n');
          }
          text.append(u.numbered() ? number + ". " : "- ").append(marked);
        } else {
          text.append(' ').append(marked);
        }
      }
      afterList = true;
    }

    String text() {
      return text.toString();
    }
  }

  /** The sentence with its citation before its final punctuation: "… 365 days [1]." */
  private static String withMarker(String text, int n) {
    String marker = " [" + n + "]";
    char last = text.charAt(text.length() - 1);
    if (last == '.' || last == '!' || last == '?' || last == ':') {
      return text.substring(0, text.length() - 1) + marker + last;
    }
    return text + marker + ".";
  }
}
