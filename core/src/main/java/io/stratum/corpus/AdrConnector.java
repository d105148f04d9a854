package io.stratum.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Architecture decision records in Markdown: MADR or Nygard / adr-tools style. The status comes
 * from front matter, a {@code Status:} line, or the first line under {@code ## Status}; "Superseded
 * by [X](0015-x.md)" makes the status {@code superseded} and records the successor; the ADR number
 * comes from the file name ({@code 0002-hosting.md} → {@code ADR-0002}).
 */
public final class AdrConnector implements Connector {
  private static final Pattern NUMBER = Pattern.compile("^(\\d{1,5})-");
  private static final Pattern STATUS_LINE = Pattern.compile("(?im)^\\s*status:\\s*(.+)$");
  private static final Pattern DATE_LINE = Pattern.compile("(?im)^\\s*date:\\s*(\\S+)");
  private static final Pattern SUPERSEDED_BY =
      Pattern.compile("(?i)superseded by\\s*\\[?([^\\]\\n]+)\\]?(?:\\(([^)]+)\\))?");

  private final MarkdownConnector markdown;

  private AdrConnector(MarkdownConnector markdown) {
    this.markdown = markdown;
  }

  public static AdrConnector into(Path dir, String workspace) {
    return new AdrConnector(MarkdownConnector.into(dir, workspace));
  }

  @Override
  public String name() {
    return "adr:" + markdown.name().substring("markdown:".length());
  }

  @Override
  public Scan scan() {
    return markdown.scan().map(AdrConnector::enrich);
  }

  static SourceDocument enrich(SourceDocument d) {
    Map<String, String> meta = new LinkedHashMap<>(d.metadata());
    String status = d.status().isEmpty() ? statusOf(d.body()) : d.status();
    String supersededBy = "";
    Matcher s = SUPERSEDED_BY.matcher(status);
    if (s.find()) {
      supersededBy = s.group(2) != null ? s.group(2).strip() : s.group(1).strip();
      meta.put("superseded_by", supersededBy);
      status = "superseded";
    }
    Matcher date = DATE_LINE.matcher(d.body());
    if (date.find() && !meta.containsKey("date")) {
      meta.put("date", date.group(1));
    }
    String file = d.path().substring(d.path().lastIndexOf('/') + 1);
    Matcher n = NUMBER.matcher(file);
    List<String> ids = new ArrayList<>();
    if (n.find()) {
      String adr = "ADR-%04d".formatted(Integer.parseInt(n.group(1)));
      meta.put("adr", adr);
      ids.add(adr.toLowerCase(Locale.ROOT));
      ids.add("adr-" + Integer.parseInt(n.group(1)));
    }
    meta.put("identifiers", String.join(",", ids));
    String body = d.body();
    if (status.equals("superseded")) {
      body =
          "> Superseded" + (supersededBy.isEmpty() ? "" : " by " + supersededBy) + ".\n\n" + body;
    }
    return new SourceDocument(
        d.id(),
        d.workspace(),
        "adr",
        d.path(),
        d.title(),
        status.toLowerCase(Locale.ROOT),
        d.supersedes(),
        body,
        d.contentHash(),
        meta);
  }

  /** The status from a {@code Status:} line or the first line of a {@code ## Status} section. */
  static String statusOf(String body) {
    String[] lines = body.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().toLowerCase(Locale.ROOT).matches("#+\\s*status")) {
        for (int j = i + 1; j < lines.length; j++) {
          String l = lines[j].strip();
          if (l.startsWith("#")) {
            break;
          }
          if (!l.isEmpty()) {
            return l.replaceAll("^[*_-]+\\s*|[*_]+$", "");
          }
        }
      }
    }
    Matcher m = STATUS_LINE.matcher(body);
    return m.find() ? m.group(1).strip() : "";
  }
}
