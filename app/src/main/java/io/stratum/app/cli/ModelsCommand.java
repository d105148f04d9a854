package io.stratum.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.app.Engine;
import io.stratum.app.config.Environment;
import io.stratum.app.config.ModelConfig;
import io.stratum.app.config.ModelTiers;
import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import io.stratum.catalog.ModelFamily;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stratum models list|check}. */
@Command(
    name = "models",
    description = {
      "List the model catalog, check the models, or see what an endpoint serves.",
      "check runs conformance checks on the configured models; refresh lists the endpoint's models"
          + " against the catalog."
    },
    subcommands = {ModelsCommand.ListModels.class, ModelsCheck.class, ModelsRefresh.class})
public final class ModelsCommand {
  static final ObjectMapper JSON = new ObjectMapper();

  /** {@code stratum models list [--json]}. */
  @Command(
      name = "list",
      description = {
        "List the catalog's families with their backends, status, prices and tiers.",
        "Each family's id patterns are listed too; a routable family in a tier is not validated."
      })
  static final class ListModels implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConfigOption config;

    @Option(
        names = "--json",
        description = "Print a JSON array of {id, family, surfaces, status, tiers} for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      ModelCatalog catalog = ModelCatalog.standard();
      List<ModelFamily> families = catalog.families();
      ModelTiers tiers = config.modelConfig().tiers();
      if (json) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ModelFamily f : families) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("id", ids(f));
          row.put("family", f.name());
          row.put("surfaces", f.backends().stream().map(Backend::id).toList());
          row.put("status", f.status());
          row.put("inputPricePerMTok", f.prices().input());
          row.put("outputPricePerMTok", f.prices().output());
          row.put("tiers", tiers(catalog, tiers, f));
          rows.add(row);
        }
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        return 0;
      }
      Columns table = new Columns("FAMILY", "IDS", "SURFACES", "STATUS", "USD/1M in/out", "TIER");
      for (ModelFamily f : families) {
        List<String> in = tiers(catalog, tiers, f);
        table.row(
            f.name(),
            ids(f),
            String.join(",", f.backends().stream().map(Backend::id).toList()),
            f.status(),
            String.format(Locale.ROOT, "%.2f / %.2f", f.prices().input(), f.prices().output()),
            in.isEmpty() ? "-" : String.join(",", in));
      }
      table.print(out);
      return 0;
    }

    /** The configured tiers whose model is of family {@code f}. */
    private static List<String> tiers(ModelCatalog catalog, ModelTiers t, ModelFamily f) {
      List<String> in = new ArrayList<>();
      if (catalog.resolve(t.advanced().modelId()).filter(f::equals).isPresent()) {
        in.add("advanced");
      }
      if (catalog.resolve(t.basic().modelId()).filter(f::equals).isPresent()) {
        in.add("basic");
      }
      return in;
    }

    /** The family's first id pattern, as a glob: {@code anthropic.claude-sonnet-4-5*}. */
    private static String ids(ModelFamily f) {
      return f.patterns().get(0).pattern().replace("\\.", ".").replace(".*", "*");
    }
  }

  static Engine.Tiers tiers(ConfigOption config, URI endpoint, String model) {
    ModelConfig c = config.modelConfig();
    if (endpoint != null) {
      c = c.withEndpoint(endpoint);
    }
    if (model != null) {
      c = c.withModel(model);
    }
    return Engine.tiers(c, Environment.get());
  }
}
