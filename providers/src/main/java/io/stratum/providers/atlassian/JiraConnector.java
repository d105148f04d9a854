package io.stratum.providers.atlassian;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.corpus.Connector;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.corpus.Scan;
import io.stratum.corpus.ScanProblem;
import io.stratum.corpus.SourceDocument;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Jira Cloud issues through REST API v3 ({@code GET /rest/api/3/search/jql}, paginated by {@code
 * nextPageToken} until {@code isLast}): summary, description (ADF to text), status, components and
 * comments. The issue key is an exact identifier. A full listing each run, so issues deleted
 * upstream are removed from the index; unchanged issues cost nothing (content hash).
 */
public final class JiraConnector implements Connector {
  static final String FIELDS = "summary,description,status,components,comment,updated,issuetype";
  private final AtlassianClient client;
  private final String jql;
  private final String workspace;

  JiraConnector(AtlassianClient client, String jql, String workspace) {
    this.client = client;
    this.jql = jql;
    this.workspace = MarkdownConnector.requireWorkspaceId(workspace);
  }

  /**
   * @param base e.g. {@code https://acme.atlassian.net}
   * @param email the account the API token belongs to
   * @param apiToken from the environment or a secret store, never from a config file
   */
  public static JiraConnector create(
      URI base, String email, String apiToken, String jql, String workspace) {
    return new JiraConnector(
        new AtlassianClient(base, email, apiToken, d -> Thread.sleep(d)), jql, workspace);
  }

  @Override
  public String name() {
    return "jira:" + client.base() + "?jql=" + jql;
  }

  @Override
  public Scan scan() {
    List<SourceDocument> docs = new ArrayList<>();
    List<ScanProblem> problems = new ArrayList<>();
    String token = null;
    do {
      String q =
          "/rest/api/3/search/jql?jql="
              + enc(jql)
              + "&fields="
              + enc(FIELDS)
              + "&maxResults=100"
              + (token == null ? "" : "&nextPageToken=" + enc(token));
      JsonNode page = client.get(q);
      for (JsonNode issue : page.path("issues")) {
        try {
          docs.add(document(issue));
        } catch (RuntimeException e) {
          problems.add(
              new ScanProblem(
                  issue.path("key").asText("?"), "cannot read issue: " + e.getMessage()));
        }
      }
      token = page.path("isLast").asBoolean(true) ? null : page.path("nextPageToken").asText(null);
    } while (token != null);
    return new Scan(docs, problems);
  }

  private SourceDocument document(JsonNode issue) {
    return JiraIssue.fromRest(issue, client.base().toString()).toDocument(workspace);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
