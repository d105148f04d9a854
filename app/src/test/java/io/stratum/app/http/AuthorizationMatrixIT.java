package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.access.IssuedToken;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.app.Engine;
import io.stratum.app.SampleCorpus;
import io.stratum.app.Stratum;
import io.stratum.app.usecase.Administration;
import io.stratum.app.usecase.Syncing;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.retrieval.Passage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorization matrix, generated from the served {@code /openapi.json}: every operation of the
 * spec, with real ids in its path and a minimal valid body, is sent by every kind of caller, and
 * the status is checked against {@link #TABLE}, written here from the access rules (not computed
 * with AccessPolicy or any other production code). An operation the spec gains without rows in the
 * table fails the matrix, so a new route cannot skip it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {
  static final String GLOBAL = "handbook";

  /** Who sends the request: six that no principal stands behind, then five principals. */
  enum Caller {
    NO_TOKEN,
    BEARERLESS,
    GARBAGE,
    BASIC,
    EXPIRED,
    REVOKED,
    /** A member of {@code operations}, and of nothing else. */
    OUTSIDER,
    VIEWER,
    MEMBER,
    WS_ADMIN,
    ORG_ADMIN;

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * The expected statuses, from the rules. Targets: a workspace ({@code security}, whose viewer,
   * member and admin the callers are; the global {@code handbook}; {@code nope}, which does not
   * exist), a document or conversation of one ({@code doc:…}, {@code conv:…}, owned by the member),
   * {@code fresh-private} / {@code fresh-global} (a new workspace per probe, the callers holding
   * the same roles in the private one as in security), {@code own} / {@code others} (a new token
   * per probe, of the caller or of a bystander), {@code src:…} / {@code job:…} (the configured
   * source of a workspace, a job of it). Columns: no token, Bearer-less, garbage, Basic, expired,
   * revoked | outsider, viewer, member, workspace admin, org admin.
   */
  static final String TABLE =
      """
      GET    /healthz                                  -                 200 200 200 200 200 200  200 200 200 200 200
      GET    /readyz                                   -                 200 200 200 200 200 200  200 200 200 200 200
      GET    /openapi.json                             -                 200 200 200 200 200 200  200 200 200 200 200
      GET    /docs                                     -                 200 200 200 200 200 200  200 200 200 200 200
      GET    /metrics                                  -                 401 401 401 401 401 401  403 403 403 403 200
      GET    /auth/options                             -                 200 200 200 200 200 200  200 200 200 200 200
      GET    /auth/oidc/login                          -                 404 404 404 404 404 404  404 404 404 404 404
      GET    /auth/oidc/callback                       -                 404 404 404 404 404 404  404 404 404 404 404

      POST   /api/session                              -                 401 401 401 401 401 401  201 201 201 201 201
      GET    /api/session                              -                 401 401 401 401 401 401  200 200 200 200 200
      DELETE /api/session                              -                 401 401 401 401 401 401  204 204 204 204 204
      GET    /api/models                               -                 401 401 401 401 401 401  200 200 200 200 200
      GET    /api/tokens                               -                 401 401 401 401 401 401  200 200 200 200 200
      POST   /api/audit/verify                         -                 401 401 401 401 401 401  403 403 403 403 200

      GET    /api/workspaces                           -                 401 401 401 401 401 401  200 200 200 200 200
      POST   /api/workspaces                           -                 401 401 401 401 401 401  403 403 403 403 201
      DELETE /api/workspaces/{ws}                      fresh-private     401 401 401 401 401 401  403 403 403 204 204
      DELETE /api/workspaces/{ws}                      fresh-global      401 401 401 401 401 401  403 403 403 403 204
      DELETE /api/workspaces/{ws}                      nope              401 401 401 401 401 401  404 404 404 404 404
      GET    /api/workspaces/{ws}                      security          401 401 401 401 401 401  403 403 403 200 200
      GET    /api/workspaces/{ws}                      handbook          401 401 401 401 401 401  403 403 403 403 200
      GET    /api/workspaces/{ws}                      nope              401 401 401 401 401 401  404 404 404 404 404

      GET    /api/workspaces/{ws}/search               security          401 401 401 401 401 401  403 200 200 200 200
      GET    /api/workspaces/{ws}/search               handbook          401 401 401 401 401 401  200 200 200 200 200
      GET    /api/workspaces/{ws}/search               nope              401 401 401 401 401 401  404 404 404 404 404
      GET    /api/workspaces/{ws}/sources              security          401 401 401 401 401 401  403 200 200 200 200
      GET    /api/workspaces/{ws}/sources              handbook          401 401 401 401 401 401  200 200 200 200 200
      GET    /api/workspaces/{ws}/sources              nope              401 401 401 401 401 401  404 404 404 404 404
      POST   /api/workspaces/{ws}/ask                  security          401 401 401 401 401 401  403 403 200 200 200
      POST   /api/workspaces/{ws}/ask                  handbook          401 401 401 401 401 401  200 200 200 200 200
      POST   /api/workspaces/{ws}/ask                  nope              401 401 401 401 401 401  404 404 404 404 404

      PUT    /api/workspaces/{ws}/members/{principal}  security          401 401 401 401 401 401  403 403 403 200 200
      PUT    /api/workspaces/{ws}/members/{principal}  handbook          401 401 401 401 401 401  403 403 403 403 200
      PUT    /api/workspaces/{ws}/members/{principal}  nope              401 401 401 401 401 401  404 404 404 404 404
      DELETE /api/workspaces/{ws}/members/{principal}  security          401 401 401 401 401 401  403 403 403 204 204
      DELETE /api/workspaces/{ws}/members/{principal}  handbook          401 401 401 401 401 401  403 403 403 403 204
      DELETE /api/workspaces/{ws}/members/{principal}  nope              401 401 401 401 401 401  404 404 404 404 404
      PUT    /api/workspaces/{ws}/prompt               security          401 401 401 401 401 401  403 403 403 200 200
      PUT    /api/workspaces/{ws}/prompt               handbook          401 401 401 401 401 401  403 403 403 403 200
      PUT    /api/workspaces/{ws}/prompt               nope              401 401 401 401 401 401  404 404 404 404 404
      GET    /api/workspaces/{ws}/spend                security          401 401 401 401 401 401  403 403 403 200 200
      GET    /api/workspaces/{ws}/spend                handbook          401 401 401 401 401 401  403 403 403 403 200
      GET    /api/workspaces/{ws}/spend                nope              401 401 401 401 401 401  404 404 404 404 404
      PUT    /api/workspaces/{ws}/budget               security          401 401 401 401 401 401  403 403 403 403 200
      PUT    /api/workspaces/{ws}/budget               handbook          401 401 401 401 401 401  403 403 403 403 200
      PUT    /api/workspaces/{ws}/budget               nope              401 401 401 401 401 401  404 404 404 404 404
      PUT    /api/workspaces/{ws}/tiers                security          401 401 401 401 401 401  403 403 403 403 200
      PUT    /api/workspaces/{ws}/tiers                handbook          401 401 401 401 401 401  403 403 403 403 200
      PUT    /api/workspaces/{ws}/tiers                nope              401 401 401 401 401 401  404 404 404 404 404

      GET    /api/conversations                        -                 401 401 401 401 401 401  200 200 200 200 200
      POST   /api/conversations                        security          401 401 401 401 401 401  403 403 201 201 201
      POST   /api/conversations                        handbook          401 401 401 401 401 401  201 201 201 201 201
      POST   /api/conversations                        security,handbook 401 401 401 401 401 401  403 403 201 201 201
      POST   /api/conversations                        nope              401 401 401 401 401 401  404 404 404 404 404
      GET    /api/conversations/{id}                   conv:security     401 401 401 401 401 401  404 404 200 200 200
      GET    /api/conversations/{id}                   conv:handbook     401 401 401 401 401 401  404 404 200 404 200
      GET    /api/conversations/{id}                   missing           401 401 401 401 401 401  404 404 404 404 404
      POST   /api/conversations/{id}/messages          conv:security     401 401 401 401 401 401  404 404 200 404 200
      POST   /api/conversations/{id}/messages          conv:handbook     401 401 401 401 401 401  404 404 200 404 200
      POST   /api/conversations/{id}/messages          missing           401 401 401 401 401 401  404 404 404 404 404

      GET    /api/documents/{id}                       doc:security      401 401 401 401 401 401  404 200 200 200 200
      GET    /api/documents/{id}                       doc:handbook      401 401 401 401 401 401  200 200 200 200 200
      GET    /api/documents/{id}                       missing           401 401 401 401 401 401  404 404 404 404 404

      POST   /api/principals                           -                 401 401 401 401 401 401  403 403 403 403 201
      POST   /api/tokens                               own               401 401 401 401 401 401  201 201 201 201 201
      POST   /api/tokens                               others            401 401 401 401 401 401  403 403 403 403 201
      DELETE /api/tokens/{id}                          own               401 401 401 401 401 401  204 204 204 204 204
      DELETE /api/tokens/{id}                          others            401 401 401 401 401 401  403 403 403 403 204

      GET    /api/audit                                -                 401 401 401 401 401 401  403 403 403 200 200
      GET    /api/audit                                security          401 401 401 401 401 401  403 403 403 200 200
      GET    /api/audit                                handbook          401 401 401 401 401 401  403 403 403 403 200

      GET    /api/sources                              -                 401 401 401 401 401 401  200 200 200 200 200
      POST   /api/sources/{source}/sync                src:security      401 401 401 401 401 401  403 403 403 202 202
      POST   /api/sources/{source}/sync                src:handbook      401 401 401 401 401 401  403 403 403 403 202
      POST   /api/sources/{source}/sync                missing           401 401 401 401 401 401  404 404 404 404 404
      GET    /api/jobs/{id}                            job:security      401 401 401 401 401 401  404 404 404 200 200
      GET    /api/jobs/{id}                            job:handbook      401 401 401 401 401 401  404 404 404 404 200
      GET    /api/jobs/{id}                            missing           401 401 401 401 401 401  404 404 404 404 404

      GET    /v1/models                                -                 401 401 401 401 401 401  200 200 200 200 200
      POST   /v1/chat/completions                      security          401 401 401 401 401 401  403 403 200 200 200
      POST   /v1/chat/completions                      handbook          401 401 401 401 401 401  200 200 200 200 200
      POST   /v1/chat/completions                      nope              401 401 401 401 401 401  404 404 404 404 404
      POST   /v1/responses                             security          401 401 401 401 401 401  403 403 200 200 200
      POST   /v1/responses                             handbook          401 401 401 401 401 401  200 200 200 200 200
      POST   /v1/responses                             nope              401 401 401 401 401 401  404 404 404 404 404
      """;

  /** One line of {@link #TABLE}. */
  record Row(String operation, String target, Map<Caller, Integer> expected) {
    String method() {
      return operation.substring(0, operation.indexOf(' '));
    }

    String path() {
      return operation.substring(operation.indexOf(' ') + 1);
    }
  }

  /** One request sent and what came back. */
  record Probe(Row row, Caller caller, String path, int status, String contentType, String body) {
    String describe() {
      return "%s [%s] as %s (%s): expected %d, got %d %s"
          .formatted(
              row.operation(),
              row.target(),
              caller.label(),
              path,
              row.expected().get(caller),
              status,
              body.length() > 200 ? body.substring(0, 200) + "…" : body);
    }
  }

  Stratum stratum;
  HttpApi api;
  SseClient anonymous;
  final HttpClient http = HttpClient.newHttpClient();
  final Map<Caller, String> headers = new EnumMap<>(Caller.class);
  final Map<Caller, String> principals = new EnumMap<>(Caller.class);
  final Map<String, String> documents = new LinkedHashMap<>();
  final Map<String, String> conversations = new LinkedHashMap<>();
  final Map<String, String> sources = new LinkedHashMap<>();
  final Map<String, String> jobs = new LinkedHashMap<>();
  final AtomicInteger fresh = new AtomicInteger();
  List<Probe> probes;
  String lastIssued;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    Path corpus = SampleCorpus.extractTo(data.resolve("sample-corpus"));
    Files.createDirectories(corpus.resolve(GLOBAL));
    Files.writeString(
        corpus.resolve(GLOBAL + "/onboarding.md"),
        "# Onboarding\nEvery new engineer reads the key rotation and incident runbooks first.\n");
    // 11 callers, most with bad credentials, from one address: the per-address limit is off here
    // (FloodIT holds it), so the matrix sees the access rules and not the rate limiter.
    Map<String, String> env = Map.of("STRATUM_STRATUM_RATE_LIMIT_PER_ADDRESS_PER_MINUTE", "0");
    Path config =
        Files.writeString(
            data.resolve("terraform.tfvars"),
            """
            stratum_sources = [
              { kind = "markdown", path = "sample-corpus/security", workspace = "security" },
              { kind = "markdown", path = "sample-corpus/%s", workspace = "%s" },
            ]
            """
                .formatted(GLOBAL, GLOBAL));
    stratum = Engine.open(data.resolve("data"), Engine.loadConfig(Optional.of(config), env), env);
    stratum.documents().ingest(MarkdownConnector.byDirectory(corpus), p -> {});
    stratum.administration().setGlobal(Principal.LOCAL_OPERATOR, GLOBAL, true);
    api = HttpApi.start(stratum, "127.0.0.1", 0);
    anonymous = new SseClient(api.port());
    String admin = stratum.firstRun().orgAdmin(null).orElseThrow().token();

    headers.put(Caller.NO_TOKEN, null);
    headers.put(Caller.BEARERLESS, admin);
    headers.put(Caller.GARBAGE, "Bearer %%garbage%% not-a-token");
    headers.put(
        Caller.BASIC,
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("admin:" + admin).getBytes(StandardCharsets.UTF_8)));
    createPrincipal("root", true, Map.of());
    IssuedToken revoked = admin().issueToken(Principal.LOCAL_OPERATOR, "root", "old", null);
    admin().revokeToken(Principal.LOCAL_OPERATOR, revoked.id());
    headers.put(Caller.REVOKED, "Bearer " + revoked.token());
    headers.put(
        Caller.EXPIRED,
        "Bearer "
            + admin()
                .issueToken(Principal.LOCAL_OPERATOR, "root", "ci", Duration.ofMillis(1))
                .token());
    caller(Caller.OUTSIDER, "outsider", Map.of("operations", Role.MEMBER));
    caller(Caller.VIEWER, "sec-viewer", Map.of("security", Role.VIEWER));
    caller(Caller.MEMBER, "sec-member", Map.of("security", Role.MEMBER));
    caller(Caller.WS_ADMIN, "sec-admin", Map.of("security", Role.WORKSPACE_ADMIN));
    principals.put(Caller.ORG_ADMIN, "admin");
    headers.put(Caller.ORG_ADMIN, "Bearer " + admin);
    createPrincipal("bystander", false, Map.of());
    Thread.sleep(5); // the expired token's millisecond is over

    for (Syncing.SourceStatus s : stratum.syncing().sources(Principal.LOCAL_OPERATOR)) {
      String ws = s.schedule().source().workspace();
      sources.put("src:" + ws, s.schedule().source().id());
      jobs.put(
          "job:" + ws,
          stratum
              .syncing()
              .enqueue(Principal.LOCAL_OPERATOR, s.schedule().source(), "cli")
              .job()
              .id());
    }
    for (String ws : List.of("security", GLOBAL)) {
      documents.put(
          "doc:" + ws,
          stratum
              .search()
              .search(Principal.LOCAL_OPERATOR, List.of(ws), "key rotation incident", 5, List.of())
              .passages()
              .stream()
              .map(Passage::documentId)
              .findFirst()
              .orElseThrow());
      List<SseClient.Event> events =
          anonymous.as(token(Caller.MEMBER)).ask(ws, "How often are keys rotated?");
      conversations.put("conv:" + ws, events.getLast().data().get("conversationId").asText());
    }
  }

  private Administration admin() {
    return stratum.administration();
  }

  private void createPrincipal(String id, boolean orgAdmin, Map<String, Role> roles) {
    admin().createPrincipal(Principal.LOCAL_OPERATOR, id, id, orgAdmin);
    roles.forEach((ws, role) -> admin().grant(Principal.LOCAL_OPERATOR, id, ws, role));
  }

  /** A principal with {@code roles} and a token ({@link #lastIssued}), standing for {@code c}. */
  private void caller(Caller c, String id, Map<String, Role> roles) {
    createPrincipal(id, false, roles);
    lastIssued = issue(id);
    if (c != null) {
      principals.put(c, id);
      headers.put(c, "Bearer " + lastIssued);
    }
  }

  private String issue(String principal) {
    return admin()
        .issueToken(Principal.LOCAL_OPERATOR, principal, "matrix", Duration.ofDays(1))
        .token();
  }

  private String token(Caller c) {
    return headers.get(c).substring("Bearer ".length());
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
    if (stratum != null) {
      stratum.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The table, the spec, and the probes

  static List<Row> table() {
    List<Row> rows = new ArrayList<>();
    for (String line : TABLE.strip().split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 1 && f[0].isEmpty()) {
        continue;
      }
      assertThat(f).as("table line: " + line).hasSize(3 + Caller.values().length);
      Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
      for (Caller c : Caller.values()) {
        expected.put(c, Integer.parseInt(f[3 + c.ordinal()]));
      }
      rows.add(new Row(f[0] + " " + f[1], f[2], expected));
    }
    return rows;
  }

  /** Every operation of the served spec, as {@code METHOD /path}. */
  Set<String> specOperations() throws Exception {
    return spec().keySet();
  }

  /** The operations of the served {@code /openapi.json}, by {@code METHOD /path}. */
  Map<String, JsonNode> spec() throws Exception {
    JsonNode spec = SseClient.JSON.readTree(send("GET", "/openapi.json", null, null).body());
    Map<String, JsonNode> ops = new TreeMap<>();
    spec.get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        m -> {
                          if (Set.of("get", "put", "post", "delete", "patch", "head", "options")
                              .contains(m.getKey())) {
                            ops.put(
                                m.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                                m.getValue());
                          }
                        }));
    return ops;
  }

  /** The matrix, sent once and shared by the tests that read it. */
  synchronized List<Probe> matrix() throws Exception {
    if (probes != null) {
      return probes;
    }
    Map<String, List<Row>> rows =
        table().stream()
            .collect(
                Collectors.groupingBy(Row::operation, LinkedHashMap::new, Collectors.toList()));
    List<Probe> sent = new ArrayList<>();
    for (String operation : specOperations()) {
      for (Row row : rows.getOrDefault(operation, List.of())) {
        for (Caller c : Caller.values()) {
          sent.add(probe(row, c));
        }
      }
    }
    probes = sent;
    return probes;
  }

  private Probe probe(Row row, Caller c) throws Exception {
    String path = row.path();
    String ws = workspaceOf(row);
    path = path.replace("{ws}", ws);
    path = path.replace("{principal}", memberToRemove(row, ws));
    path = path.replace("{id}", idOf(row, c));
    path = path.replace("{source}", sources.getOrDefault(row.target(), "markdown-0000000000"));
    path = path + query(row);
    assertThat(path).as(row.operation() + " [" + row.target() + "]").doesNotContain("{");
    // the gateway bills the workspace the caller names: these callers' tokens are bound to none
    String workspace = row.path().startsWith("/v1/") && !row.target().equals("-") ? ws : null;
    HttpResponse<String> r = send(row.method(), path, body(row), headers.get(c), workspace);
    return new Probe(
        row, c, path, r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
  }

  /** The {@code {ws}} of a row: a fixture workspace, or a fresh one for a deletion. */
  private String workspaceOf(Row row) {
    return switch (row.target()) {
      case "fresh-private" -> freshWorkspace(false);
      case "fresh-global" -> freshWorkspace(true);
      default -> row.target();
    };
  }

  private String freshWorkspace(boolean global) {
    String ws = "fresh-" + fresh.incrementAndGet();
    admin().createWorkspace(Principal.LOCAL_OPERATOR, ws, ws, global);
    if (!global) {
      admin().grant(Principal.LOCAL_OPERATOR, "sec-viewer", ws, Role.VIEWER);
      admin().grant(Principal.LOCAL_OPERATOR, "sec-member", ws, Role.MEMBER);
      admin().grant(Principal.LOCAL_OPERATOR, "sec-admin", ws, Role.WORKSPACE_ADMIN);
    }
    return ws;
  }

  /**
   * The {@code {principal}} of a membership row: the bystander for a grant; for a removal, a fresh
   * principal who is a viewer of the workspace, so each removal has something to remove.
   */
  private String memberToRemove(Row row, String ws) {
    if (!row.path().contains("{principal}")) {
      return "";
    }
    if (!row.method().equals("DELETE")) {
      return "bystander";
    }
    String id = "leaving-" + fresh.incrementAndGet();
    createPrincipal(id, false, ws.equals("nope") ? Map.of() : Map.of(ws, Role.VIEWER));
    return id;
  }

  /** The {@code {id}} of a row: a document, a conversation or a fresh token. */
  private String idOf(Row row, Caller c) {
    if (!row.path().contains("{id}")) {
      return "";
    }
    if (row.path().startsWith("/api/tokens")) {
      String owner =
          row.target().equals("own") && principals.containsKey(c) ? principals.get(c) : "bystander";
      return admin().issueToken(Principal.LOCAL_OPERATOR, owner, "doomed", null).id();
    }
    String id =
        row.target().equals("missing")
            ? (row.path().startsWith("/api/documents") ? "security:no/such.md" : "no-such-id")
            : row.target().startsWith("doc:")
                ? documents.get(row.target())
                : row.target().startsWith("job:")
                    ? jobs.get(row.target())
                    : conversations.get(row.target());
    assertThat(id).as("a fixture for target " + row.target()).isNotNull();
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  private static String query(Row row) {
    return switch (row.operation()) {
      case "GET /api/workspaces/{ws}/search" -> "?q=key%20rotation&k=5";
      case "GET /api/audit" -> row.target().equals("-") ? "" : "?workspace=" + row.target();
      default -> "";
    };
  }

  /** A minimal valid body for each operation that takes one. */
  private String body(Row row) {
    int n = fresh.incrementAndGet();
    return switch (row.operation()) {
      case "POST /api/workspaces" -> "{\"id\":\"new-%d\",\"name\":\"New %d\"}".formatted(n, n);
      case "POST /api/workspaces/{ws}/ask" -> "{\"question\":\"How often are keys rotated?\"}";
      case "PUT /api/workspaces/{ws}/members/{principal}" -> "{\"role\":\"viewer\"}";
      case "PUT /api/workspaces/{ws}/prompt" -> "{\"prompt\":\"Answer for on-call engineers.\"}";
      case "PUT /api/workspaces/{ws}/budget" -> "{\"monthlyCapUsd\":1000,\"hardCap\":false}";
      case "PUT /api/workspaces/{ws}/tiers" -> "{\"tiers\":[\"advanced\",\"basic\"]}";
      case "POST /api/conversations" ->
          "{\"workspaces\":[%s],\"title\":\"matrix\"}"
              .formatted(
                  List.of(row.target().split(",")).stream()
                      .map(w -> "\"" + w + "\"")
                      .collect(Collectors.joining(",")));
      case "POST /api/conversations/{id}/messages" -> "{\"content\":\"And who rotates them?\"}";
      case "POST /api/principals" -> "{\"id\":\"new-%d\",\"name\":\"New %d\"}".formatted(n, n);
      case "POST /v1/chat/completions" ->
          "{\"model\":\"stratum-advanced\",\"messages\":[{\"role\":\"user\",\"content\":\"How often are keys rotated?\"}]}";
      case "POST /v1/responses" ->
          "{\"model\":\"stratum-basic\",\"input\":\"How often are keys rotated?\"}";
      case "POST /api/tokens" ->
          row.target().equals("own")
              ? "{\"name\":\"probe\",\"expiresInDays\":1}"
              : "{\"principal\":\"bystander\",\"name\":\"probe\",\"expiresInDays\":1}";
      default -> null;
    };
  }

  HttpResponse<String> send(String method, String path, String body, String authorization)
      throws IOException, InterruptedException {
    return send(method, path, body, authorization, null);
  }

  HttpResponse<String> send(
      String method, String path, String body, String authorization, String workspace)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
    if (workspace != null) {
      b.header("X-Stratum-Workspace", workspace);
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  // ---------------------------------------------------------------------------------------------
  // The tests

  @Test
  void every_operation_in_the_spec_has_rows_in_the_expected_table_and_no_row_names_another()
      throws Exception {
    Set<String> spec = specOperations();
    Set<String> table = table().stream().map(Row::operation).collect(Collectors.toSet());
    List<String> targets = table().stream().map(r -> r.operation() + " " + r.target()).toList();

    assertThat(new TreeSet<>(spec))
        .as("operations of /openapi.json without rows in the authorization table")
        .isSubsetOf(table);
    assertThat(new TreeSet<>(table))
        .as("rows of the authorization table naming no operation of /openapi.json")
        .isSubsetOf(spec);
    assertThat(targets).as("rows of the table for the same target").doesNotHaveDuplicates();
  }

  @Test
  void every_operation_answers_every_caller_with_the_status_the_rules_give() throws Exception {
    List<Probe> all = matrix();
    List<String> wrong =
        all.stream()
            .filter(p -> p.status() != p.row().expected().get(p.caller()))
            .map(Probe::describe)
            .toList();

    Map<Integer, Long> byStatus =
        all.stream()
            .collect(Collectors.groupingBy(Probe::status, TreeMap::new, Collectors.counting()));
    long operations = all.stream().map(p -> p.row().operation()).distinct().count();
    long rows = all.stream().map(Probe::row).distinct().count();
    System.out.printf(
        "authorization matrix: %d operations (%d rows) × %d callers = %d probes; by status: %s;"
            + " %d mismatches%n",
        operations,
        rows,
        Caller.values().length,
        all.size(),
        byStatus.entrySet().stream()
            .map(e -> e.getKey() + "×" + e.getValue())
            .collect(Collectors.joining(", ")),
        wrong.size());
    assertThat(operations).isEqualTo(specOperations().size());
    assertThat(wrong).as("probes whose status differs from the table").isEmpty();
  }

  @Test
  void every_refusal_and_error_in_the_matrix_is_a_problem_json() throws Exception {
    List<String> plain =
        matrix().stream()
            .filter(p -> p.status() >= 400 && !p.row().path().startsWith("/v1/"))
            .filter(p -> !p.contentType().startsWith("application/problem+json"))
            .map(p -> p.describe() + " as " + p.contentType())
            .toList();
    // the OpenAI-compatible gateway answers in OpenAI's error shape instead
    List<String> notOpenAi =
        matrix().stream()
            .filter(p -> p.status() >= 400 && p.row().path().startsWith("/v1/"))
            .filter(
                p ->
                    !p.contentType().startsWith("application/json")
                        || !p.body().matches("(?s)\\{\"error\":\\{\"message\":\".+"))
            .map(p -> p.describe() + " as " + p.contentType())
            .toList();
    assertThat(notOpenAi).isEmpty();

    assertThat(plain).isEmpty();
    assertThat(matrix()).anyMatch(p -> p.status() >= 400);
  }

  @Test
  void the_spec_declares_every_status_the_matrix_observes_and_which_operations_need_no_token()
      throws Exception {
    Map<String, JsonNode> spec = spec();
    Set<String> undeclared = new TreeSet<>();
    for (Probe p : matrix()) {
      JsonNode op = spec.get(p.row().operation());
      if (!op.path("responses").has(String.valueOf(p.status()))) {
        undeclared.add(p.row().operation() + " answers " + p.status() + " (not in its responses)");
      }
      boolean open = op.has("security") && op.get("security").isEmpty();
      if (p.caller() == Caller.NO_TOKEN && open == (p.status() == 401)) {
        undeclared.add(
            p.row().operation()
                + (open ? " is declared open (security: [])" : " is declared to need a token")
                + " but answers "
                + p.status()
                + " without one");
      }
    }

    assertThat(undeclared).isEmpty();
  }

  @Test
  void a_conversation_over_two_workspaces_is_hidden_from_whoever_cannot_read_both_now()
      throws Exception {
    caller(null, "dual", Map.of("security", Role.MEMBER, "operations", Role.MEMBER));
    String dual = "Bearer " + lastIssued;
    HttpResponse<String> started =
        send(
            "POST",
            "/api/conversations",
            "{\"workspaces\":[\"security\",\"operations\"],\"title\":\"both\"}",
            dual);
    assertThat(started.statusCode()).isEqualTo(201);
    String id = SseClient.JSON.readTree(started.body()).get("id").asText();
    HttpResponse<String> asked =
        send(
            "POST",
            "/api/conversations/" + id + "/messages",
            "{\"content\":\"How are database failovers and key rotations handled?\"}",
            dual);
    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(asked.body()).contains("event: done");

    assertThat(send("GET", "/api/conversations/" + id, null, dual).statusCode()).isEqualTo(200);
    assertThat(
            send("GET", "/api/conversations/" + id, null, headers.get(Caller.ORG_ADMIN))
                .statusCode())
        .isEqualTo(200);
    assertNotFound(send("GET", "/api/conversations/" + id, null, headers.get(Caller.WS_ADMIN)));
    assertNotFound(send("GET", "/api/conversations/" + id, null, headers.get(Caller.OUTSIDER)));

    HttpResponse<String> removed =
        send(
            "DELETE",
            "/api/workspaces/operations/members/dual",
            null,
            headers.get(Caller.ORG_ADMIN));
    assertThat(removed.statusCode()).isEqualTo(204);

    assertNotFound(send("GET", "/api/conversations/" + id, null, dual));
    HttpResponse<String> later =
        send(
            "POST",
            "/api/conversations/" + id + "/messages",
            "{\"content\":\"And the failover runbook?\"}",
            dual);
    assertThat(later.statusCode()).isEqualTo(200);
    assertThat(later.body()).doesNotContain("\"documentId\":\"operations:");
  }

  @Test
  void a_member_removed_mid_session_is_refused_on_their_very_next_request() throws Exception {
    caller(null, "leaver", Map.of("security", Role.MEMBER));
    String leaver = "Bearer " + lastIssued;
    String doc = URLEncoder.encode(documents.get("doc:security"), StandardCharsets.UTF_8);
    String ask = "{\"question\":\"How often are keys rotated?\"}";
    HttpResponse<String> first = send("POST", "/api/workspaces/security/ask", ask, leaver);
    assertThat(first.statusCode()).isEqualTo(200);
    String done =
        first
            .body()
            .lines()
            .filter(l -> l.startsWith("data: ") && l.contains("conversationId"))
            .reduce((a, b) -> b)
            .orElseThrow();
    String conversation = SseClient.JSON.readTree(done.substring(6)).get("conversationId").asText();
    assertThat(send("GET", "/api/workspaces/security/search?q=keys", null, leaver).statusCode())
        .isEqualTo(200);

    HttpResponse<String> removed =
        send(
            "DELETE",
            "/api/workspaces/security/members/leaver",
            null,
            headers.get(Caller.WS_ADMIN));
    assertThat(removed.statusCode()).isEqualTo(204);

    assertForbidden(send("GET", "/api/workspaces/security/search?q=keys", null, leaver));
    assertForbidden(send("POST", "/api/workspaces/security/ask", ask, leaver));
    assertForbidden(send("GET", "/api/workspaces/security/sources", null, leaver));
    assertForbidden(send("POST", "/api/conversations", "{\"workspaces\":[\"security\"]}", leaver));
    assertNotFound(send("GET", "/api/documents/" + doc, null, leaver));
    assertNotFound(send("GET", "/api/conversations/" + conversation, null, leaver));
    assertForbidden(
        send(
            "POST",
            "/api/conversations/" + conversation + "/messages",
            "{\"content\":\"Still there?\"}",
            leaver));

    HttpResponse<String> regranted =
        send(
            "PUT",
            "/api/workspaces/security/members/leaver",
            "{\"role\":\"viewer\"}",
            headers.get(Caller.WS_ADMIN));
    assertThat(regranted.statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/workspaces/security/search?q=keys", null, leaver).statusCode())
        .isEqualTo(200);
    assertThat(send("GET", "/api/documents/" + doc, null, leaver).statusCode()).isEqualTo(200);
    assertForbidden(send("POST", "/api/workspaces/security/ask", ask, leaver));
  }

  private static void assertForbidden(HttpResponse<String> r) {
    assertProblem(r, 403, "urn:stratum:problem:forbidden");
  }

  private static void assertNotFound(HttpResponse<String> r) {
    assertProblem(r, 404, "urn:stratum:problem:not-found");
  }

  private static void assertProblem(HttpResponse<String> r, int status, String type) {
    assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(r.body()).contains("\"type\":\"" + type + "\"");
  }
}
