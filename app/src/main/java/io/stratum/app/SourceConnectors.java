package io.stratum.app;

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
import io.stratum.sync.SourceSchedule;
import io.stratum.sync.SyncSource;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a source into its connector, on whichever node runs its job; Atlassian credentials come
 * from the environment only.
 */
public final class SourceConnectors {
  static final List<String> ATLASSIAN_ENV =
      List.of("STRATUM_ATLASSIAN_URL", "STRATUM_ATLASSIAN_EMAIL", "STRATUM_ATLASSIAN_API_TOKEN");

  private SourceConnectors() {}

  /** Parses {@code KIND:TARGET} as given to {@code --source}. */
  public static SourceSpec parse(String source, String workspace) {
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

  /** The source a job names: a file source's path made absolute, as its connector names it. */
  public static SyncSource source(SourceSpec s) {
    String target =
        SourceSpec.PATH_KINDS.contains(s.kind())
            ? Path.of(s.target()).toAbsolutePath().normalize().toString()
            : s.target();
    return new SyncSource(s.kind(), target, s.workspace());
  }

  /** A configured source and how often a server syncs it. */
  public static SourceSchedule schedule(SourceSpec s) {
    return new SourceSchedule(source(s), s.interval());
  }

  /**
   * The connector that reads {@code s}.
   *
   * @throws IllegalArgumentException when it cannot be read this way (a missing credential)
   */
  public static Connector of(SyncSource s, Map<String, String> env) {
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

  private static Connector atlassian(SyncSource s, Map<String, String> env) {
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
