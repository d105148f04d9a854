package io.stratum.providers.atlassian;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.corpus.SourceDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Jira issue, however it was read (REST API, JSON or CSV export), and the one way it becomes a
 * document: the key is the title prefix and an exact identifier; the description and comments are
 * the body.
 *
 * @param url the issue's browse URL, or empty when the export does not say where the site is
 */
record JiraIssue(
    String key,
    String summary,
    String description,
    String status,
    String issueType,
    List<String> components,
    List<Comment> comments,
    String updated,
    String url) {

  record Comment(String author, String created, String text) {}

  JiraIssue {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("issue without a key");
    }
  }

  SourceDocument toDocument(String workspace) {
    StringBuilder body = new StringBuilder();
    body.append(description.isBlank() ? "(no description)" : description.strip()).append("\n\n");
    if (!comments.isEmpty()) {
      body.append("## Comments\n\n");
      for (Comment c : comments) {
        body.append("- ")
            .append(c.author().isBlank() ? "someone" : c.author())
            .append(" (")
            .append(c.created())
            .append("): ")
            .append(c.text().strip().replace("\n", " "))
            .append('\n');
      }
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("key", key);
    meta.put("issuetype", issueType);
    meta.put("components", String.join(",", components));
    meta.put("updated", updated);
    meta.put("url", url);
    meta.put("identifiers", key.toLowerCase(Locale.ROOT));
    String text = body.toString();
    return new SourceDocument(
        workspace + ":jira/" + key,
        workspace,
        "jira",
        key,
        key + ": " + summary,
        status.toLowerCase(Locale.ROOT),
        "",
        text,
        Integer.toHexString((updated + text).hashCode()),
        meta);
  }

  /**
   * An issue as REST API v3 returns it (and as JSON exports of search results store it).
   *
   * @param site e.g. {@code https://acme.atlassian.net}, or empty to take it from {@code self}
   */
  static JiraIssue fromRest(JsonNode issue, String site) {
    JsonNode f = issue.path("fields");
    List<Comment> comments = new ArrayList<>();
    for (JsonNode c : f.path("comment").path("comments")) {
      comments.add(
          new Comment(
              c.path("author").path("displayName").asText(""),
              c.path("created").asText(""),
              text(c.path("body"))));
    }
    List<String> components = new ArrayList<>();
    f.path("components").forEach(c -> components.add(c.path("name").asText()));
    String key = issue.path("key").asText("");
    String base = site;
    if (base.isEmpty()) {
      String self = issue.path("self").asText("");
      int rest = self.indexOf("/rest/api/");
      base = rest > 0 ? self.substring(0, rest) : "";
    }
    return new JiraIssue(
        key,
        f.path("summary").asText(""),
        text(f.path("description")),
        f.path("status").path("name").asText(""),
        f.path("issuetype").path("name").asText(""),
        components,
        comments,
        f.path("updated").asText(""),
        base.isEmpty() ? "" : base + "/browse/" + key);
  }

  /** API v3 sends rich text as ADF; v2 and some exports send plain (wiki) text. */
  private static String text(JsonNode field) {
    return field.isTextual() ? field.asText() : AdfText.of(field);
  }
}
