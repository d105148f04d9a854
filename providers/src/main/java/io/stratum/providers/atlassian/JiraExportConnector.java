package io.stratum.providers.atlassian;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.corpus.Connector;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.corpus.Scan;
import io.stratum.corpus.ScanProblem;
import io.stratum.corpus.SourceDocument;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Jira issues from an export file, for sites Stratum cannot reach: the CSV of Jira's "Export
 * issues" (header row; multi-valued fields such as {@code Component/s} and {@code Comment} repeat
 * their column; a comment cell is {@code date;author;text}), or JSON holding search results ({@code
 * {"issues": [...]}}) or an array of issues as REST API v3 returns them. Issues become the same
 * documents the REST connector makes, so moving from an export to the API later replaces, never
 * duplicates.
 */
public final class JiraExportConnector implements Connector {
  private final Path file;
  private final String workspace;

  private JiraExportConnector(Path file, String workspace) {
    this.file = file.toAbsolutePath().normalize();
    this.workspace = MarkdownConnector.requireWorkspaceId(workspace);
  }

  public static JiraExportConnector into(Path file, String workspace) {
    return new JiraExportConnector(file, workspace);
  }

  @Override
  public String name() {
    return "jira-export:" + file;
  }

  @Override
  public Scan scan() {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("jira export: no such file: " + file);
    }
    try {
      if (name.endsWith(".json")) {
        return json();
      }
      if (name.endsWith(".csv")) {
        return csv();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("jira export: cannot read " + file, e);
    }
    throw new IllegalArgumentException(
        "jira export: expected a .csv or .json file, got '" + file.getFileName() + "'");
  }

  private Scan json() throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "jira export %s: not valid JSON at line %d: %s"
              .formatted(file.getFileName(), e.getLocation().getLineNr(), e.getOriginalMessage()));
    }
    JsonNode issues = root.isArray() ? root : root.path("issues");
    if (!issues.isArray()) {
      throw new IllegalArgumentException(
          "jira export %s: expected {\"issues\": [...]} or an array of issues"
              .formatted(file.getFileName()));
    }
    List<SourceDocument> docs = new ArrayList<>();
    List<ScanProblem> problems = new ArrayList<>();
    int i = 0;
    for (JsonNode issue : issues) {
      i++;
      try {
        docs.add(JiraIssue.fromRest(issue, "").toDocument(workspace));
      } catch (RuntimeException e) {
        problems.add(new ScanProblem("issue #" + i, "cannot read issue: " + e.getMessage()));
      }
    }
    return new Scan(docs, problems);
  }

  private Scan csv() throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.RFC4180.builder().get().parse(in)) {
      Iterator<CSVRecord> rows = parser.iterator();
      if (!rows.hasNext()) {
        throw new IllegalArgumentException(
            "jira export %s: empty file".formatted(file.getFileName()));
      }
      Map<String, List<Integer>> columns = new LinkedHashMap<>();
      CSVRecord header = rows.next();
      for (int c = 0; c < header.size(); c++) {
        String h = header.get(c).strip().replace("\uFEFF", "");
        columns.computeIfAbsent(h, k -> new ArrayList<>()).add(c);
      }
      for (String required : List.of("Issue key", "Summary")) {
        if (!columns.containsKey(required)) {
          throw new IllegalArgumentException(
              "jira export %s: no '%s' column; found: %s"
                  .formatted(file.getFileName(), required, String.join(", ", columns.keySet())));
        }
      }
      List<SourceDocument> docs = new ArrayList<>();
      List<ScanProblem> problems = new ArrayList<>();
      while (rows.hasNext()) {
        CSVRecord row = rows.next();
        String where = "row " + (row.getRecordNumber());
        try {
          docs.add(issue(row, columns).toDocument(workspace));
        } catch (RuntimeException e) {
          problems.add(new ScanProblem(where, "cannot read issue: " + e.getMessage()));
        }
      }
      return new Scan(docs, problems);
    }
  }

  private static JiraIssue issue(CSVRecord row, Map<String, List<Integer>> columns) {
    List<JiraIssue.Comment> comments = new ArrayList<>();
    for (String cell : all(row, columns, "Comment")) {
      String[] parts = cell.split(";", 3);
      comments.add(
          parts.length == 3
              ? new JiraIssue.Comment(parts[1], parts[0], parts[2])
              : new JiraIssue.Comment("", "", cell));
    }
    return new JiraIssue(
        one(row, columns, "Issue key"),
        one(row, columns, "Summary"),
        one(row, columns, "Description"),
        one(row, columns, "Status"),
        one(row, columns, "Issue Type"),
        all(row, columns, "Component/s"),
        comments,
        one(row, columns, "Updated"),
        "");
  }

  private static String one(CSVRecord row, Map<String, List<Integer>> columns, String name) {
    List<String> v = all(row, columns, name);
    return v.isEmpty() ? "" : v.get(0);
  }

  private static List<String> all(CSVRecord row, Map<String, List<Integer>> columns, String name) {
    List<String> out = new ArrayList<>();
    for (int c : columns.getOrDefault(name, List.of())) {
      if (c < row.size() && !row.get(c).isBlank()) {
        out.add(row.get(c));
      }
    }
    return out;
  }
}
