package io.stratum.providers.local;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The kind of answer a question asks for, read from its wording, and whether a sentence holds one.
 * "How often …" wants a frequency ("every 365 days", "monthly"), "how long …" a duration, "how many
 * …" a number, "who …" a person, team or role, "which …" a name, "how do we …" the steps of a
 * procedure. A sentence that holds the asked type is a better answer than one that only repeats the
 * question's words.
 *
 * <p>Each type is two patterns, as data: the wording of a question that asks for it (lower case,
 * tried in declaration order, the first match wins) and what a sentence holding it contains.
 */
enum AnswerType {
  /** "How do we …", "how to …", "what should I do …", "what are the steps …". */
  PROCEDURE(
      "^(?:how (?:do|can|should|would|must) (?:i|we|you|one|they) |how to )|\\bsteps?\\b"
          + "|\\bprocedure\\b|\\bwhat to do\\b|^what (?:do|should|must|can) (?:i|we|you|they) do\\b"
          + "|^what (?:is|are) the (?:first |next )?things? to do\\b",
      null),
  /** "How often …": a rate in time. */
  FREQUENCY(
      "^(?:how|at what) (?:often|frequently|regularly|interval)\\b|\\bwhat frequency\\b",
      "\\b(?:every|each|per|once|twice|daily|weekly|monthly|quarterly|yearly|annually|hourly"
          + "|nightly|continuously)\\b|\\btimes? an? (?:day|week|month|quarter|year)\\b"
          + "|\\ban? (?:day|week|month|quarter|year)\\b"),
  /** "How long …", "how soon …", "within how …": an amount of time. */
  DURATION(
      "^(?:how (?:long|soon|quickly)|within how|after how|for how long|how much time)\\b",
      Patterns.DURATION),
  /** "When …", "by what time …": a time of day, a date or an amount of time. */
  TIME(
      "^(?:when|by when|by what time|at what time|what time|what date)\\b",
      Patterns.DURATION + "|\\b\\d{1,2}:\\d{2}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\bimmediately\\b"),
  /** "How many …", "how much …", "what is the … target": a number or a share. */
  QUANTITY(
      "^(?:how (?:many|much|large|big|high|low|fast|far)|what (?:percentage|percent|share))\\b"
          + "|^what(?:'s| is| are) the (?:[\\w-]+ ){0,3}?(?:objective|target|throughput|latency"
          + "|budget|interval|limit|threshold|rate|size|availability|retention|timeout|lifetime"
          + "|capacity|duration|deadline|period|window|number|amount|percentage|count|cost"
          + "|price)s?\\b",
      Patterns.NUMBER + "|%|\\bpercent\\b"),
  /** "Who …", "which team …": a person, team or role. */
  AGENT(
      "^(?:who|whom|whose|(?:which|what) (?:team|person|people|role|group|owner)s?)\\b",
      "\\b(?:team|engineer|manager|owner|commander|officer|board|administrator|admin|lead"
          + "|on-call|governance|legal|ciso|approver|reviewer|committee|department|staff|analyst"
          + "|person|people|operations|support|finance|platform)s?\\b"),
  /** "Which protocol …", "what cipher …": a name, a code-like identifier or a version. */
  NAME(
      "^(?:which|what (?!is\\b|are\\b|was\\b|were\\b|does\\b|do\\b|did\\b)\\w+)",
      "`[^`]+`|(?<!^)(?<![.:;] )\\b[A-Z][A-Za-z]*[A-Z0-9][\\w.-]*|(?<!^)(?<![.:;] )\\b[A-Z][a-z]+"),
  /** Nothing recognisable: only the question's terms count. */
  ANY(null, null);

  private final Pattern asked;
  private final Pattern held;

  AnswerType(String asked, String held) {
    this.asked = asked == null ? null : Pattern.compile(asked);
    this.held = held == null ? null : Pattern.compile(held);
  }

  /** The type of answer {@code question} asks for. */
  static AnswerType of(String question) {
    String q = question.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(t -> t.asked != null && t.asked.matcher(q).find())
        .findFirst()
        .orElse(ANY);
  }

  /**
   * Whether {@code sentence} holds an answer of this type. Names are told by their capitals; a
   * procedure's steps are judged apart, by their list.
   */
  boolean heldBy(String sentence) {
    return held != null
        && held.matcher(this == NAME ? sentence : sentence.toLowerCase(Locale.ROOT)).find();
  }

  private static final class Patterns {
    static final String NUMBER =
        "(?<![\\w-])\\d[\\d,.]*(?![\\w-])|\\b(?:zero|one|two|three|four|five|six|seven|eight"
            + "|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred"
            + "|thousand|million|dozen|half|single|double)\\b";
    static final String DURATION =
        "(?:"
            + NUMBER
            + "|\\ban?\\b)[\\s-]*(?:business |working |calendar )?(?:ms|milliseconds?|seconds?"
            + "|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|quarters?|years?)\\b"
            + "|\\bat once\\b";
  }
}
