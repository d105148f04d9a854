package io.stratum.app.config;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the providers accept, as plain data, so that {@code config} can check a value against it
 * (and report every problem at once, each with its file and line) without importing a provider. The
 * composition root builds it from the providers' own constants ({@code Engine.PROVIDERS}).
 *
 * @param embeddingModels the Bedrock embedding models (the in-jar {@value
 *     RetrievalModels#LOCAL_EMBEDDING} is always accepted besides)
 * @param embeddingDimensions the output sizes Titan v2 offers
 * @param rerankModels the Bedrock rerank models; the first is the default
 * @param roleTargetProblem checks one {@code oidc_role_map} value: the problem, or null when fine
 */
public record ProviderChoices(
    List<String> embeddingModels,
    List<Integer> embeddingDimensions,
    List<String> rerankModels,
    UnaryOperator<String> roleTargetProblem) {
  public ProviderChoices {
    embeddingModels = List.copyOf(embeddingModels);
    embeddingDimensions = List.copyOf(embeddingDimensions);
    rerankModels = List.copyOf(rerankModels);
    if (rerankModels.isEmpty()) {
      throw new IllegalArgumentException("rerankModels: expected at least one, got none");
    }
  }
}
