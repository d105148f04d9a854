package io.stratum.simulator;

import java.util.List;
import java.util.Set;

/**
 * A simulated model and the quirks that hurt in production, as data.
 *
 * @param id the base model id (without a geography prefix)
 * @param family a short family name, used in replies
 * @param surfaces the APIs that serve it
 * @param openAiPrefixes for OpenAI-compatible surfaces, the path prefixes that serve it ({@code
 *     /v1}, {@code /openai/v1}); another prefix fails with "isn't supported on this route"
 * @param profileOnly on-demand calls with the base id are refused; a geography prefix is needed
 * @param thinking how it reasons
 * @param efforts the reasoning-effort vocabulary it accepts (empty when it takes none)
 * @param defaultEffort the effort used when the request names none
 * @param maxOutputTokens the ceiling for {@code maxTokens} / {@code max_output_tokens}
 * @param maxStopSequences how many stop sequences it takes
 * @param rejectedFields top-level keys of {@code additionalModelRequestFields} it refuses
 * @param temperatureAndTopPExclusive sending both is a 400
 */
public record SimModel(
    String id,
    String family,
    Set<Surface> surfaces,
    List<String> openAiPrefixes,
    boolean profileOnly,
    Thinking thinking,
    List<String> efforts,
    String defaultEffort,
    int maxOutputTokens,
    int maxStopSequences,
    Set<String> rejectedFields,
    boolean temperatureAndTopPExclusive) {

  public SimModel {
    surfaces = Set.copyOf(surfaces);
    openAiPrefixes = List.copyOf(openAiPrefixes);
    efforts = List.copyOf(efforts);
    rejectedFields = Set.copyOf(rejectedFields);
  }

  public boolean serves(Surface surface) {
    return surfaces.contains(surface);
  }
}
