package io.stratum.bench;

import io.stratum.audit.AuditEvent;
import io.stratum.audit.AuditLog;
import io.stratum.audit.EnvelopeCipher;
import io.stratum.audit.LocalKeyWrapper;
import io.stratum.budget.Budgets;
import io.stratum.budget.Ledger;
import io.stratum.budget.Rates;
import io.stratum.budget.UsageRow;
import io.stratum.dispatch.Usage;
import io.stratum.store.ConversationStore;
import io.stratum.store.Database;
import io.stratum.store.WorkspaceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The durable writes one answered question costs, as {@code Answering} makes them: the budget
 * reservation (its own commit, before the model call), then one transaction holding the bill (usage
 * row, reservation released), the conversation and its turn (sealed) and the {@code chat.answer}
 * audit record (sealed body, chained), after which the signed audit head file is replaced. No
 * retrieval and no model: only what must be on disk before {@code done} is sent. The workspace has
 * no budget cap (see {@link #setUp}).
 *
 * <p>{@code engine=sqlite} writes to a new SQLite file (WAL, synchronous=FULL) in a temporary
 * directory. {@code engine=postgresql} needs a server: {@code STRATUM_BENCH_PG_URL}, {@code _USER},
 * {@code _PASSWORD} and optionally {@code STRATUM_BENCH_PG_ADMIN_URL}, or when no {@code
 * STRATUM_BENCH_PG_URL} is set the same names with {@code STRATUM_TEST_PG_} (as {@code
 * .ci/postgres.sh} exports them). With an admin URL the benchmark creates a fresh database on that
 * server and drops it afterwards; without one it appends to the database the URL names.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
public class AnswerWriteBenchmark {
  static final String WORKSPACE = "security";
  static final String PRINCIPAL = "dana";
  static final String MODEL = "us.anthropic.claude-sonnet-4-6";
  static final String QUESTION = "How often are customer master keys rotated, and who approves it?";
  // About 600 characters, as a short grounded answer with citation markers.
  static final String ANSWER = "Customer master keys rotate every 365 days [1]. ".repeat(12);
  static final List<String> PASSAGES =
      List.of("security:a#1", "security:a#2", "security:b#0", "security:c#3");
  static final List<String> CITED = List.of("security:a", "security:b");
  static final Usage USAGE = new Usage(2310, 412, 0, 0, 0);
  // As Answering reserves for a first turn: the whole prompt's UTF-8 bytes (the question, six
  // 1,200-character passages and the instructions, about 9,300 bytes).
  static final int PROMPT_TOKENS = 9300;
  static final int MAX_OUTPUT_TOKENS = 1024;

  @Param({"sqlite", "postgresql"})
  public String engine;

  private Path dir;
  private Database db;
  private String adminUrl;
  private String freshDatabase;
  private Budgets budgets;
  private ConversationStore conversations;
  private AuditLog audit;
  private Budgets.Call call;
  private BigDecimal estimate;
  private UsageRow usageRow;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("stratum-answer-write-bench");
    db =
        switch (engine) {
          case "sqlite" -> Database.sqlite(dir.resolve("stratum.db"), Clock.systemUTC());
          case "postgresql" -> openPostgres();
          default ->
              throw new IllegalArgumentException(
                  "engine: expected sqlite or postgresql, got '" + engine + "'");
        };
    System.out.println("# AnswerWriteBenchmark: " + db);
    new WorkspaceStore(db.sql()).ensureWorkspace(WORKSPACE, "Security");
    // No budget cap, as in QueryBenchmark: with one, admission and settlement each also sum the
    // month's usage rows, a read that grows with every answer and would make the result depend on
    // how long the benchmark ran rather than on the writes.
    Ledger ledger = new Ledger(db.sql());
    Rates sonnet = Rates.of(3.00, 15.00);
    budgets = new Budgets(ledger, m -> sonnet, alert -> {}, b -> {}, "bench-" + UUID.randomUUID());
    EnvelopeCipher cipher =
        new EnvelopeCipher(db.sql(), new LocalKeyWrapper(dir.resolve("audit-master.key")));
    conversations = new ConversationStore(db.sql(), cipher);
    audit =
        new AuditLog(db.sql(), dir.resolve("audit-signing.key"), dir.resolve("audit-head"), cipher);
    call =
        new Budgets.Call(
            WORKSPACE, PRINCIPAL, MODEL, "advanced", PROMPT_TOKENS, MAX_OUTPUT_TOKENS, null);
    estimate = budgets.estimate(MODEL, PROMPT_TOKENS, MAX_OUTPUT_TOKENS);
    usageRow = new UsageRow(WORKSPACE, PRINCIPAL, MODEL, "advanced", "converse", USAGE);
  }

  @TearDown
  public void tearDown() {
    if (db != null) {
      db.close();
    }
    if (freshDatabase != null) {
      try (Connection c = DriverManager.getConnection(adminUrl);
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + freshDatabase);
      } catch (SQLException e) {
        System.err.println("# could not drop the benchmark database " + freshDatabase + ": " + e);
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Benchmark
  public String answerWrites() {
    // (a) before the model call: the reservation, committed on its own
    Budgets.Reservation held = budgets.admit(call, estimate);
    // (b) after it: bill, conversation and audit record in one commit
    return db.sql()
        .transaction(
            "record the answer",
            () -> {
              BigDecimal cost = budgets.settle(held, usageRow);
              String id = conversations.startConversation(PRINCIPAL, List.of(WORKSPACE), "");
              conversations.appendTurn(id, QUESTION, ANSWER, CITED, false);
              audit.record(answerEvent(id, cost));
              return id;
            });
  }

  /** What {@code Answering} audits for a grounded answer asked over the HTTP API. */
  static AuditEvent answerEvent(String conversation, BigDecimal cost) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("conversationId", conversation);
    m.put("model", MODEL);
    m.put("backend", "converse");
    m.put("tier", "advanced");
    m.put("refused", false);
    m.put("refusal", "");
    m.put("passages", PASSAGES);
    m.put("citations", CITED);
    m.put("removedCitationMarkers", 0);
    m.put(
        "usage",
        Map.of(
            "input", USAGE.input(),
            "output", USAGE.output(),
            "reasoning", USAGE.reasoning(),
            "cacheRead", USAGE.cacheRead(),
            "cacheWrite", USAGE.cacheWrite()));
    m.put("costUsd", cost.stripTrailingZeros().toPlainString());
    m.put("latencyMs", 2140);
    m.put("clientIp", "10.0.4.17");
    return new AuditEvent(
        "chat.answer",
        "success",
        PRINCIPAL,
        WORKSPACE,
        "0b9c5a0e-7d57-4a8c-9e0f-4a4f7c6b2f11",
        m,
        Map.of("question", QUESTION, "answer", ANSWER));
  }

  private Database openPostgres() {
    // One set of settings, never a mix: the STRATUM_BENCH_PG_* set when its URL is given.
    String prefix =
        System.getenv("STRATUM_BENCH_PG_URL") != null ? "STRATUM_BENCH_PG_" : "STRATUM_TEST_PG_";
    String url = System.getenv(prefix + "URL");
    String user = System.getenv(prefix + "USER");
    String password = System.getenv(prefix + "PASSWORD");
    adminUrl = System.getenv(prefix + "ADMIN_URL");
    if (url == null && adminUrl == null) {
      throw new IllegalStateException(
          "AnswerWriteBenchmark engine=postgresql needs a PostgreSQL server: set"
              + " STRATUM_BENCH_PG_URL (jdbc:postgresql://host:port/db), STRATUM_BENCH_PG_USER and"
              + " STRATUM_BENCH_PG_PASSWORD, and STRATUM_BENCH_PG_ADMIN_URL to run on a fresh"
              + " database (or the STRATUM_TEST_PG_* names `. .ci/postgres.sh` exports); none is"
              + " set. To measure SQLite only: -p engine=sqlite");
    }
    if (adminUrl != null) {
      freshDatabase =
          "stratum_bench_" + UUID.randomUUID().toString().replace("-", "").substring(16);
      try (Connection c = DriverManager.getConnection(adminUrl);
          Statement s = c.createStatement()) {
        s.execute(
            "CREATE DATABASE " + freshDatabase + (user == null ? "" : " OWNER \"" + user + "\""));
      } catch (SQLException e) {
        throw new IllegalStateException(
            "cannot create the benchmark database on "
                + prefix
                + "ADMIN_URL "
                + adminUrl.replaceAll("(?i)(password=)[^&]*", "$1***")
                + ": "
                + e.getMessage(),
            e);
      }
      int path = adminUrl.indexOf('/', "jdbc:postgresql://".length());
      url = adminUrl.substring(0, path + 1) + freshDatabase;
    }
    return Database.postgres(url, user, password, Clock.systemUTC());
  }
}
