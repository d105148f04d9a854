package io.stratum.app.cli;

import io.stratum.app.Stratum;
import io.stratum.app.config.Environment;
import io.stratum.app.config.Settings;
import io.stratum.corpus.AdrConnector;
import io.stratum.corpus.Connector;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.corpus.OscalConnector;
import io.stratum.corpus.RunbookConnector;
import io.stratum.ingest.IngestReport;
import io.stratum.providers.atlassian.ConfluenceConnector;
import io.stratum.providers.atlassian.JiraConnector;
import io.stratum.providers.codemap.CodeMapConnector;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratum ingest [--workspace WS] (DIR | --source KIND:PATH)}. */
@Command(
    name = "ingest",
    description = {
      "Ingest a source. Unchanged documents are skipped; documents deleted since the last run are",
      "removed from the index. Kinds: markdown:DIR, adr:DIR, runbooks:DIR, oscal:CATALOG.json, code:DIR,",
      "jira:JQL and confluence:SPACE_ID (site and credentials from STRATUM_ATLASSIAN_URL, _EMAIL, _API_TOKEN).",
      "A bare DIR is markdown; without --workspace, each file goes to the workspace named by its",
      "first directory (DIR/security/x.md -> security)."
    })
public final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOption data;

  @Option(
      names = "--workspace",
      paramLabel = "WS",
      description = "Put every document in WS (required for adr, runbooks, oscal).")
  String workspace;

  @Option(
      names = "--source",
      paramLabel = "KIND:PATH",
      description =
          "markdown:DIR, adr:DIR, runbooks:DIR, oscal:FILE, jira:JQL or confluence:SPACE_ID.")
  String source;

  @Parameters(
      paramLabel = "DIR",
      arity = "0..1",
      description = "Directory of Markdown files (same as --source markdown:DIR).")
  Path dir;

  @Override
  public Integer call() {
    Connector connector = connector();
    Settings settings = Settings.fromEnvironment(data.data, null);
    try (Stratum stratum = data.open(settings)) {
      IngestReport report = stratum.ingest(connector, new Progress(spec.commandLine().getErr()));
      return IngestReports.print(report, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  private Connector connector() {
    if ((source == null) == (dir == null)) {
      throw new IllegalArgumentException(
          "ingest: give either a DIR or --source KIND:PATH, not "
              + (source == null ? "neither" : "both"));
    }
    String kind = "markdown";
    Path path = dir;
    if (source != null) {
      int colon = source.indexOf(':');
      if (colon > 0 && (source.startsWith("jira:") || source.startsWith("confluence:"))) {
        if (workspace == null) {
          throw new IllegalArgumentException(
              "--workspace is required for --source " + source.substring(0, colon) + ":...");
        }
        return atlassian(source.substring(0, colon), source.substring(colon + 1));
      }
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "--source: expected KIND:PATH with KIND one of markdown, adr, runbooks, oscal; got '"
                + source
                + "'");
      }
      kind = source.substring(0, colon);
      path = Path.of(source.substring(colon + 1));
    }
    if (!kind.equals("markdown") && workspace == null) {
      throw new IllegalArgumentException("--workspace is required for --source " + kind + ":...");
    }
    return switch (kind) {
      case "markdown" ->
          workspace == null
              ? MarkdownConnector.byDirectory(path)
              : MarkdownConnector.into(path, workspace);
      case "adr" -> AdrConnector.into(path, workspace);
      case "runbooks" -> RunbookConnector.into(path, workspace);
      case "oscal" -> OscalConnector.into(path, workspace);
      case "code" -> CodeMapConnector.into(path, workspace);
      default ->
          throw new IllegalArgumentException(
              "--source: unknown kind '"
                  + kind
                  + "'; expected markdown, adr, runbooks, oscal, code, jira or confluence");
    };
  }

  /**
   * Jira (JQL) or Confluence (space id); the site and credentials come from the environment only.
   */
  private Connector atlassian(String kind, String what) {
    Map<String, String> env = Environment.get();
    List<String> missing = new ArrayList<>();
    for (String v :
        List.of(
            "STRATUM_ATLASSIAN_URL", "STRATUM_ATLASSIAN_EMAIL", "STRATUM_ATLASSIAN_API_TOKEN")) {
      if (env.getOrDefault(v, "").isBlank()) {
        missing.add(v);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "--source "
              + kind
              + ": set "
              + String.join(", ", missing)
              + " in the environment (credentials are never read from a file)");
    }
    URI site = URI.create(env.get("STRATUM_ATLASSIAN_URL"));
    return kind.equals("jira")
        ? JiraConnector.create(
            site,
            env.get("STRATUM_ATLASSIAN_EMAIL"),
            env.get("STRATUM_ATLASSIAN_API_TOKEN"),
            what,
            workspace)
        : ConfluenceConnector.create(
            site,
            env.get("STRATUM_ATLASSIAN_EMAIL"),
            env.get("STRATUM_ATLASSIAN_API_TOKEN"),
            what,
            workspace);
  }
}
