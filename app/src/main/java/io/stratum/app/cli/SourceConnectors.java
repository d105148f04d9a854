package io.stratum.app.cli;

import io.stratum.app.config.SourceSpec;
import io.stratum.corpus.AdrConnector;
import io.stratum.corpus.Connector;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.corpus.OscalConnector;
import io.stratum.corpus.RunbookConnector;
import io.stratum.providers.atlassian.ConfluenceConnector;
import io.stratum.providers.atlassian.ConfluenceExportConnector;
import io.stratum.providers.atlassian.JiraConnector;
import io.stratum.providers.atlassian.JiraExportConnector;
import io.stratum.providers.codemap.CodeMapConnector;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a {@link SourceSpec} into its connector; Atlassian credentials come from env only. */
final class SourceConnectors {
  static final List<String> ATLASSIAN_ENV =
      List.of("STRATUM_ATLASSIAN_URL", "STRATUM_ATLASSIAN_EMAIL", "STRATUM_ATLASSIAN_API_TOKEN");

  private SourceConnectors() {}

  /** Parses {@code KIND:TARGET} as given to {@code --source}. */
  static SourceSpec parse(String source, String workspace) {
    int colon = source.indexOf(':');
    String kind = colon <= 0 ? "" : source.substring(0, colon);
    if (!SourceSpec.KINDS.contains(kind)) {
      throw new IllegalArgumentException(
          "--source: expected KIND:TARGET with KIND one of %s; got '%s'"
              .formatted(String.join(", ", SourceSpec.KINDS), source));
    }
    if (workspace == null && !kind.equals("markdown")) {
      throw new IllegalArgumentException("--workspace is required for --source " + kind + ":...");
    }
    return new SourceSpec(kind, source.substring(colon + 1), workspace, "--source");
  }

  static Connector of(SourceSpec s, Map<String, String> env) {
    String ws = s.workspace();
    return switch (s.kind()) {
      case "markdown" ->
          ws == null
              ? MarkdownConnector.byDirectory(Path.of(s.target()))
              : MarkdownConnector.into(Path.of(s.target()), ws);
      case "adr" -> AdrConnector.into(Path.of(s.target()), ws);
      case "runbooks" -> RunbookConnector.into(Path.of(s.target()), ws);
      case "oscal" -> OscalConnector.into(Path.of(s.target()), ws);
      case "code" -> CodeMapConnector.into(Path.of(s.target()), ws);
      case "jira-export" -> JiraExportConnector.into(Path.of(s.target()), ws);
      case "confluence-export" -> ConfluenceExportConnector.into(Path.of(s.target()), ws);
      case "jira", "confluence" -> atlassian(s, env);
      default -> throw new IllegalArgumentException("unknown source kind '" + s.kind() + "'");
    };
  }

  private static Connector atlassian(SourceSpec s, Map<String, String> env) {
    requireAtlassianEnv(s.kind(), env);
    URI site = URI.create(env.get("STRATUM_ATLASSIAN_URL"));
    String email = env.get("STRATUM_ATLASSIAN_EMAIL");
    String token = env.get("STRATUM_ATLASSIAN_API_TOKEN");
    return s.kind().equals("jira")
        ? JiraConnector.create(site, email, token, s.target(), s.workspace())
        : ConfluenceConnector.create(site, email, token, s.target(), s.workspace());
  }

  private static void requireAtlassianEnv(String kind, Map<String, String> env) {
    List<String> missing = new ArrayList<>();
    for (String v : ATLASSIAN_ENV) {
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
  }
}
