package io.stratum.corpus;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alert runbooks in Markdown (one file per alert, e.g. kube-prometheus): the alert name comes from
 * front matter ({@code alert}), else a CamelCase top heading, else the file name; the severity from
 * front matter or a {@code severity:} line. The alert name is an exact identifier.
 */
public final class RunbookConnector implements Connector {
  private static final Pattern SEVERITY =
      Pattern.compile("(?im)^\\s*\\**severity\\**\\s*[:=]\\s*\\**\\s*([a-z]+)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#\\s+([A-Z][A-Za-z0-9]+)\\s*$");

  private final MarkdownConnector markdown;

  private RunbookConnector(MarkdownConnector markdown) {
    this.markdown = markdown;
  }

  public static RunbookConnector into(Path dir, String workspace) {
    return new RunbookConnector(MarkdownConnector.into(dir, workspace));
  }

  @Override
  public String name() {
    return "runbooks:" + markdown.name().substring("markdown:".length());
  }

  @Override
  public Scan scan() {
    return markdown.scan().map(RunbookConnector::enrich);
  }

  static SourceDocument enrich(SourceDocument d) {
    Map<String, String> meta = new LinkedHashMap<>(d.metadata());
    String alert = meta.get("alert");
    if (alert == null) {
      Matcher h = HEADING.matcher(d.body());
      String file = d.path().substring(d.path().lastIndexOf('/') + 1).replaceFirst("\\.md$", "");
      alert = h.find() ? h.group(1) : file;
    }
    meta.put("alert", alert);
    if (!meta.containsKey("severity")) {
      Matcher s = SEVERITY.matcher(d.body());
      if (s.find()) {
        meta.put("severity", s.group(1).toLowerCase(Locale.ROOT));
      }
    }
    meta.put("identifiers", alert.toLowerCase(Locale.ROOT));
    String title = d.title().equals(alert) ? alert : d.title() + " (" + alert + ")";
    return new SourceDocument(
        d.id(),
        d.workspace(),
        "runbook",
        d.path(),
        title,
        d.status(),
        d.supersedes(),
        d.body(),
        d.contentHash(),
        meta);
  }
}
