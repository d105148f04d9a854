package io.stratum.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What simulated models say: derived from the request alone, so a test can assert what reached the
 * model. The text names the family, quotes the start of the last user message and carries a digest
 * of all of it, then adds one sentence picked by that digest.
 *
 * <p>A grounded prompt holds numbered passages ({@code <passage n="1" …>}) and the question ({@code
 * <question>…</question>}); a real model is told to cite every sentence with the passages it relies
 * on. So does the simulator: it quotes the question rather than the prompt's start, ends its first
 * sentence with the first passage's marker and its second with the markers of the next two (or the
 * first again when there is only one): {@code Simulated claude reply to "How are keys rotated?"
 * [sha256:…] [1]. The simulator answers deterministically [2][3].}
 */
final class Replies {
  private static final List<String> SENTENCES =
      List.of(
          "The simulator answers deterministically.",
          "Nothing here came from a real model.",
          "Replies are derived from the request alone.",
          "Usage counts are whitespace-separated words.",
          "Every reply can be predicted from its request.",
          "This sentence was chosen by the request digest.",
          "Simulated answers are short by design.",
          "Real models would say something more useful.");

  /** The most passages a reply cites. */
  static final int MAX_CITED = 3;

  private static final Pattern PASSAGE = Pattern.compile("<passage n=\"(\\d{1,6})\"");
  private static final Pattern QUESTION =
      Pattern.compile("<question>\\s*(.*?)\\s*</question>", Pattern.DOTALL);

  /**
   * Reasoning tokens a GPT-5 model spends per effort level on an ordinary question (a simulated
   * choice: OpenAI publishes none; a real capture spent 1600 at medium). {@code xhigh} and {@code
   * max} outgrow the family's 8K ceiling, so they come back incomplete as the seed's setup did; the
   * {@code reasoning=N} fault plays a question that needs more.
   */
  static final Map<String, Integer> GPT5_REASONING =
      Map.of(
          "none", 0, "minimal", 64, "low", 512, "medium", 2048, "high", 6144, "xhigh", 16384, "max",
          32768);

  private Replies() {}

  /** First 8 hex digits of the SHA-256 of {@code text}. */
  static String digest(String text) {
    return SigV4Verifier.hex(SigV4Verifier.sha256(text.getBytes(StandardCharsets.UTF_8)))
        .substring(0, 8);
  }

  static String text(SimModel model, String lastUser) {
    String d = digest(lastUser);
    List<Integer> passages = passages(lastUser);
    Matcher question = QUESTION.matcher(lastUser);
    String asked = !passages.isEmpty() && question.find() ? question.group(1) : lastUser;
    String excerpt = asked.strip().replaceAll("\\s+", " ");
    if (excerpt.length() > 48) {
      excerpt = excerpt.substring(0, 48) + "...";
    }
    int pick = Integer.parseUnsignedInt(d.substring(0, 2), 16) % SENTENCES.size();
    String sentence = SENTENCES.get(pick);
    if (passages.isEmpty()) {
      return "Simulated %s reply to \"%s\" [sha256:%s]. %s"
          .formatted(model.family(), excerpt, d, sentence);
    }
    List<Integer> rest = passages.subList(1, Math.min(MAX_CITED, passages.size()));
    return "Simulated %s reply to \"%s\" [sha256:%s] %s. %s %s."
        .formatted(
            model.family(),
            excerpt,
            d,
            markers(passages.subList(0, 1)),
            sentence.substring(0, sentence.length() - 1),
            markers(rest.isEmpty() ? passages.subList(0, 1) : rest));
  }

  /** The numbers of the passages in a grounded prompt, in order, each once. */
  static List<Integer> passages(String prompt) {
    List<Integer> out = new ArrayList<>();
    Matcher m = PASSAGE.matcher(prompt);
    while (m.find()) {
      int n = Integer.parseInt(m.group(1));
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  private static String markers(List<Integer> passages) {
    StringBuilder out = new StringBuilder();
    passages.forEach(n -> out.append('[').append(n).append(']'));
    return out.toString();
  }

  static String reasoning(String lastUser) {
    return "The user asks about "
        + words(lastUser, 6)
        + " (digest "
        + digest(lastUser)
        + "). I will answer briefly and plainly.";
  }

  /** Whitespace-separated words: the simulator's token count. */
  static int tokens(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  /** The first {@code n} words of {@code text}. */
  static String words(String text, int n) {
    String[] w = text.strip().split("\\s+");
    return String.join(" ", Arrays.copyOf(w, Math.min(n, w.length)));
  }

  /** {@code text} cut to its first {@code n} tokens, keeping spacing. */
  static String truncate(String text, int n) {
    if (n <= 0) {
      return "";
    }
    List<String> parts = pieces(text, 1);
    return String.join("", parts.subList(0, Math.min(n, parts.size()))).stripTrailing();
  }

  /** Pieces of {@code wordsPerPiece} words each, spaces kept, that concatenate to {@code text}. */
  static List<String> pieces(String text, int wordsPerPiece) {
    List<String> out = new ArrayList<>();
    String[] words = text.split("(?<= )");
    StringBuilder current = new StringBuilder();
    int count = 0;
    for (String w : words) {
      current.append(w);
      if (++count == wordsPerPiece) {
        out.add(current.toString());
        current.setLength(0);
        count = 0;
      }
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  /** A deterministic signature for a reasoning block, as Claude returns one. */
  static String signature(String reasoning) {
    return Base64.getEncoder()
        .encodeToString(SigV4Verifier.sha256(reasoning.getBytes(StandardCharsets.UTF_8)));
  }

  /** Padding like Bedrock's {@code "p"} member, of a length that varies with the seed. */
  static String padding(int seed) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    return alphabet.substring(0, 4 + Math.floorMod(seed * 7, alphabet.length() - 4));
  }
}
