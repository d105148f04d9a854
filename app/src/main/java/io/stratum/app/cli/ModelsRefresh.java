package io.stratum.app.cli;

import io.stratum.app.ModelDiscovery;
import io.stratum.app.config.Environment;
import io.stratum.app.config.ModelConfig;
import io.stratum.dispatch.DispatchException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum models refresh}: the models the Mantle endpoint lists, each with what the catalog
 * says of it. It changes nothing: an unknown model stays out of reach until the catalog has a
 * family for it and the cleared list (where set) names it.
 */
@Command(
    name = "refresh",
    description = {
      "List the models the Mantle endpoint serves, against the catalog; changes nothing.",
      "Reads GET /v1/models and /openai/v1/models and says of each model whether the catalog has"
          + " it validated, routable or unknown.",
      "Set bedrock_models_refresh_minutes to have `stratum serve` log this periodically."
    })
final class ModelsRefresh implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "List this endpoint's models (e.g. the simulator) instead of AWS's.")
  URI endpoint;

  @Option(
      names = "--json",
      description = "Print a JSON array of {id, family, status, cleared, tier} for scripts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ModelConfig c = config.modelConfig();
    if (endpoint != null) {
      c = c.withEndpoint(endpoint);
    }
    List<ModelDiscovery.Row> rows;
    try {
      rows = ModelDiscovery.refresh(c, Environment.get());
    } catch (DispatchException e) {
      spec.commandLine().getErr().println("models refresh: " + e.getMessage());
      return ExitCode.FAILURE.code;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (ModelDiscovery.Row r : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("family", r.family());
        m.put("status", r.status());
        m.put("cleared", r.cleared());
        m.put("tier", r.tier());
        list.add(m);
      }
      out.println(ModelsCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list));
      return ExitCode.OK.code;
    }
    Columns table = new Columns("MODEL", "FAMILY", "STATUS", "CLEARED", "TIER");
    for (ModelDiscovery.Row r : rows) {
      table.row(
          r.id(),
          r.family().isEmpty() ? "-" : r.family(),
          r.status(),
          r.cleared(),
          r.tier().isEmpty() ? "-" : r.tier());
    }
    table.print(out);
    out.println(ModelDiscovery.summary(rows) + ". Nothing was changed.");
    return ExitCode.OK.code;
  }
}
