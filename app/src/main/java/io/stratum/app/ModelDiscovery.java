package io.stratum.app;

import io.stratum.app.config.ModelConfig;
import io.stratum.app.config.ModelTiers;
import io.stratum.catalog.ModelCatalog;
import io.stratum.catalog.ModelFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Mantle endpoint lists against what the catalog vouches for. Discovery only reports:
 * nothing is added to the catalog, cleared or routed because an endpoint lists it. A listed model
 * the catalog does not know needs a family (and, where {@code bedrock_cleared_model_ids} is set, a
 * place on it) before a tier should use it.
 */
public final class ModelDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(ModelDiscovery.class);

  private ModelDiscovery() {}

  /**
   * One listed model.
   *
   * @param family the catalog family, or empty
   * @param status {@code validated}, {@code routable} or {@code unknown}
   * @param cleared {@code yes}/{@code no} against {@code bedrock_cleared_model_ids}, or {@code -}
   *     when no list is set
   * @param tier the tiers that name it ({@code advanced}, {@code basic}), or empty
   */
  public record Row(String id, String family, String status, String cleared, String tier) {}

  /** Lists the endpoint's models and classifies them. */
  public static List<Row> refresh(ModelConfig c, Map<String, String> env) {
    return classify(Engine.mantleModels(c, env), c, ModelCatalog.standard());
  }

  static List<Row> classify(List<String> listed, ModelConfig c, ModelCatalog catalog) {
    List<Row> rows = new ArrayList<>();
    for (String id : listed) {
      rows.add(
          new Row(
              id,
              catalog.resolve(id).map(ModelFamily::name).orElse(""),
              catalog.status(id),
              c.dispatch().cleared().map(l -> l.allows(id) ? "yes" : "no").orElse("-"),
              tiers(c.tiers(), id)));
    }
    return rows;
  }

  private static String tiers(ModelTiers t, String id) {
    String base = ModelCatalog.baseId(id);
    List<String> names = new ArrayList<>();
    if (ModelCatalog.baseId(t.advanced().modelId()).equals(base)) {
      names.add("advanced");
    }
    if (ModelCatalog.baseId(t.basic().modelId()).equals(base)) {
      names.add("basic");
    }
    return String.join(",", names);
  }

  /** One line: how many listed, how many of each status, and the unknown ones by id. */
  public static String summary(List<Row> rows) {
    long validated = rows.stream().filter(r -> r.status().equals("validated")).count();
    long routable = rows.stream().filter(r -> r.status().equals("routable")).count();
    List<String> unknown =
        rows.stream().filter(r -> r.status().equals("unknown")).map(Row::id).toList();
    return "%d models listed: %d validated, %d routable, %d unknown%s"
        .formatted(
            rows.size(),
            validated,
            routable,
            unknown.size(),
            unknown.isEmpty()
                ? ""
                : " ("
                    + String.join(", ", unknown)
                    + (unknown.size() == 1
                        ? ": the catalog has no family for it; add one, and clear it,"
                            + " before a tier uses it)"
                        : ": the catalog has no family for them; add one, and clear them,"
                            + " before a tier uses them)"));
  }

  /** Warns, at startup, of each tier whose model the catalog only routes (or does not know). */
  static void warnUnvalidated(ModelTiers t, ModelCatalog catalog) {
    for (ModelTiers.Tier tier : List.of(t.advanced(), t.basic())) {
      String status = catalog.status(tier.modelId());
      if (!status.equals("validated")) {
        LOG.warn(
            "the {} tier's model {} is {}, not validated: it has not passed the conformance"
                + " matrix; `stratum models check` runs the checks against it",
            tier == t.advanced() ? "advanced" : "basic",
            tier.modelId(),
            status.equals("unknown") ? "not in the catalog" : "routable");
      }
    }
  }

  /**
   * Lists and logs every {@code interval} on a virtual thread, until closed; a failed listing is
   * logged and tried again next time.
   */
  public static AutoCloseable every(Duration interval, Supplier<List<Row>> listing) {
    Thread t =
        Thread.ofVirtual()
            .name("model-discovery")
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      LOG.info("model discovery: {}", summary(listing.get()));
                    } catch (RuntimeException e) {
                      LOG.warn("model discovery failed: {}", e.getMessage());
                    }
                    try {
                      Thread.sleep(interval);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    return t::interrupt;
  }
}
