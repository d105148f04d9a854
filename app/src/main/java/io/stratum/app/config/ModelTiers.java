package io.stratum.app.config;

import static io.stratum.app.config.ConfigKeys.ADVANCED_EFFORT;
import static io.stratum.app.config.ConfigKeys.ADVANCED_INPUT_PRICE;
import static io.stratum.app.config.ConfigKeys.ADVANCED_MODEL;
import static io.stratum.app.config.ConfigKeys.ADVANCED_OUTPUT_PRICE;
import static io.stratum.app.config.ConfigKeys.BASIC_EFFORT;
import static io.stratum.app.config.ConfigKeys.BASIC_INPUT_PRICE;
import static io.stratum.app.config.ConfigKeys.BASIC_MODEL;
import static io.stratum.app.config.ConfigKeys.BASIC_OUTPUT_PRICE;
import static io.stratum.app.config.ConfigKeys.CLEARED_MODELS;

import io.stratum.dispatch.DispatchSettings;
import io.stratum.dispatch.ReasoningEffort;
import java.util.Objects;
import java.util.Optional;

/** The two tiers: advanced writes answers, basic serves light work ({@code bedrock_*_model_id}). */
public record ModelTiers(Tier advanced, Tier basic) {

  /**
   * @param effort the reasoning effort asked of the model, or null for the family's default
   * @param prices negotiated rates, or the catalog's list prices
   */
  public record Tier(String modelId, ReasoningEffort effort, Prices prices) {
    public Tier withModel(String model) {
      return new Tier(model, effort, prices);
    }
  }

  /** USD per million tokens; a negative rate means the catalog's list price. */
  public record Prices(double input, double output) {}

  /** True when every tier runs on the in-process local model (no cloud at all). */
  public boolean localOnly() {
    return advanced.modelId().equals(ModelConfig.LOCAL_MODEL)
        && basic.modelId().equals(ModelConfig.LOCAL_MODEL);
  }

  /** The same tiers with {@code model} on both. */
  public ModelTiers withModel(String model) {
    return new ModelTiers(advanced.withModel(model), basic.withModel(model));
  }

  static ModelTiers read(Values v) {
    String advanced = v.get(ADVANCED_MODEL);
    String basic = Objects.requireNonNullElse(v.get(BASIC_MODEL), advanced);
    Prices ap = new Prices(price(v, ADVANCED_INPUT_PRICE), price(v, ADVANCED_OUTPUT_PRICE));
    Prices bp = new Prices(price(v, BASIC_INPUT_PRICE), price(v, BASIC_OUTPUT_PRICE));
    return new ModelTiers(
        new Tier(advanced, v.get(ADVANCED_EFFORT), ap), new Tier(basic, v.get(BASIC_EFFORT), bp));
  }

  private static double price(Values v, Key<Double> key) {
    Double d = v.get(key);
    return d == null ? -1 : d;
  }

  /** A tier outside {@code bedrock_cleared_model_ids} fails at startup, naming the list. */
  void checkCleared(Optional<DispatchSettings.ClearedModels> cleared, Values v) {
    cleared.ifPresent(
        list -> {
          check(list, ADVANCED_MODEL, advanced.modelId(), v);
          check(list, BASIC_MODEL, basic.modelId(), v);
        });
  }

  private static void check(
      DispatchSettings.ClearedModels list, Key<String> key, String id, Values v) {
    if (!id.equals(ModelConfig.LOCAL_MODEL) && !list.allows(id)) {
      v.problem(
          "%s: model '%s' is not in %s (%s) (%s)"
              .formatted(key.name(), id, CLEARED_MODELS.name(), list.source(), v.where(key)));
    }
  }
}
