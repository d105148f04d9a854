package io.stratum.app.config;

import io.stratum.corpus.MarkdownConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One source to ingest, from the command line ({@code --source runbooks:DIR}) or from the
 * configuration's {@code stratum_sources} block.
 *
 * @param target a path for file sources, the JQL for {@code jira}, the space id for {@code
 *     confluence}
 * @param workspace where the documents go; null only for {@code markdown}, whose first directory
 *     names the workspace
 * @param where where the spec was written, for messages
 * @param interval how often a running server syncs it ({@code interval = "15m"}; hourly by default)
 */
public record SourceSpec(
    String kind, String target, String workspace, String where, Duration interval) {
  /** How often a configured source is synced when its block does not say. */
  public static final Duration HOURLY = Duration.ofHours(1);

  /** The shortest interval a source may be synced at. */
  static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smhd])");

  /** A source given on the command line or by a test: synced hourly when configured. */
  public SourceSpec(String kind, String target, String workspace, String where) {
    this(kind, target, workspace, where, HOURLY);
  }

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

  /**
   * {@code stratum_sources = [{ kind = "runbooks", path = "runbooks/", workspace = "operations" },
   * ...]}: every bad entry is named with its position; relative paths are read from the
   * configuration file's directory.
   */
  static Parser<List<SourceSpec>> listParser() {
    return Parser.of(
        "a list of { kind = ..., path = ..., workspace = ..., interval = ... }",
        (raw, f) -> {
          if (!(raw instanceof List<?> list)) {
            return null;
          }
          List<SourceSpec> out = new ArrayList<>();
          for (int i = 0; i < list.size(); i++) {
            String at = "[%d]".formatted(i);
            if (!(list.get(i) instanceof Map<?, ?> m)) {
              f.problem(
                  "%s: expected a map like { kind = \"runbooks\", path = \"runbooks/\", workspace = \"operations\" }, got %s"
                      .formatted(at, Field.show(list.get(i))));
              continue;
            }
            SourceSpec spec = entry(at, m, f);
            if (spec != null) {
              out.add(spec);
            }
          }
          return List.copyOf(out);
        });
  }

  private static SourceSpec entry(String at, Map<?, ?> m, Field f) {
    int before = f.problemCount();
    String kind = m.get("kind") instanceof String k ? k : null;
    if (kind == null || !KINDS.contains(kind)) {
      f.problem(
          "%s.kind: expected %s, got %s"
              .formatted(at, String.join("|", KINDS), Field.show(m.get("kind"))));
      return null;
    }
    String targetKey = targetKey(kind);
    for (Object key : m.keySet()) {
      if (!List.of("kind", "workspace", targetKey, "interval").contains(key)) {
        f.problem(
            "%s.%s: unknown key for kind '%s'; expected kind, %s, workspace, interval"
                .formatted(at, key, kind, targetKey));
      }
    }
    String target = m.get(targetKey) instanceof String t && !t.isBlank() ? t : null;
    if (target == null) {
      f.problem(
          "%s.%s: required for kind '%s', got %s"
              .formatted(at, targetKey, kind, Field.show(m.get(targetKey))));
    } else if (PATH_KINDS.contains(kind)) {
      Path p = f.baseDir().resolve(target).normalize();
      if (!Files.exists(p)) {
        f.problem("%s.path: no such file or directory '%s'".formatted(at, p));
      }
      target = p.toString();
    }
    Object ws = m.get("workspace");
    String workspace = ws instanceof String w && !w.isBlank() ? w : null;
    if (workspace == null && !kind.equals("markdown")) {
      f.problem("%s.workspace: required for kind '%s', got %s".formatted(at, kind, Field.show(ws)));
    } else if (workspace != null) {
      try {
        MarkdownConnector.requireWorkspaceId(workspace);
      } catch (IllegalArgumentException e) {
        f.problem("%s.%s".formatted(at, e.getMessage()));
      }
    }
    Duration interval = interval(at, m.get("interval"), f);
    return f.problemCount() == before
        ? new SourceSpec(kind, target, workspace, f.where(), interval)
        : null;
  }

  /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 1d}: at least a minute; hourly when absent. */
  private static Duration interval(String at, Object raw, Field f) {
    if (raw == null) {
      return HOURLY;
    }
    Matcher m = raw instanceof String s ? DURATION.matcher(s.strip()) : null;
    Duration d = null;
    if (m != null && m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
    }
    if (d == null || d.compareTo(MIN_INTERVAL) < 0) {
      f.problem(
          "%s.interval: expected a duration like 15m or 1h (>= 1m), got %s"
              .formatted(at, Field.show(raw)));
      return null;
    }
    return d;
  }

  @Override
  public String toString() {
    return kind + ":" + target + (workspace == null ? "" : " -> " + workspace);
  }
}
