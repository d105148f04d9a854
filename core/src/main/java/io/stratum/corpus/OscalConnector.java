package io.stratum.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compliance framework as an OSCAL catalog (e.g. NIST SP 800-53 resolved profile): one document
 * per control and per enhancement, titled {@code AC-2(1) Automated System Account Management}, with
 * the statement and guidance as sections and every {@code {{ insert: param, id }}} replaced the way
 * NIST prints it: {@code [Assignment: organization-defined <label>]} or {@code [Selection: a; b]}.
 * Control ids are exact identifiers.
 */
public final class OscalConnector implements Connector {
  private static final Pattern INSERT =
      Pattern.compile("\\{\\{\\s*insert:\\s*param,\\s*([^}\\s]+)\\s*}}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final String workspace;

  private OscalConnector(Path file, String workspace) {
    this.file = file;
    this.workspace = workspace;
  }

  public static OscalConnector into(Path catalogFile, String workspace) {
    MarkdownConnector.requireWorkspaceId(workspace);
    return new OscalConnector(catalogFile, workspace);
  }

  @Override
  public String name() {
    return "oscal:" + file.toAbsolutePath().normalize();
  }

  @Override
  public Scan scan() {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "oscal source: cannot read " + file + ": " + e.getMessage(), e);
    }
    JsonNode catalog = root.path("catalog");
    if (catalog.isMissingNode()) {
      throw new IllegalArgumentException(
          "oscal source: "
              + file
              + " has no 'catalog' object (is it a profile, not a resolved catalog?)");
    }
    List<SourceDocument> docs = new ArrayList<>();
    List<ScanProblem> problems = new ArrayList<>();
    for (JsonNode group : catalog.path("groups")) {
      for (JsonNode control : group.path("controls")) {
        add(control, group.path("title").asText(), new HashMap<>(), docs, problems);
      }
    }
    return new Scan(docs, problems);
  }

  private void add(
      JsonNode control,
      String family,
      Map<String, JsonNode> inherited,
      List<SourceDocument> docs,
      List<ScanProblem> problems) {
    String id = control.path("id").asText();
    Map<String, JsonNode> params = new HashMap<>(inherited);
    control.path("params").forEach(p -> params.put(p.path("id").asText(), p));
    try {
      String label = label(id);
      String title = label + " " + control.path("title").asText();
      StringBuilder body = new StringBuilder();
      body.append("Family: ")
          .append(family)
          .append(". Control ")
          .append(label)
          .append(": ")
          .append(control.path("title").asText())
          .append(".\n\n");
      for (JsonNode part : control.path("parts")) {
        String name = part.path("name").asText();
        if (name.equals("statement") || name.equals("guidance")) {
          body.append("## ")
              .append(name.equals("statement") ? "Statement" : "Guidance")
              .append("\n\n");
          prose(part, params, body, "");
          body.append('\n');
        }
      }
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("control", label);
      meta.put("family", family);
      meta.put("identifiers", String.join(",", Identifiers.in(label)));
      String text = body.toString();
      docs.add(
          new SourceDocument(
              workspace + ":oscal/" + id,
              workspace,
              "oscal",
              id,
              title,
              "",
              "",
              text,
              Integer.toHexString(text.hashCode()),
              meta));
    } catch (RuntimeException e) {
      problems.add(new ScanProblem(id, "cannot read control: " + e.getMessage()));
    }
    for (JsonNode enhancement : control.path("controls")) {
      add(enhancement, family, params, docs, problems);
    }
  }

  /** {@code ac-2} → {@code AC-2}; {@code ac-2.1} → {@code AC-2(1)}. */
  static String label(String id) {
    String[] p = id.toUpperCase(Locale.ROOT).split("\\.");
    return p.length == 1 ? p[0] : p[0] + "(" + p[1] + ")";
  }

  private void prose(
      JsonNode part, Map<String, JsonNode> params, StringBuilder out, String indent) {
    String lbl = "";
    for (JsonNode prop : part.path("props")) {
      if (prop.path("name").asText().equals("label")) {
        lbl = prop.path("value").asText() + " ";
      }
    }
    if (part.has("prose")) {
      out.append(indent)
          .append(part.path("name").asText().equals("item") ? "- " + lbl : "")
          .append(resolve(part.path("prose").asText(), params))
          .append('\n');
    }
    for (JsonNode sub : part.path("parts")) {
      prose(sub, params, out, part.path("name").asText().equals("item") ? indent + "  " : indent);
    }
  }

  private static String resolve(String prose, Map<String, JsonNode> params) {
    Matcher m = INSERT.matcher(prose);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(param(params.get(m.group(1)), m.group(1))));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String param(JsonNode p, String id) {
    if (p == null) {
      return "[Assignment: " + id + "]";
    }
    if (p.has("values") && p.path("values").size() > 0) {
      List<String> v = new ArrayList<>();
      p.path("values").forEach(x -> v.add(x.asText()));
      return String.join(", ", v);
    }
    if (p.has("select")) {
      List<String> choices = new ArrayList<>();
      p.path("select").path("choice").forEach(c -> choices.add(c.asText()));
      String how = p.path("select").path("how-many").asText("");
      return "[Selection"
          + (how.equals("one-or-more") ? " (one or more)" : "")
          + ": "
          + String.join("; ", choices)
          + "]";
    }
    return "[Assignment: organization-defined " + p.path("label").asText(id) + "]";
  }
}
