package io.stratum.app.cli;

import io.stratum.access.Principal;
import io.stratum.app.Stratum;
import io.stratum.app.config.Settings;
import io.stratum.retrieval.Passage;
import io.stratum.retrieval.Retrieval;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratum search --workspace WS "query"}. */
@Command(name = "search", description = "Show the passages hybrid retrieval finds for a query.")
public final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOption data;

  @Option(names = "--workspace", required = true, paramLabel = "WS", description = "Workspace.")
  String workspace;

  @Option(
      names = "-k",
      defaultValue = "5",
      paramLabel = "N",
      description = "How many passages (default ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--kind",
      split = ",",
      paramLabel = "KIND",
      description =
          "Only documents of these source kinds (markdown, adr, runbook, oscal, code, jira, confluence).")
  List<String> kinds = new ArrayList<>();

  @Parameters(paramLabel = "QUERY", arity = "1..*", description = "The query.")
  String[] query;

  @Override
  public Integer call() {
    Settings settings = Settings.fromEnvironment(data.data, null);
    PrintWriter out = spec.commandLine().getOut();
    try (Stratum stratum = data.open(settings)) {
      Retrieval r =
          stratum
              .search()
              .search(
                  Principal.LOCAL_OPERATOR, List.of(workspace), String.join(" ", query), k, kinds);
      for (Passage p : r.passages()) {
        out.printf(
            Locale.ROOT,
            "%2d. %.4f  cos %s  %s  §%s%n",
            p.rank(),
            p.score(),
            Double.isNaN(p.cosine()) ? "  -  " : String.format(Locale.ROOT, "%.3f", p.cosine()),
            p.documentId(),
            p.heading());
      }
      out.printf(Locale.ROOT, "(%.1f ms)%n", r.micros() / 1000.0);
      return 0;
    }
  }
}
