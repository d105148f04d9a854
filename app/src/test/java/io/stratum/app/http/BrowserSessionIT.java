package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.app.SampleCorpus;
import io.stratum.audit.AuditLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser's way in: the UI's files under a strict policy, a session cookie traded for a token,
 * the CSRF token on every change made with the cookie, and signing out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserSessionIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private Served served;

  @BeforeAll
  void start(@TempDir Path dir) {
    served = Served.local(dir.resolve("data"), SampleCorpus.extractTo(dir.resolve("corpus")));
  }

  @AfterAll
  void stop() {
    served.close();
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.api().port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Signs in with the admin's token; returns the cookie pair and the CSRF token. */
  private String[] signIn() throws Exception {
    HttpResponse<String> r =
        send("POST", "/api/session", null, "Authorization", "Bearer " + served.admin().token());
    assertThat(r.statusCode()).isEqualTo(201);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    JsonNode body = SseClient.JSON.readTree(r.body());
    return new String[] {cookie.substring(0, cookie.indexOf(';')), body.get("csrf").asText()};
  }

  @Test
  void the_page_and_its_assets_come_from_the_jar_under_a_policy_that_allows_only_this_origin()
      throws Exception {
    HttpResponse<String> page = send("GET", "/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    assertThat(page.body()).contains("<script type=\"module\" src=\"/assets/app.js\"></script>");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none';"
                + " form-action 'self'; frame-ancestors 'none'");

    HttpResponse<String> js = send("GET", "/assets/app.js", null);
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    String etag = js.headers().firstValue("ETag").orElseThrow();
    assertThat(send("GET", "/assets/app.js", null, "If-None-Match", etag).statusCode())
        .isEqualTo(304);

    HttpResponse<String> missing = send("GET", "/assets/..%2Fopenapi.json", null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(send("GET", "/assets/nope.js", null).body())
        .contains("\"detail\":\"asset 'nope.js' does not exist\"");
  }

  @Test
  void a_superseded_adr_names_its_successor_found_by_its_number_and_shows_its_metadata()
      throws Exception {
    HttpResponse<String> r =
        send(
            "GET",
            "/api/documents/security:security%2Fadr-0002-server-side-sessions.md",
            null,
            "Authorization",
            "Bearer " + served.admin().token());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode d = SseClient.JSON.readTree(r.body());
    assertThat(d.get("kind").asText()).isEqualTo("markdown");
    assertThat(d.get("status").asText()).isEqualTo("superseded");
    assertThat(d.get("metadata").get("superseded_by").asText()).isEqualTo("ADR-0005");
    assertThat(d.get("metadata").has("identifiers")).isFalse();
    assertThat(d.get("supersededBy")).hasSize(1);
    assertThat(d.get("supersededBy").get(0).asText())
        .isEqualTo("security:security/adr-0005-short-lived-access-tokens.md");
  }

  @Test
  void a_signed_out_visit_learns_it_has_no_session_without_counting_as_a_failed_sign_in()
      throws Exception {
    long failedBefore = failedSignIns();
    HttpResponse<String> r = send("GET", "/auth/options", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"oidc\":false,\"session\":false}");
    assertThat(failedSignIns()).isEqualTo(failedBefore);

    String[] s = signIn();
    assertThat(send("GET", "/auth/options", null, "Cookie", s[0]).body())
        .isEqualTo("{\"oidc\":false,\"session\":true}");
  }

  private long failedSignIns() {
    return served
        .stratum()
        .auditLog()
        .query(new AuditLog.Query(null, null, null, null, "auth.failed", 0, 1000))
        .size();
  }

  @Test
  void a_token_signs_a_browser_in_with_an_http_only_strict_cookie() throws Exception {
    HttpResponse<String> r =
        send("POST", "/api/session", null, "Authorization", "Bearer " + served.admin().token());
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Set-Cookie").orElseThrow())
        .matches(
            "stratum_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; Secure; SameSite=Strict;"
                + " Max-Age=4319[0-9]");
    JsonNode body = SseClient.JSON.readTree(r.body());
    assertThat(body.get("principal").asText()).isEqualTo("admin");
    assertThat(body.get("via").asText()).isEqualTo("token");
    assertThat(body.get("csrf").asText()).hasSize(43);
    assertThat(body.get("workspaces").findValuesAsText("id"))
        .containsExactly("compliance", "operations", "security");
  }

  @Test
  void the_cookie_reads_without_a_csrf_token_but_changes_nothing_without_it() throws Exception {
    String[] s = signIn();
    HttpResponse<String> who = send("GET", "/api/session", null, "Cookie", s[0]);
    assertThat(who.statusCode()).isEqualTo(200);
    assertThat(SseClient.JSON.readTree(who.body()).get("csrf").asText()).isEqualTo(s[1]);

    String prompt = "{\"prompt\":\"Answer for auditors.\"}";
    HttpResponse<String> without =
        send("PUT", "/api/workspaces/security/prompt", prompt, json(s[0]));
    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(SseClient.JSON.readTree(without.body()).get("detail").asText())
        .isEqualTo(
            "X-CSRF-Token: required on a PUT with a session cookie (GET /api/session gives it)");

    HttpResponse<String> wrong =
        send("PUT", "/api/workspaces/security/prompt", prompt, json(s[0], "not-the-token"));
    assertThat(SseClient.JSON.readTree(wrong.body()).get("detail").asText())
        .isEqualTo("X-CSRF-Token: does not match the session's token");

    HttpResponse<String> with =
        send("PUT", "/api/workspaces/security/prompt", prompt, json(s[0], s[1]));
    assertThat(with.statusCode()).isEqualTo(200);
  }

  @Test
  void signing_out_ends_the_session_and_clears_the_cookie() throws Exception {
    String[] s = signIn();
    HttpResponse<String> out =
        send("DELETE", "/api/session", null, "Cookie", s[0], "X-CSRF-Token", s[1]);
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.headers().firstValue("Set-Cookie"))
        .hasValue("stratum_session=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0");
    HttpResponse<String> after = send("GET", "/api/session", null, "Cookie", s[0]);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(SseClient.JSON.readTree(after.body()).get("detail").asText())
        .isEqualTo("the session has ended or is unknown; sign in again");
  }

  @Test
  void revoking_the_token_a_session_was_opened_with_ends_the_session_at_once() throws Exception {
    HttpResponse<String> issued =
        send(
            "POST",
            "/api/tokens",
            "{\"name\":\"browser\",\"expiresInDays\":1}",
            "Authorization",
            "Bearer " + served.admin().token(),
            "Content-Type",
            "application/json");
    JsonNode token = SseClient.JSON.readTree(issued.body());
    HttpResponse<String> opened =
        send(
            "POST", "/api/session", null, "Authorization", "Bearer " + token.get("token").asText());
    String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    assertThat(send("GET", "/api/session", null, "Cookie", cookie).statusCode()).isEqualTo(200);

    send(
        "DELETE",
        "/api/tokens/" + token.get("id").asText(),
        null,
        "Authorization",
        "Bearer " + served.admin().token());

    HttpResponse<String> after = send("GET", "/api/session", null, "Cookie", cookie);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(SseClient.JSON.readTree(after.body()).get("detail").asText())
        .isEqualTo("the token was revoked");
  }

  @Test
  void a_browser_reaching_the_server_by_a_name_over_plain_http_is_told_to_use_https()
      throws Exception {
    RawHttp.Response named = signInByName("");
    assertThat(named.status()).isEqualTo(400);
    assertThat(named.json().get("detail").asText())
        .isEqualTo(
            "scheme: browser sign-in needs HTTPS (the session cookie is Secure): serve Stratum behind TLS, or open it as http://localhost");
    RawHttp.Response proxied = signInByName("X-Forwarded-Proto: https\r\n");
    assertThat(proxied.status()).isEqualTo(201);
  }

  /** {@code POST /api/session} reaching the server as {@code stratum.example.org} over HTTP. */
  private RawHttp.Response signInByName(String extraHeaders) throws Exception {
    return new RawHttp(served.api().port())
        .exchange(
            ("POST /api/session HTTP/1.1\r\nHost: stratum.example.org\r\nConnection: close\r\n"
                    + extraHeaders
                    + "Authorization: Bearer "
                    + served.admin().token()
                    + "\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The headers of a JSON body sent with session {@code cookie}, and its CSRF token if given. */
  private static String[] json(String cookie, String... csrf) {
    return csrf.length == 0
        ? new String[] {"Cookie", cookie, "Content-Type", "application/json"}
        : new String[] {
          "Cookie", cookie, "Content-Type", "application/json", "X-CSRF-Token", csrf[0]
        };
  }
}
