package io.stratum.app.usecase;

import io.stratum.access.AccessDeniedException;
import io.stratum.dispatch.DispatchSettings;
import io.stratum.dispatch.Dispatcher;
import io.stratum.dispatch.ModelClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The models the OpenAI-compatible gateway serves: the tier aliases ({@code stratum-advanced},
 * {@code stratum-basic}, each the tier's configured model at its effort) and every id on the
 * cleared list ({@code bedrock_cleared_model_ids}), each a client of the one dispatcher. Anything
 * else is unknown.
 */
final class GatewayModels {
  static final String ADVANCED = "stratum-advanced";
  static final String BASIC = "stratum-basic";

  /** A served model: the name it was asked by, its client and the tier it bills as. */
  record Resolved(String asked, ModelClient client, String tier) {}

  private final AnswerTier advanced;
  private final AnswerTier basic;
  private final Dispatcher dispatcher;

  /**
   * @param dispatcher the dispatcher behind the tiers, for cleared catalog ids; null serves the
   *     aliases only
   */
  GatewayModels(AnswerTier advanced, AnswerTier basic, Dispatcher dispatcher) {
    this.advanced = advanced;
    this.basic = basic;
    this.dispatcher = dispatcher;
  }

  /** Every name a caller may ask for: the aliases, then the cleared ids in order. */
  List<String> names() {
    List<String> out = new ArrayList<>(List.of(ADVANCED, BASIC));
    out.addAll(clearedIds());
    return out;
  }

  private List<String> clearedIds() {
    if (dispatcher == null) {
      return List.of();
    }
    return dispatcher
        .settings()
        .cleared()
        .map(DispatchSettings.ClearedModels::ids)
        .map(ids -> ids.stream().sorted().toList())
        .orElse(List.of());
  }

  /**
   * The client for {@code model}, checked against the tiers {@code allowed} in the billed workspace
   * when it names a tier.
   *
   * @throws UnknownModelException when the gateway serves no such model
   * @throws AccessDeniedException when the workspace may not use the named tier
   */
  Resolved resolve(String model, String workspace, Set<String> allowed) {
    if (model.equals(ADVANCED) || model.equals(BASIC)) {
      AnswerTier t = model.equals(ADVANCED) ? advanced : basic;
      if (!allowed.contains(t.name())) {
        throw new AccessDeniedException(
            "workspace '%s' may not use the %s tier (model %s); an org admin can allow it: PUT /api/workspaces/%s/tiers"
                .formatted(workspace, t.name(), model, workspace));
      }
      return new Resolved(model, t.model(), t.name());
    }
    if (dispatcher != null
        && dispatcher.settings().cleared().map(list -> list.allows(model)).orElse(false)) {
      return new Resolved(model, dispatcher.client(model, null), "gateway");
    }
    throw new UnknownModelException(model, names());
  }
}
