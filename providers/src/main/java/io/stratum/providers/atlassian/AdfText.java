package io.stratum.providers.atlassian;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Atlassian Document Format (Jira's rich text) to Markdown-ish text: paragraphs and headings on
 * their own lines, list items as {@code - }, code blocks fenced, mentions and links as their text.
 */
final class AdfText {
  private AdfText() {}

  static String of(JsonNode doc) {
    if (doc == null || doc.isNull() || doc.isMissingNode()) {
      return "";
    }
    if (doc.isTextual()) {
      return doc.asText(); // Jira API v2 returns plain text
    }
    StringBuilder out = new StringBuilder();
    walk(doc, out, "");
    return out.toString().replaceAll("\n{3,}", "\n\n").strip();
  }

  private static void walk(JsonNode n, StringBuilder out, String prefix) {
    switch (n.path("type").asText()) {
      case "text" -> out.append(n.path("text").asText());
      case "hardBreak" -> out.append('\n');
      case "mention", "emoji" -> out.append(n.path("attrs").path("text").asText(""));
      case "inlineCard" -> out.append(n.path("attrs").path("url").asText(""));
      case "heading" -> {
        out.append("\n")
            .append("#".repeat(Math.max(1, n.path("attrs").path("level").asInt(2))))
            .append(' ');
        children(n, out, prefix);
        out.append("\n\n");
      }
      case "paragraph" -> {
        out.append(prefix);
        children(n, out, prefix);
        out.append("\n\n");
      }
      case "listItem" -> {
        out.append(prefix).append("- ");
        StringBuilder item = new StringBuilder();
        children(n, item, "");
        out.append(item.toString().strip()).append('\n');
      }
      case "codeBlock" -> {
        out.append("```\n");
        children(n, out, "");
        out.append("\n```\n\n");
      }
      default -> children(n, out, prefix);
    }
  }

  private static void children(JsonNode n, StringBuilder out, String prefix) {
    n.path("content").forEach(c -> walk(c, out, prefix));
  }
}
