package io.stratum.providers.atlassian;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.corpus.Connector;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.corpus.Scan;
import io.stratum.corpus.ScanProblem;
import io.stratum.corpus.SourceDocument;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Confluence Cloud pages of one space through REST API v2 ({@code GET
 * /wiki/api/v2/spaces/{id}/pages?body-format=storage}, cursor pagination through {@code
 * _links.next}). The storage-format body becomes text with its headings kept as Markdown headings,
 * so chunks carry their section path. Pages gone upstream are removed from the index.
 */
public final class ConfluenceConnector implements Connector {
  private static final Pattern HEADING = Pattern.compile("(?is)<h([1-6])[^>]*>(.*?)</h\\1>");
  private final AtlassianClient client;
  private final String spaceId;
  private final String workspace;

  ConfluenceConnector(AtlassianClient client, String spaceId, String workspace) {
    this.client = client;
    this.spaceId = spaceId;
    this.workspace = MarkdownConnector.requireWorkspaceId(workspace);
  }

  public static ConfluenceConnector create(
      URI base, String email, String apiToken, String spaceId, String workspace) {
    return new ConfluenceConnector(
        new AtlassianClient(base, email, apiToken, d -> Thread.sleep(d)), spaceId, workspace);
  }

  @Override
  public String name() {
    return "confluence:" + client.base() + "/spaces/" + spaceId;
  }

  @Override
  public Scan scan() {
    List<SourceDocument> docs = new ArrayList<>();
    List<ScanProblem> problems = new ArrayList<>();
    String next = "/wiki/api/v2/spaces/" + spaceId + "/pages?body-format=storage&limit=50";
    while (next != null) {
      JsonNode page = client.get(next);
      for (JsonNode p : page.path("results")) {
        if (!"current".equals(p.path("status").asText("current"))) {
          continue; // drafts, archived and trashed pages are not part of the corpus
        }
        try {
          docs.add(document(p));
        } catch (RuntimeException e) {
          problems.add(
              new ScanProblem(p.path("id").asText("?"), "cannot read page: " + e.getMessage()));
        }
      }
      String link = page.path("_links").path("next").asText("");
      next = link.isEmpty() ? null : link;
    }
    return new Scan(docs, problems);
  }

  private SourceDocument document(JsonNode p) {
    String id = p.path("id").asText();
    String html = p.path("body").path("storage").path("value").asText("");
    String text = text(html);
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("page_id", id);
    meta.put("version", p.path("version").path("number").asText(""));
    meta.put("updated", p.path("version").path("createdAt").asText(""));
    meta.put("parent_id", p.path("parentId").asText(""));
    meta.put("url", client.base() + "/wiki" + p.path("_links").path("webui").asText(""));
    return new SourceDocument(
        workspace + ":confluence/" + id,
        workspace,
        "confluence",
        id,
        p.path("title").asText("page " + id),
        "",
        "",
        text,
        Integer.toHexString((meta.get("version") + text).hashCode()),
        meta);
  }

  /** Storage format (XHTML) to text: headings become Markdown headings, blocks become lines. */
  static String text(String html) {
    Matcher h = HEADING.matcher(html);
    StringBuilder sb = new StringBuilder();
    while (h.find()) {
      h.appendReplacement(
          sb,
          Matcher.quoteReplacement(
              "\n\n"
                  + "#".repeat(Integer.parseInt(h.group(1)))
                  + " "
                  + strip(h.group(2))
                  + "\n\n"));
    }
    h.appendTail(sb);
    String s =
        sb.toString()
            .replaceAll("(?i)<li[^>]*>", "\n- ")
            .replaceAll("(?i)</(p|div|tr|ul|ol|table|pre)>", "\n\n")
            .replaceAll("(?i)<br\\s*/?>", "\n")
            .replaceAll("(?i)</t[dh]>", " | ");
    return unescape(strip(s)).replaceAll("[ \\t]+\\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
  }

  private static String strip(String s) {
    return s.replaceAll("(?s)<[^>]+>", "");
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
  }
}
