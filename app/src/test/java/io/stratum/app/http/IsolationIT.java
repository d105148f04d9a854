package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.access.IssuedToken;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.app.SampleCorpus;
import io.stratum.app.Stratum;
import io.stratum.app.TestEngines;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.retrieval.Passage;
import io.stratum.store.TestDatabases;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The isolation suite: randomized requests by principals of every role against every workspace
 * (search, ask, document fetch, conversation fetch) over HTTP. The expected outcome comes from an
 * oracle written here from the rules, not from the AccessPolicy under test; every response that
 * carries data is checked to hold nothing from a workspace its caller may not read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationIT {
  /** Where state is kept; a subclass runs the suite on PostgreSQL. */
  TestDatabases.Engine engine() {
    return TestDatabases.Engine.SQLITE;
  }

  static final List<String> WORKSPACES =
      List.of("security", "operations", "compliance", "handbook");
  static final String GLOBAL = "handbook";
  static final int REQUESTS = 240;
  static final String ORG_ADMIN = "admin";
  static final int OPERATIONS = 4; // search, ask, document, conversation

  Stratum stratum;
  HttpApi api;
  SseClient anonymous;

  /** principal id -> its token, its org-admin flag and roles (the oracle's view). */
  final Map<String, String> tokens = new LinkedHashMap<>();

  final Map<String, Map<String, Role>> roles = new LinkedHashMap<>();
  String adminToken;
  String revokedToken;
  String expiredToken;
  final Map<String, List<String>> documentsByWorkspace = new LinkedHashMap<>();

  /** conversation id -> {owner, workspace}. */
  final Map<String, String[]> conversations = new LinkedHashMap<>();

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    Path corpus = SampleCorpus.extractTo(data.resolve("sample-corpus"));
    Files.createDirectories(corpus.resolve("handbook"));
    Files.writeString(
        corpus.resolve("handbook/onboarding.md"),
        "# Onboarding\nEvery new engineer reads the key rotation and incident runbooks first.\n");
    stratum = open(data);
    stratum.documents().ingest(MarkdownConnector.byDirectory(corpus), p -> {});
    stratum.administration().setGlobal(Principal.LOCAL_OPERATOR, GLOBAL, true);
    adminToken = stratum.firstRun().orgAdmin(null).orElseThrow().token();
    anonymous = serve(data); // after the org admin: a server started without one makes its own
    tokens.put(ORG_ADMIN, adminToken);
    roles.put(ORG_ADMIN, Map.of());
    principal("sec-viewer", Map.of("security", Role.VIEWER));
    principal("sec-member", Map.of("security", Role.MEMBER));
    principal("ops-admin", Map.of("operations", Role.WORKSPACE_ADMIN));
    principal("comp-member", Map.of("compliance", Role.MEMBER, "operations", Role.VIEWER));
    principal("outsider", Map.of());
    stratum.administration().createPrincipal(Principal.LOCAL_OPERATOR, "gone", "Gone", false);
    stratum
        .administration()
        .grant(Principal.LOCAL_OPERATOR, "gone", "security", Role.WORKSPACE_ADMIN);
    IssuedToken revoked =
        stratum.administration().issueToken(Principal.LOCAL_OPERATOR, "gone", "old laptop", null);
    stratum.administration().revokeToken(Principal.LOCAL_OPERATOR, revoked.id());
    revokedToken = revoked.token();
    expiredToken =
        stratum
            .administration()
            .issueToken(Principal.LOCAL_OPERATOR, "gone", "ci", Duration.ofMillis(1))
            .token();
    Thread.sleep(5);
    for (String ws : WORKSPACES) {
      Set<String> ids = new LinkedHashSet<>();
      for (String q : List.of("key rotation", "incident", "backup", "database", "access review")) {
        stratum
            .search()
            .search(Principal.LOCAL_OPERATOR, List.of(ws), q, 20, List.of())
            .passages()
            .stream()
            .map(Passage::documentId)
            .forEach(ids::add);
      }
      documentsByWorkspace.put(ws, new ArrayList<>(ids));
    }
    for (String[] ask :
        List.of(
            new String[] {"sec-member", "security"},
            new String[] {"sec-member", GLOBAL},
            new String[] {"ops-admin", "operations"},
            new String[] {"comp-member", "compliance"},
            new String[] {"outsider", GLOBAL})) {
      List<SseClient.Event> events =
          anonymous.as(tokens.get(ask[0])).ask(ask[1], "How are keys rotated?");
      JsonNode done = events.get(events.size() - 1).data();
      conversations.put(done.get("conversationId").asText(), ask);
    }
  }

  /** The node the suite sets up its principals and corpus through. */
  Stratum open(Path dir) throws Exception {
    return TestEngines.open(engine(), dir.resolve("data"));
  }

  /** Serves {@link #stratum}; the client without credentials every request goes through. */
  SseClient serve(Path dir) throws Exception {
    api = HttpApi.start(stratum, "127.0.0.1", 0);
    return new SseClient(api.port());
  }

  private void principal(String id, Map<String, Role> grants) {
    stratum.administration().createPrincipal(Principal.LOCAL_OPERATOR, id, id, false);
    grants.forEach(
        (ws, role) -> stratum.administration().grant(Principal.LOCAL_OPERATOR, id, ws, role));
    tokens.put(
        id,
        stratum
            .administration()
            .issueToken(Principal.LOCAL_OPERATOR, id, "test", Duration.ofDays(1))
            .token());
    roles.put(id, grants);
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
    if (stratum != null) { // null when the engine was skipped (no PostgreSQL server)
      stratum.close();
    }
  }

  /** The rules, restated independently of AccessPolicy. */
  private boolean mayRead(String who, String ws) {
    return who.equals(ORG_ADMIN) || ws.equals(GLOBAL) || roles.get(who).containsKey(ws);
  }

  private boolean mayAsk(String who, String ws) {
    Role r = roles.get(who).get(ws);
    return who.equals(ORG_ADMIN) || ws.equals(GLOBAL) || (r != null && r != Role.VIEWER);
  }

  private boolean mayReadConversation(String who, String[] conversation) {
    Role r = roles.get(who).get(conversation[1]);
    return who.equals(ORG_ADMIN)
        || r == Role.WORKSPACE_ADMIN
        || (who.equals(conversation[0]) && mayRead(who, conversation[1]));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void randomized_requests_never_read_outside_a_principals_grants() throws Exception {
    Random random = new Random(20261126);
    List<String> principals = new ArrayList<>(tokens.keySet());
    List<String> conversationIds = new ArrayList<>(conversations.keySet());
    List<int[]> plan = plan(principals.size(), random);
    Set<String> drawn = new LinkedHashSet<>();
    int allowed = 0;
    int denied = 0;
    List<String> leaks = new ArrayList<>();
    for (int[] request : plan) {
      String who = principals.get(request[0]);
      SseClient client = anonymous.as(tokens.get(who));
      String ws = WORKSPACES.get(request[1]);
      drawn.add(who + " " + ws + " " + request[2]);
      switch (request[2]) {
        case 0 -> {
          SseClient.Response r =
              client.get(
                  "/api/workspaces/" + ws + "/search?q=" + enc("key rotation backup") + "&k=10");
          if (mayRead(who, ws)) {
            assertThat(r.status()).as(who + " search " + ws).isEqualTo(200);
            for (JsonNode p : r.json().get("results")) {
              if (!mayRead(who, p.get("documentId").asText().split(":")[0])) {
                leaks.add(who + " search " + ws + " -> " + p.get("documentId"));
              }
            }
            allowed++;
          } else {
            assertThat(r.status()).as(who + " search " + ws).isEqualTo(403);
            assertThat(r.body()).doesNotContain("\"results\"");
            denied++;
          }
        }
        case 1 -> {
          if (mayAsk(who, ws)) {
            List<SseClient.Event> events = client.ask(ws, "How often are keys rotated?");
            for (SseClient.Event e : events) {
              if (e.name().equals("passage") || e.name().equals("citation")) {
                String doc = e.data().get("documentId").asText();
                if (!mayRead(who, doc.split(":")[0])) {
                  leaks.add(who + " ask " + ws + " -> " + doc);
                }
              }
            }
            allowed++;
          } else {
            SseClient.Response r =
                client.post("/api/workspaces/" + ws + "/ask", "{\"question\":\"keys?\"}");
            assertThat(r.status()).as(who + " ask " + ws).isEqualTo(403);
            assertThat(r.json().get("type").asText()).isEqualTo("urn:stratum:problem:forbidden");
            denied++;
          }
        }
        case 2 -> {
          List<String> docs = documentsByWorkspace.get(ws);
          String doc = docs.get(random.nextInt(docs.size()));
          SseClient.Response r = client.get("/api/documents/" + enc(doc));
          if (mayRead(who, ws)) {
            assertThat(r.status()).as(who + " document " + doc).isEqualTo(200);
            assertThat(r.json().get("workspace").asText()).isEqualTo(ws);
            allowed++;
          } else {
            assertThat(r.status()).as(who + " document " + doc).isEqualTo(404);
            assertThat(r.body()).doesNotContain("\"chunks\"");
            denied++;
          }
        }
        default -> {
          String id = conversationIds.get(random.nextInt(conversationIds.size()));
          SseClient.Response r = client.get("/api/conversations/" + id);
          if (mayReadConversation(who, conversations.get(id))) {
            assertThat(r.status()).as(who + " conversation " + id).isEqualTo(200);
            allowed++;
          } else {
            assertThat(r.status()).as(who + " conversation " + id).isEqualTo(404);
            assertThat(r.body()).doesNotContain("messages");
            denied++;
          }
        }
      }
    }

    assertThat(leaks).isEmpty();
    assertThat(drawn)
        .as("every principal (the org admin too) x workspace x operation at least once")
        .hasSize(principals.size() * WORKSPACES.size() * OPERATIONS);
    assertThat(allowed + denied).isEqualTo(REQUESTS);
    assertThat(allowed).isGreaterThan(50);
    assertThat(denied).isGreaterThan(50);
    System.out.printf(
        "isolation: %d requests, %d allowed, %d denied, 0 leaks%n", REQUESTS, allowed, denied);
  }

  /**
   * Every (principal, workspace, operation) once, in a seeded random order, then random draws up to
   * {@link #REQUESTS}: a fixed seed alone left some pairs, and the org admin, never drawn.
   */
  private static List<int[]> plan(int principals, Random random) {
    List<int[]> plan = new ArrayList<>();
    for (int p = 0; p < principals; p++) {
      for (int w = 0; w < WORKSPACES.size(); w++) {
        for (int o = 0; o < OPERATIONS; o++) {
          plan.add(new int[] {p, w, o});
        }
      }
    }
    java.util.Collections.shuffle(plan, random);
    while (plan.size() < REQUESTS) {
      plan.add(
          new int[] {
            random.nextInt(principals),
            random.nextInt(WORKSPACES.size()),
            random.nextInt(OPERATIONS)
          });
    }
    return plan;
  }

  @Test
  void revoked_expired_missing_and_forged_tokens_are_refused_everywhere() throws Exception {
    for (String path :
        List.of(
            "/api/workspaces",
            "/api/workspaces/security/search?q=keys",
            "/api/documents/" + enc(documentsByWorkspace.get("security").get(0)),
            "/api/conversations/" + conversations.keySet().iterator().next())) {
      assertThat(anonymous.as(revokedToken).get(path).body()).contains("the token was revoked");
      assertThat(anonymous.as(expiredToken).get(path).body()).contains("the token expired at");
      assertThat(anonymous.get(path).status()).isEqualTo(401);
      assertThat(anonymous.as("stt_" + "x".repeat(43)).get(path).body()).contains("unknown token");
    }
    SseClient.Response r = anonymous.get("/api/workspaces");
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    assertThat(r.json().get("type").asText()).isEqualTo("urn:stratum:problem:unauthenticated");
  }

  @Test
  void the_workspace_list_shows_only_what_the_caller_may_read() throws Exception {
    JsonNode viewer = anonymous.as(tokens.get("sec-viewer")).get("/api/workspaces").json();
    JsonNode admin = anonymous.as(adminToken).get("/api/workspaces").json();

    assertThat(viewer.get("workspaces").findValuesAsText("id"))
        .containsExactlyInAnyOrder("security", GLOBAL);
    assertThat(admin.get("workspaces").findValuesAsText("id"))
        .containsExactlyInAnyOrderElementsOf(WORKSPACES);
  }

  @Test
  void sources_are_listed_for_readers_and_a_workspace_is_deleted_by_its_admin_only()
      throws Exception {
    stratum.administration().createWorkspace(Principal.LOCAL_OPERATOR, "scratch", "Scratch", false);
    stratum
        .administration()
        .grant(Principal.LOCAL_OPERATOR, "ops-admin", "scratch", Role.WORKSPACE_ADMIN);
    SseClient opsAdmin = anonymous.as(tokens.get("ops-admin"));

    JsonNode sources =
        anonymous.as(tokens.get("sec-viewer")).get("/api/workspaces/security/sources").json();
    SseClient.Response notYours = opsAdmin.delete("/api/workspaces/security");
    SseClient.Response gone = opsAdmin.delete("/api/workspaces/scratch");

    assertThat(sources.get("sources").get(0).get("kind").asText()).isEqualTo("markdown");
    assertThat(sources.get("sources").get(0).get("documents").asInt()).isPositive();
    assertThat(notYours.status()).isEqualTo(403);
    assertThat(gone.status()).isEqualTo(204);
    assertThat(anonymous.as(adminToken).get("/api/workspaces/scratch/sources").status())
        .isEqualTo(404);
  }

  @Test
  void a_workspace_admin_manages_members_of_their_workspace_only() throws Exception {
    SseClient opsAdmin = anonymous.as(tokens.get("ops-admin"));

    SseClient.Response own =
        opsAdmin.put("/api/workspaces/operations/members/outsider", "{\"role\":\"viewer\"}");
    SseClient.Response other =
        opsAdmin.put("/api/workspaces/security/members/outsider", "{\"role\":\"viewer\"}");
    SseClient.Response mint = opsAdmin.post("/api/tokens", "{\"principal\":\"sec-member\"}");

    assertThat(own.status()).isEqualTo(200);
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.json().get("detail").asText())
        .isEqualTo("'ops-admin' may not administer workspace 'security'");
    assertThat(mint.status()).isEqualTo(403);
    assertThat(mint.json().get("detail").asText())
        .isEqualTo("'ops-admin' may not issue tokens for others: org admins only");
    opsAdmin.delete("/api/workspaces/operations/members/outsider");
  }
}
