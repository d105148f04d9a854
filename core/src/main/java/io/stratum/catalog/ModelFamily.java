package io.stratum.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Stratum knows about a family of models: where they are served and what they accept.
 *
 * @param backends the wires that serve it, preferred first
 * @param openAiPrefix the path prefix on the OpenAI-compatible surfaces ({@code /v1}, {@code
 *     /openai/v1}), or empty
 * @param efforts the reasoning-effort vocabulary it accepts (empty: none)
 * @param defaultEffort the effort sent when the request names none, or empty
 * @param maxOutputTokens the model's own limit on output tokens
 * @param hardCeiling the dispatcher's hard ceiling on one call's output budget (reasoning plus
 *     visible output) when the family keeps one below the model's limit, else 0: a request above it
 *     is lowered to it with a logged warning, or refused in strict mode (see {@link #ceiling()})
 * @param defaultMaxOutputTokens what is sent when the request names no ceiling
 * @param reasoningTokens the reasoning an answer is budgeted for, per effort in the family's
 *     vocabulary ({@code default} for a family that always reasons): a planning allowance, not a
 *     published figure (see {@link #answerBudget})
 * @param rejects normalized parameter names it always refuses
 * @param rejectsWhileReasoning parameters it refuses while reasoning is on
 * @param rejectsAtHighEffort parameters it refuses at the highest effort (Nova 2)
 * @param temperatureTopPExclusive sending both temperature and topP is refused
 * @param maxStopSequences how many stop sequences it takes (0: none)
 * @param status {@code validated} (proved against the simulator or Bedrock) or {@code routable}
 */
public record ModelFamily(
    String name,
    List<Pattern> patterns,
    List<Backend> backends,
    String openAiPrefix,
    ReasoningStyle reasoning,
    List<String> efforts,
    String defaultEffort,
    int maxOutputTokens,
    int hardCeiling,
    int defaultMaxOutputTokens,
    Map<String, Integer> reasoningTokens,
    Set<String> rejects,
    Set<String> rejectsWhileReasoning,
    Set<String> rejectsAtHighEffort,
    boolean temperatureTopPExclusive,
    int maxStopSequences,
    Prices prices,
    String status) {

  /** USD per million tokens. */
  public record Prices(double input, double output) {}

  public ModelFamily {
    patterns = List.copyOf(patterns);
    backends = List.copyOf(backends);
    efforts = List.copyOf(efforts);
    reasoningTokens = Map.copyOf(reasoningTokens);
    rejects = Set.copyOf(rejects);
    rejectsWhileReasoning = Set.copyOf(rejectsWhileReasoning);
    rejectsAtHighEffort = Set.copyOf(rejectsAtHighEffort);
    if (backends.isEmpty()) {
      throw new IllegalArgumentException("family " + name + ": backends must not be empty");
    }
    if (hardCeiling < 0 || hardCeiling > maxOutputTokens) {
      throw new IllegalArgumentException(
          "family %s: hardCeiling %d must be between 1 and maxOutputTokens %d (or absent)"
              .formatted(name, hardCeiling, maxOutputTokens));
    }
    int ceiling = hardCeiling > 0 ? hardCeiling : maxOutputTokens;
    if (defaultMaxOutputTokens > ceiling) {
      throw new IllegalArgumentException(
          "family %s: defaultMaxOutputTokens %d exceeds its ceiling %d"
              .formatted(name, defaultMaxOutputTokens, ceiling));
    }
  }

  /** The most one call may ask for: the hard ceiling when the family keeps one, else its limit. */
  public int ceiling() {
    return hardCeiling > 0 ? hardCeiling : maxOutputTokens;
  }

  /**
   * The output budget of an answer of {@code visibleTokens} at {@code effort} (the family's word,
   * or null when it is asked for no reasoning): the visible answer plus the reasoning the family is
   * budgeted for at that effort, never above {@link #ceiling()}.
   */
  public int answerBudget(int visibleTokens, String effort) {
    int reasoning =
        effort == null
            ? reasoningTokens.getOrDefault("default", 0)
            : reasoningTokens.getOrDefault(effort, reasoningTokens.getOrDefault("default", 0));
    return Math.min(ceiling(), visibleTokens + reasoning);
  }

  public boolean matches(String baseId) {
    return patterns.stream().anyMatch(p -> p.matcher(baseId).matches());
  }

  public boolean serves(Backend backend) {
    return backends.contains(backend);
  }

  /**
   * A family for a model the catalog does not know: no reasoning, no rejections, generous limits.
   */
  public static ModelFamily unknown(Backend backend) {
    return new ModelFamily(
        "unknown",
        List.of(),
        List.of(backend),
        backend == Backend.RESPONSES || backend == Backend.CHAT ? "/v1" : "",
        ReasoningStyle.NONE,
        List.of(),
        "",
        128_000,
        0,
        4096,
        Map.of(),
        Set.of(),
        Set.of(),
        Set.of(),
        false,
        4,
        new Prices(0, 0),
        "routable");
  }
}
