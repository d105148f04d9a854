package io.stratum.app.config;

import java.util.List;

/**
 * One source to ingest, from the command line ({@code --source runbooks:DIR}) or from the
 * configuration's {@code stratum_sources} block.
 *
 * @param target a path for file sources, the JQL for {@code jira}, the space id for {@code
 *     confluence}
 * @param workspace where the documents go; null only for {@code markdown}, whose first directory
 *     names the workspace
 * @param where where the spec was written, for messages
 */
public record SourceSpec(String kind, String target, String workspace, String where) {
  /** Kinds read from a path, with what the path must be. */
  public static final List<String> PATH_KINDS =
      List.of("markdown", "adr", "runbooks", "oscal", "code", "jira-export", "confluence-export");

  public static final List<String> KINDS =
      List.of(
          "markdown",
          "adr",
          "runbooks",
          "oscal",
          "code",
          "jira",
          "confluence",
          "jira-export",
          "confluence-export");

  /** The config key that holds the target for {@code kind}. */
  public static String targetKey(String kind) {
    return switch (kind) {
      case "jira" -> "jql";
      case "confluence" -> "space_id";
      default -> "path";
    };
  }

  @Override
  public String toString() {
    return kind + ":" + target + (workspace == null ? "" : " -> " + workspace);
  }
}
