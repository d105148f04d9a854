package io.stratum.providers.atlassian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.stratum.corpus.Scan;
import io.stratum.corpus.ScanProblem;
import io.stratum.corpus.SourceDocument;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jira and Confluence connectors against a local stub that serves payloads in the shapes of the
 * real REST APIs (hand-written from the API reference, not recorded from a live site).
 */
class AtlassianConnectorsTest {
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Duration> slept = new ArrayList<>();
  private final AtomicInteger throttles = new AtomicInteger();
  private volatile boolean deleted;
  private static final String AUTH =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("bot@acme.test:tok-123".getBytes(StandardCharsets.UTF_8));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String uri = ex.getRequestURI().toString();
          requests.add(uri);
          String file;
          if (!AUTH.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.sendResponseHeaders(401, -1);
            ex.close();
            return;
          }
          if (uri.startsWith("/rest/api/3/search/jql") && uri.contains("fields=updated&")) {
            byte[] listing =
                """
                {"issues":[
                  {"id":"10001","key":"SEC-12","fields":{"updated":"2026-11-20T10:15:00.000+0000"}},
                  {"id":"10002","key":"OPS-7","fields":{"updated":"2026-11-18T06:00:00.000+0000"}},
                  {"id":"10003","key":"SEC-13","fields":{"updated":"2026-11-22T08:30:00.000+0100"}}],
                 "isLast":true}
                """
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, listing.length);
            ex.getResponseBody().write(listing);
            ex.close();
            return;
          }
          if (uri.contains("updated+%3E%3D")) {
            file = "jira-page-2.json"; // only what changed since the cursor
          } else if (uri.startsWith("/rest/api/3/search/jql")) {
            if (!uri.contains("nextPageToken") && throttles.getAndIncrement() == 0) {
              ex.getResponseHeaders().set("Retry-After", "2");
              ex.sendResponseHeaders(429, -1);
              ex.close();
              return;
            }
            file = uri.contains("nextPageToken=CAEaAggB") ? "jira-page-2.json" : "jira-page-1.json";
          } else if (uri.startsWith("/wiki/api/v2/spaces/65537/pages")) {
            file =
                uri.contains("cursor=")
                    ? (deleted ? null : "confluence-page-2.json")
                    : "confluence-page-1.json";
            if (file == null) {
              byte[] empty = "{\"results\":[],\"_links\":{}}".getBytes(StandardCharsets.UTF_8);
              ex.sendResponseHeaders(200, empty.length);
              ex.getResponseBody().write(empty);
              ex.close();
              return;
            }
          } else {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
          }
          try (InputStream in = getClass().getResourceAsStream("/atlassian/" + file)) {
            byte[] body = in.readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private AtlassianClient client(String token) {
    return new AtlassianClient(base(), "bot@acme.test", token, slept::add);
  }

  @Test
  void jira_pages_through_every_issue_waits_out_a_429_and_reports_a_broken_one() {
    Scan scan =
        new JiraConnector(client("tok-123"), "project in (SEC, OPS) ORDER BY key", "tickets")
            .scan();

    assertThat(scan.documents())
        .extracting(SourceDocument::path)
        .containsExactly("SEC-12", "OPS-7", "SEC-13");
    assertThat(scan.problems())
        .containsExactly(new ScanProblem("?", "cannot read issue: issue without a key"));
    assertThat(slept).containsExactly(Duration.ofSeconds(2));
    assertThat(requests.get(requests.size() - 1))
        .contains("nextPageToken=CAEaAggB")
        .contains("jql=project+in+%28SEC%2C+OPS%29+ORDER+BY+key");
  }

  @Test
  void with_a_cursor_jira_lists_keys_then_fetches_only_issues_updated_since_a_day_before_it() {
    throttles.set(1); // no 429 this time
    Scan scan =
        new JiraConnector(client("tok-123"), "project in (SEC, OPS) ORDER BY key", "tickets")
            .scan("2026-11-21T00:00:00Z");

    assertThat(requests.get(0)).contains("fields=updated&");
    assertThat(URLDecoder.decode(requests.get(1), StandardCharsets.UTF_8))
        .contains("jql=(project in (SEC, OPS)) AND updated >= \"2026-11-20 00:00\" ORDER BY key&");
    assertThat(scan.documents()).extracting(SourceDocument::path).containsExactly("SEC-13");
    assertThat(scan.unchangedIds())
        .containsExactlyInAnyOrder("tickets:jira/SEC-12", "tickets:jira/OPS-7");
    assertThat(scan.cursor()).isEqualTo("2026-11-22T07:30:00Z");
  }

  @Test
  void a_full_jira_scan_returns_the_newest_update_as_the_next_cursor() {
    Scan scan = new JiraConnector(client("tok-123"), "project = SEC", "tickets").scan();

    assertThat(scan.unchangedIds()).isEmpty();
    assertThat(scan.cursor()).isEqualTo("2026-11-21T09:00:00Z");
  }

  @Test
  void a_jira_issue_becomes_text_with_its_description_comments_status_and_key() {
    SourceDocument sec12 =
        new JiraConnector(client("tok-123"), "project = SEC", "tickets").scan().documents().get(0);

    assertThat(sec12.id()).isEqualTo("tickets:jira/SEC-12");
    assertThat(sec12.title())
        .isEqualTo("SEC-12: Rotate the payments KMS key after the contractor offboarding");
    assertThat(sec12.status()).isEqualTo("in progress");
    assertThat(sec12.body())
        .contains("## Why")
        .contains(
            "A contractor with key admin rights left on Friday. @Dana asked for a manual rotation within 24 hours.")
        .contains("- Rotate the customer master key\n- Re-encrypt the ledger store")
        .contains("```\nkmsctl rotate --key payments\n```")
        .contains(
            "## Comments\n\n- Dana Ortiz (2026-11-20T11:00:00.000+0000): Rotation done, re-encryption running.");
    assertThat(sec12.metadata())
        .containsEntry("components", "payments,kms")
        .containsEntry("identifiers", "sec-12")
        .containsEntry("url", base() + "/browse/SEC-12");
  }

  @Test
  void confluence_follows_the_cursor_keeps_headings_and_skips_drafts() {
    Scan scan = new ConfluenceConnector(client("tok-123"), "65537", "ops").scan();

    assertThat(scan.documents())
        .extracting(SourceDocument::title)
        .containsExactly("Ledger on-call handbook", "Retired: old VPN runbook");
    SourceDocument handbook = scan.documents().get(0);
    assertThat(handbook.body())
        .isEqualTo(
            "# Before your shift\n\nCheck the payments dashboard and the outbox backlog.\n\n## Escalation\n\n- Page the database on-call for failover.\n- Page finance for settlement mismatches.\n\nUse <deployctl> for rollbacks & restarts.");
    assertThat(handbook.metadata())
        .containsEntry("version", "7")
        .containsEntry("url", base() + "/wiki/spaces/OPS/pages/98301/Ledger+on-call+handbook");
  }

  @Test
  void a_page_deleted_upstream_is_absent_from_the_next_listing_so_ingest_removes_it() {
    ConfluenceConnector c = new ConfluenceConnector(client("tok-123"), "65537", "ops");
    assertThat(c.scan().documents()).hasSize(2);
    deleted = true;

    assertThat(c.scan().documents()).extracting(SourceDocument::path).containsExactly("98301");
  }

  @Test
  void a_wrong_token_is_an_error_naming_the_url_and_status_but_not_the_token() {
    assertThatThrownBy(() -> new ConfluenceConnector(client("wrong-token"), "65537", "ops").scan())
        .hasMessageStartingWith(
            "GET "
                + base()
                + "/wiki/api/v2/spaces/65537/pages?body-format=storage&limit=50 returned HTTP 401")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-token"));
  }
}
