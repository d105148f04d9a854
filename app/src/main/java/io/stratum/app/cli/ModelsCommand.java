package io.stratum.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.app.Engine;
import io.stratum.app.config.Environment;
import io.stratum.app.config.ModelConfig;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stratum models list|check}. */
@Command(
    name = "models",
    description = "The model catalog, and a conformance check against the configured endpoint.",
    subcommands = {ModelsCommand.ListModels.class, ModelsCheck.class})
public final class ModelsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final ObjectMapper JSON = new ObjectMapper();

  /** {@code stratum models list [--json]}. */
  @Command(
      name = "list",
      description = "List the catalog: families, id patterns, backends, status and prices.")
  static final class ListModels implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--json",
        description = "Print a JSON array of {id, family, surfaces, status} for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<ModelFamily> families = ModelCatalog.standard().families();
      if (json) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ModelFamily f : families) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("id", f.patterns().get(0).pattern().replace("\\.", ".").replace(".*", "*"));
          row.put("family", f.name());
          row.put("surfaces", f.backends().stream().map(Backend::id).toList());
          row.put("status", f.status());
          row.put("inputPricePerMTok", f.prices().input());
          row.put("outputPricePerMTok", f.prices().output());
          rows.add(row);
        }
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        return 0;
      }
      out.printf(
          Locale.ROOT,
          "%-20s %-38s %-16s %-10s %s%n",
          "FAMILY",
          "IDS",
          "SURFACES",
          "STATUS",
          "USD/1M in/out");
      for (ModelFamily f : families) {
        out.printf(
            Locale.ROOT,
            "%-20s %-38s %-16s %-10s %.2f / %.2f%n",
            f.name(),
            f.patterns().get(0).pattern().replace("\\.", ".").replace(".*", "*"),
            String.join(",", f.backends().stream().map(Backend::id).toList()),
            f.status(),
            f.prices().input(),
            f.prices().output());
      }
      return 0;
    }
  }

  static Engine.Tiers tiers(DataOption data, URI endpoint, String model) {
    ModelConfig c = data.modelConfig();
    if (endpoint != null) {
      c = c.withEndpoint(endpoint);
    }
    if (model != null) {
      c = c.withModel(model);
    }
    return Engine.tiers(c, Environment.get());
  }
}
