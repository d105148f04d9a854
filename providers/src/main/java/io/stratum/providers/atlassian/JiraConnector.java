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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Jira Cloud issues through REST API v3 ({@code GET /rest/api/3/search/jql}, paginated by {@code
 * nextPageToken} until {@code isLast}): summary, description (ADF to text), status, components and
 * comments. The issue key is an exact identifier. The first run fetches everything; later runs
 * fetch only issues updated since (see {@link #scan(String)}); issues deleted upstream are removed
 * from the index.
 */
public final class JiraConnector implements Connector {
  static final String FIELDS = "summary,description,status,components,comment,updated,issuetype";
  private static final Pattern ORDER_BY = Pattern.compile("(?i)\\s+ORDER\\s+BY\\s");
  private static final DateTimeFormatter JIRA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");
  private static final DateTimeFormatter JQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
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
    return scan(null);
  }

  /**
   * With a cursor (the newest {@code updated} a previous scan saw), lists every issue's key and
   * {@code updated} only, then fetches in full just the issues updated since a day before the
   * cursor: JQL compares {@code updated} in the account's time zone, at minute precision, so the
   * margin keeps a change from slipping between zones. Issues not fetched are reported unchanged;
   * issues missing from the listing are gone upstream.
   */
  @Override
  public Scan scan(String cursor) {
    Map<String, String> listed = new LinkedHashMap<>();
    String jqlNow = jql;
    if (cursor != null) {
      search(jql, "updated", i -> listed.put(i.path("key").asText(), updated(i)), e -> {});
      Matcher m = ORDER_BY.matcher(jql);
      boolean ordered = m.find();
      String filter = ordered ? jql.substring(0, m.start()) : jql;
      String order = ordered ? jql.substring(m.start()) : "";
      String since =
          JQL_TIME.format(Instant.parse(cursor).minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC));
      jqlNow = "(" + filter.strip() + ") AND updated >= \"" + since + "\"" + order;
    }
    List<SourceDocument> docs = new ArrayList<>();
    List<ScanProblem> problems = new ArrayList<>();
    Map<String, String> fetched = new LinkedHashMap<>();
    search(
        jqlNow,
        FIELDS,
        issue -> {
          try {
            docs.add(document(issue));
            fetched.put(issue.path("key").asText(), updated(issue));
          } catch (RuntimeException e) {
            problems.add(
                new ScanProblem(
                    issue.path("key").asText("?"), "cannot read issue: " + e.getMessage()));
          }
        },
        problems::add);
    Set<String> unchanged = new LinkedHashSet<>();
    listed.keySet().stream()
        .filter(k -> !fetched.containsKey(k))
        .forEach(k -> unchanged.add(workspace + ":jira/" + k));
    String newest =
        Stream.concat(listed.values().stream(), fetched.values().stream())
            .filter(u -> !u.isEmpty())
            .max(String::compareTo)
            .orElse(cursor);
    return new Scan(docs, problems, unchanged, newest);
  }

  /** Runs a JQL search through every page, handing each issue to {@code each}. */
  private void search(
      String q, String fields, Consumer<JsonNode> each, Consumer<ScanProblem> problems) {
    String token = null;
    do {
      String path =
          "/rest/api/3/search/jql?jql="
              + enc(q)
              + "&fields="
              + enc(fields)
              + "&maxResults=100"
              + (token == null ? "" : "&nextPageToken=" + enc(token));
      JsonNode page = client.get(path);
      page.path("issues").forEach(each);
      token = page.path("isLast").asBoolean(true) ? null : page.path("nextPageToken").asText(null);
    } while (token != null);
  }

  /** An issue's {@code updated} as an ISO instant (sortable as text), or empty. */
  private static String updated(JsonNode issue) {
    String u = issue.path("fields").path("updated").asText("");
    try {
      return u.isEmpty() ? "" : OffsetDateTime.parse(u, JIRA_TIME).toInstant().toString();
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  private SourceDocument document(JsonNode issue) {
    return JiraIssue.fromRest(issue, client.base().toString()).toDocument(workspace);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
