package io.stratum.app.usecase;

import io.stratum.catalog.ModelCatalog;
import io.stratum.catalog.ModelFamily;
import java.util.List;
import java.util.Optional;

/**
 * Which models answer here: each tier's model and the family the catalog resolves it to, and the
 * catalog itself. Any signed-in principal may read it: every answer already names its model, and
 * the customer should always know which models may answer.
 */
public final class Models {
  /**
   * One tier.
   *
   * @param family the catalog family of its model, empty for a model the catalog does not know (the
   *     local answer model, a simulator's)
   */
  public record Tier(String name, String modelId, Optional<ModelFamily> family) {}

  private final List<AnswerTier> tiers;
  private final ModelCatalog catalog;

  public Models(List<AnswerTier> tiers, ModelCatalog catalog) {
    this.tiers = List.copyOf(tiers);
    this.catalog = catalog;
  }

  public List<Tier> tiers() {
    return tiers.stream()
        .map(t -> new Tier(t.name(), t.model().modelId(), catalog.resolve(t.model().modelId())))
        .toList();
  }

  public List<ModelFamily> catalog() {
    return catalog.families();
  }
}
