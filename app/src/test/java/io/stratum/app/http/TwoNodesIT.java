package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.app.SampleCorpus;
import io.stratum.corpus.MarkdownConnector;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code stratum serve} processes over one PostgreSQL and one OpenSearch index behave as one
 * server ({@link TwoNodes}): a hard budget cap holds for callers spread over both, an answer from
 * one node while the other ingests sees only whole commits, a node killed mid-ingest leaves its job
 * to the other, and the audit trail is one chain holding both nodes' records. The isolation suite
 * runs over two nodes in {@link IsolationOnTwoNodesIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {
  static final int CALLERS = 32;
  static final String CAP_USD = "5";

  TwoNodes nodes;
  String adminToken;
  SseClient admin;
  Path bulk;
  String bulkSource;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    bulk = Files.createDirectories(dir.resolve("bulk"));
    // one document, so the run each source gets when the first server starts has work to do
    Files.writeString(bulk.resolve("readme.md"), "# Readme\n\nService runbooks, one per file.\n");
    nodes =
        TwoNodes.open(
            dir,
            """
            bedrock_advanced_model_id     = "openai.gpt-5.5"
            bedrock_default_backend       = "responses"
            bedrock_endpoint_url          = "SIM_ENDPOINT"
            bedrock_mantle_endpoint_url   = "SIM_ENDPOINT"
            bedrock_advanced_input_price  = 100
            bedrock_advanced_output_price = 100
            stratum_sources = [{ kind = "markdown", path = "bulk", workspace = "operations" }]
            """,
            Map.of());
    nodes
        .setup
        .documents()
        .ingest(
            MarkdownConnector.byDirectory(SampleCorpus.extractTo(dir.resolve("corpus"))), p -> {});
    adminToken = nodes.setup.firstRun().orgAdmin(null).orElseThrow().token();
    nodes.serve();
    admin = nodes.client(adminToken);
    JsonNode source = admin.get("/api/sources").json().get("sources").get(0);
    bulkSource = source.get("id").asText();
  }

  @AfterAll
  void stop() {
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  @Order(1)
  void thirty_two_callers_spread_over_both_nodes_never_spend_past_a_hard_cap() throws Exception {
    assertThat(
            admin
                .put(
                    "/api/workspaces/security/budget",
                    "{\"monthlyCapUsd\": " + CAP_USD + ", \"hardCap\": true}")
                .status())
        .isEqualTo(200);
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<SseClient.Response>>> calls = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      int caller = i;
      calls.add(
          pool.submit(
              () -> {
                go.await();
                List<SseClient.Response> mine = new ArrayList<>();
                for (int n = 0; n < 2; n++) { // one ask on each node
                  mine.add(
                      nodes
                          .on((caller + n) % 2, adminToken)
                          .post(
                              "/api/workspaces/security/ask",
                              "{\"question\":\"How often are customer master keys rotated?\"}"));
                }
                return mine;
              }));
    }
    go.countDown();
    int answered = 0;
    int refused = 0;
    for (Future<List<SseClient.Response>> f : calls) {
      for (SseClient.Response r : f.get()) {
        if (r.status() == 429) {
          refused++;
          assertThat(r.json().get("detail").asText())
              .startsWith("workspace 'security' has spent $")
              .contains(" of its $" + CAP_USD + " monthly cap");
        } else {
          assertThat(r.status()).as(r.body()).isEqualTo(200);
          assertThat(r.body()).contains("event: done");
          answered++;
        }
      }
    }
    pool.shutdown();
    JsonNode onA = nodes.on(0, adminToken).get("/api/workspaces/security/spend").json();
    JsonNode onB = nodes.on(1, adminToken).get("/api/workspaces/security/spend").json();

    BigDecimal spent = onA.get("spentUsd").decimalValue();
    System.out.printf(
        "two nodes, %d callers: %d answered, %d refused, $%s spent of a $%s cap%n",
        CALLERS, answered, refused, spent.toPlainString(), CAP_USD);
    assertThat(answered + refused).isEqualTo(2 * CALLERS);
    assertThat(answered).isPositive();
    assertThat(refused).isPositive();
    assertThat(spent).isLessThanOrEqualTo(new BigDecimal(CAP_USD)).isPositive();
    assertThat(onB.get("spentUsd").decimalValue()).isEqualByComparingTo(spent);
    assertThat(onA.get("byModel").get(0).get("calls").asInt()).isEqualTo(answered);
    admin.put("/api/workspaces/security/budget", "{\"monthlyCapUsd\": 1000, \"hardCap\": true}");
  }

  @Test
  @Order(2)
  void an_answer_from_one_node_while_the_other_ingests_sees_only_whole_commits() throws Exception {
    writeServices(0, 300);
    JsonNode job = syncNow();
    String holder = awaitRunning(job.get("id").asText(), 1).get("node").asText();
    SseClient reader = nodes.on(1 - TwoNodes.index(holder), adminToken);

    int asksDuringIngest = 0;
    int lastFound = 0;
    JsonNode state = job;
    while (!state.get("finished").asBoolean()) {
      List<SseClient.Event> events =
          reader.ask("operations", "Which region does the failover of service 7 promote into?");
      assertThat(events.getLast().name()).isEqualTo("done");
      for (SseClient.Event e : events) {
        if (e.name().equals("passage") || e.name().equals("citation")) {
          assertDocumentReadable(reader, e.data().get("documentId").asText());
        }
      }
      List<String> found = services(reader, "service standby promotes", 50);
      found.forEach(id -> assertDocumentReadable(reader, id));
      assertThat(found.size()).as("services found, never fewer").isGreaterThanOrEqualTo(lastFound);
      lastFound = found.size();
      state = admin.get("/api/jobs/" + job.get("id").asText()).json();
      if (!state.get("finished").asBoolean()) {
        asksDuringIngest++;
      }
    }

    assertThat(state.get("state").asText()).isEqualTo("success");
    assertThat(asksDuringIngest).as("answers streamed while the other node ingested").isPositive();
    assertThat(services(reader, "zulu0299", 5)).contains(docId(299));
  }

  @Test
  @Order(3)
  void a_node_killed_mid_ingest_leaves_its_job_to_the_other_which_finishes_it() throws Exception {
    int first = 300;
    int docs = 600;
    writeServices(first, docs);
    String id = syncNow().get("id").asText();
    JsonNode running = awaitRunning(id, 20);
    String holder = running.get("node").asText();
    int killed = TwoNodes.index(holder);
    int survivor = 1 - killed;
    assertThat(running.get("counts").get("seen").asInt())
        .as("killed mid-job, not after it")
        .isLessThan(running.get("counts").get("total").asInt());

    nodes.kill(killed);
    SseClient other = nodes.on(survivor, adminToken);
    JsonNode done = await(other, id, j -> j.get("finished").asBoolean(), Duration.ofSeconds(180));

    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("success");
    assertThat(done.get("node").asText()).isEqualTo(TwoNodes.NAMES.get(survivor));
    assertThat(done.get("attempts").asInt()).isEqualTo(2);
    assertThat(done.get("counts").get("failed").asInt()).isZero();
    for (int n : List.of(first, first + 299, first + docs - 1)) {
      List<String> found = services(other, "zulu%04d".formatted(n), 5);
      assertThat(found).as("service %d, once", n).containsOnlyOnce(docId(n));
    }
    nodes.restart(killed);
    JsonNode seenByReplacement = nodes.on(killed, adminToken).get("/api/jobs/" + id).json();
    assertThat(seenByReplacement.get("state").asText()).isEqualTo("success");
  }

  @Test
  @Order(4)
  void the_audit_trail_is_one_chain_holding_both_nodes_records_and_verifies_on_each()
      throws Exception {
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String requestId = "two-nodes-" + TwoNodes.NAMES.get(i % 2) + "-" + i;
      SseClient.Response r =
          nodes
              .on(i % 2, adminToken)
              .get("/api/workspaces/security/search?q=keys&k=3", "X-Request-Id", requestId);
      assertThat(r.status()).isEqualTo(200);
      sent.add(requestId);
    }

    List<String> chained = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    JsonNode newest =
        admin.get("/api/audit?order=desc&limit=100&action=search").json().get("records");
    for (JsonNode rec : newest) {
      if (rec.path("requestId").asText().startsWith("two-nodes-")) {
        chained.addFirst(rec.get("requestId").asText());
        seqs.addFirst(rec.get("seq").asLong());
      }
    }

    assertThat(chained).as("both nodes' records, in the order sent").isEqualTo(sent);
    assertThat(seqs).isSorted().doesNotHaveDuplicates();
    for (int n = 0; n < 2; n++) {
      JsonNode v = nodes.on(n, adminToken).post("/api/audit/verify", "{}").json();
      assertThat(v.get("verified").asBoolean()).as(v.toString()).isTrue();
      assertThat(v.get("records").asInt()).isGreaterThan(2 * CALLERS);
    }
  }

  private void writeServices(int from, int count) throws Exception {
    String[] regions = {"eu-west-1", "us-east-2", "ap-southeast-2", "ca-central-1"};
    for (int n = from; n < from + count; n++) {
      Files.writeString(
          bulk.resolve("service-%04d.md".formatted(n)),
          """
          # Service %d failover

          When service-%04d (code zulu%04d) loses its primary, the service standby promotes in %s. The on-call
          engineer confirms replication lag is under %d seconds before traffic moves, then pages
          the owning team and records the failover in the incident channel.
          """
              .formatted(n, n, n, regions[n % regions.length], 5 + n % 25));
    }
  }

  private static String docId(int n) {
    return "operations:service-%04d.md".formatted(n);
  }

  private JsonNode syncNow() throws Exception {
    SseClient.Response r = admin.post("/api/sources/" + bulkSource + "/sync", "{}");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    return r.json();
  }

  /** The job once in progress with at least {@code seen} documents read. */
  private JsonNode awaitRunning(String id, int seen) throws Exception {
    JsonNode j =
        await(
            admin,
            id,
            s ->
                s.get("finished").asBoolean()
                    || (s.get("state").asText().equals("in_progress")
                        && s.get("counts").get("seen").asInt() >= seen),
            Duration.ofSeconds(120));
    assertThat(j.get("state").asText())
        .as("the job should still be running; it ended first: %s", j)
        .isEqualTo("in_progress");
    return j;
  }

  private static JsonNode await(
      SseClient client, String id, java.util.function.Predicate<JsonNode> done, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode j = client.get("/api/jobs/" + id).json();
    while (!done.test(j) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      j = client.get("/api/jobs/" + id).json();
    }
    return j;
  }

  private static List<String> services(SseClient client, String query, int k) throws Exception {
    JsonNode r =
        client
            .get(
                "/api/workspaces/operations/search?k="
                    + k
                    + "&q="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8))
            .json();
    List<String> all = new ArrayList<>();
    for (JsonNode p : r.get("results")) {
      String id = p.get("documentId").asText();
      if (id.startsWith("operations:service-")) {
        all.add(id);
      }
    }
    return all;
  }

  private static void assertDocumentReadable(SseClient client, String documentId) {
    try {
      SseClient.Response r =
          client.get("/api/documents/" + URLEncoder.encode(documentId, StandardCharsets.UTF_8));
      assertThat(r.status()).as("document %s, cited or found", documentId).isEqualTo(200);
    } catch (Exception e) {
      throw new AssertionError("GET document " + documentId, e);
    }
  }
}
