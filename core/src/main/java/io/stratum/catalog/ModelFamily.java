package io.stratum.catalog;

import java.util.List;
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
 * @param maxOutputTokens the ceiling a request may ask for
 * @param defaultMaxOutputTokens what is sent when the request names no ceiling
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
    int defaultMaxOutputTokens,
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
    rejects = Set.copyOf(rejects);
    rejectsWhileReasoning = Set.copyOf(rejectsWhileReasoning);
    rejectsAtHighEffort = Set.copyOf(rejectsAtHighEffort);
    if (backends.isEmpty()) {
      throw new IllegalArgumentException("family " + name + ": backends must not be empty");
    }
    if (defaultMaxOutputTokens > maxOutputTokens) {
      throw new IllegalArgumentException(
          "family %s: defaultMaxOutputTokens %d exceeds maxOutputTokens %d"
              .formatted(name, defaultMaxOutputTokens, maxOutputTokens));
    }
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
        4096,
        Set.of(),
        Set.of(),
        Set.of(),
        false,
        4,
        new Prices(0, 0),
        "routable");
  }
}
