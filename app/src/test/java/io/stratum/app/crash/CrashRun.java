package io.stratum.app.crash;

import io.stratum.simulator.BedrockSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the crash suite against one storage engine. Setup: a corpus ingested and an org admin
 * made with the CLI. Then rounds, on one data directory: most start {@code stratum serve}, check
 * everything acknowledged so far, drive traffic with model calls made silent, and kill the server
 * with SIGKILL at a random moment; every fifth kills an {@code ingest} instead and checks that a
 * complete re-ingest leaves store and index consistent. Between rounds, with no server running,
 * {@code stratum audit verify} must pass. A last restart checks everything once more.
 */
final class CrashRun {
  static final int INGEST_EVERY = 5;
  private static final Pattern INGEST_REPORT =
      Pattern.compile(
          "(\\d+) new, (\\d+) changed, (\\d+) unchanged, (\\d+) removed, (\\d+) failed");
  private static final Duration CLI_DEADLINE = Duration.ofMinutes(3);

  /** What a run found, and the line it is summed up in. */
  record Summary(
      String engine,
      int rounds,
      int answers,
      int adminWrites,
      Findings findings,
      List<Double> serveRoundSeconds,
      List<Double> ingestRoundSeconds) {
    String line() {
      return "crash suite %s: rounds=%d acknowledgedAnswers=%d adminWrites=%d lost=%d corruptions=%d interruptedBilled=%d auditGaps=%d"
          .formatted(
              engine,
              rounds,
              answers,
              adminWrites,
              findings.lost(),
              findings.corruptions(),
              findings.interrupted(),
              findings.gaps());
    }
  }

  private final BedrockSimulator sim;
  private final Path data;
  private final Path tfvars;
  private final CrashCorpus corpus;
  private final Children children;
  private final String configuredEngine;
  private final Random random;
  private final String nonce;
  private final Acks acks = new Acks();
  private final Findings findings = new Findings();
  private final YearMonth firstMonth = YearMonth.now(ZoneOffset.UTC);
  private final List<Double> serveSeconds = new ArrayList<>();
  private final List<Double> ingestSeconds = new ArrayList<>();
  private String adminId;
  private String adminToken;
  private final List<Traffic.Member> members = new ArrayList<>();
  private boolean firstServe = true;
  private int baselineCalls;
  private long baselineSeq;
  private Acks.Mark checked = Acks.Mark.START;

  /**
   * @param engine the engine's name when the configuration chooses it; null to name it by what the
   *     data directory holds
   * @param tfvarsExtra lines added to the configuration (the database URL)
   * @param env added to every child's environment (database credentials)
   */
  CrashRun(
      BedrockSimulator sim,
      Path dir,
      String engine,
      String tfvarsExtra,
      Map<String, String> env,
      long seed)
      throws IOException {
    this.sim = sim;
    this.data = dir.resolve("data");
    this.corpus = new CrashCorpus(dir.resolve("corpus"));
    this.configuredEngine = engine;
    this.random = new Random(seed);
    // Principal ids carry it, so a run against a database reused from an earlier run never
    // collides with that run's principals.
    this.nonce = Long.toString(Math.abs(seed % 1_000_000L), 36);
    this.tfvars =
        Files.writeString(
            dir.resolve("terraform.tfvars"),
            """
            bedrock_advanced_model_id = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
            bedrock_default_backend   = "converse"
            bedrock_endpoint_url      = "%s"
            bedrock_mantle_endpoint_url = "%s"
            """
                    .formatted(sim.endpoint(), sim.endpoint())
                + tfvarsExtra);
    Map<String, String> childEnv = new HashMap<>(env);
    childEnv.put("AWS_BEARER_TOKEN_BEDROCK", sim.apiKey());
    this.children = new Children(dir.resolve("logs"), childEnv);
  }

  Summary run(int rounds) throws Exception {
    int done = 0;
    try {
      setUp();
      for (int r = 1; r <= rounds; r++) {
        long start = System.nanoTime();
        if (r > 1) {
          verify(r - 1);
        }
        boolean ingest = r % INGEST_EVERY == 0;
        boolean opened = ingest ? ingestRound(r, rounds) : serveRound(r, rounds);
        double took = (System.nanoTime() - start) / 1e9;
        (ingest ? ingestSeconds : serveSeconds).add(took);
        System.out.printf(Locale.ROOT, "crash suite: round %d took %.1f s%n", r, took);
        done = r;
        if (!opened) {
          break; // the data no longer opens: later rounds would test nothing
        }
      }
      if (done == rounds) {
        verify(rounds);
        finalCheck(rounds);
      }
    } finally {
      children.killAll();
    }
    return new Summary(
        engine(),
        done,
        acks.answers.size(),
        acks.adminWrites(),
        findings,
        serveSeconds,
        ingestSeconds);
  }

  private String engine() {
    if (configuredEngine != null) {
      return configuredEngine;
    }
    if (Files.exists(data.resolve("stratum.db"))) {
      return "sqlite";
    }
    if (Files.exists(data.resolve("stratum.mv.db"))) {
      return "h2";
    }
    return "unknown";
  }

  /** The corpus ingested and an org admin with a token, both with the CLI before any server. */
  private void setUp() throws Exception {
    corpus.write();
    Children.Outcome ingest =
        children.run(CLI_DEADLINE, "setup-ingest", cli("ingest", corpus.root().toString()));
    require(ingest, "ingesting the corpus");
    String admin = "crash-" + nonce + "-admin";
    adminId = admin;
    require(
        children.run(
            CLI_DEADLINE, "setup-admin", cli("admin", "principal", "create", admin, "--org-admin")),
        "creating the org admin");
    Children.Outcome token =
        children.run(
            CLI_DEADLINE,
            "setup-token",
            cli("admin", "token", "create", "--principal", admin, "--name", "crash suite"));
    require(token, "issuing the org admin's token");
    adminToken = token.out().lines().filter(l -> l.startsWith("stt_")).findFirst().orElseThrow();
    acks.add(new Acks.Principal(0, admin));
    acks.add(new Acks.Token(0, admin, "(the CLI's)", adminToken));
    System.out.println("crash suite: set up; " + ingest.out().strip());
  }

  private static void require(Children.Outcome o, String what) {
    if (o.exit() != 0) {
      throw new IllegalStateException(
          "crash suite setup: " + what + " exited " + o.exit() + ":\n" + o.text());
    }
  }

  /** {@code stratum ARGS --data DIR --config FILE}. */
  private String[] cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--data", data.toString(), "--config", tfvars.toString()));
    return all.toArray(String[]::new);
  }

  /**
   * Starts serve, checks what earlier rounds were promised, drives traffic and kills the server.
   * False when the server did not start.
   */
  private boolean serveRound(int round, int rounds) throws Exception {
    String name = "serve-r" + round;
    long t0 = System.nanoTime();
    Process serve = children.spawn(name, cli("serve", "--port", "0"));
    try {
      OptionalInt port = started(serve, name, "round " + round);
      if (port.isEmpty()) {
        return false;
      }
      long t1 = System.nanoTime();
      try (CrashApi api = new CrashApi(port.getAsInt())) {
        if (!usable(api, "round " + round)) {
          return false;
        }
        if (firstServe) {
          baseline(api); // before any answer of this run is billed
        }
        // The first answer runs while the checks do: both only wait on the server.
        FutureTask<Double> firstAnswer = new FutureTask<>(() -> warmUp(api, round));
        Thread.ofPlatform().name("crash-r" + round + "-warm-up").start(firstAnswer);
        if (firstServe) {
          setUpMembers(api, round);
          firstServe = false;
        } else {
          check(api, "after round " + (round - 1), false);
        }
        long t2 = System.nanoTime();
        double warm = firstAnswer.get(60, TimeUnit.SECONDS);
        long millis = 1000 + random.nextInt(3001);
        Acks.Mark before = acks.mark();
        int adminWritesBefore = acks.adminWrites();
        Traffic traffic =
            new Traffic(
                api,
                sim,
                acks,
                round,
                adminToken,
                members,
                nonce,
                millis,
                new Random(random.nextLong()));
        traffic.start();
        Thread.sleep(millis);
        int open = traffic.streamsOpen();
        traffic.stop();
        Children.kill(serve);
        if (!traffic.join(20_000)) {
          throw new IllegalStateException(
              "round " + round + ": a client was still waiting 20 s after the kill");
        }
        Acks got = acks.since(before);
        System.out.printf(
            Locale.ROOT,
            "crash suite: round %d/%d serve (started in %.1f s, checks %.1f s, first answer alongside %.1f"
                + " s): killed after %.1f s of traffic with %d streams open (%d calls made"
                + " silent); acknowledged %d answers (%d refused), %d conversations, %d admin"
                + " writes; %d client errors%n",
            round,
            rounds,
            (t1 - t0) / 1e9,
            (t2 - t1) / 1e9,
            warm,
            millis / 1000.0,
            open,
            traffic.silenced(),
            got.answers.size(),
            got.answers.stream().filter(Acks.Answer::refused).count(),
            got.started.size(),
            acks.adminWrites() - adminWritesBefore,
            traffic.failures());
      }
      return true;
    } finally {
      if (serve.isAlive()) {
        Children.kill(serve);
      }
    }
  }

  /**
   * Waits for serve's address; a server that exits or logs an exception or the word corrupt while
   * opening the data directory is a corruption.
   */
  private OptionalInt started(Process serve, String name, String label) throws Exception {
    OptionalInt port = children.port(serve, name, Duration.ofSeconds(90));
    String err = Children.read(children.err(name));
    if (port.isEmpty()) {
      findings.corruption(
          label
              + ": stratum serve did not start"
              + (serve.isAlive() ? " within 90 s" : " (exit " + serve.exitValue() + ")")
              + ":\n"
              + Children.tail(err, 15));
      return port;
    }
    for (String line : Children.alarming(err).stream().limit(3).toList()) {
      findings.corruption(label + ": stratum serve logged while starting: " + line);
    }
    return port;
  }

  /** Ready, and the org admin's token still works: without it nothing else can be checked. */
  private boolean usable(CrashApi api, String label) throws Exception {
    CrashApi.Reply ready = api.get(null, "/readyz");
    if (ready.status() != 200) {
      findings.corruption(label + ": /readyz answered " + ready.status() + ": " + ready.body());
    }
    CrashApi.Reply me = api.get(adminToken, "/api/workspaces");
    if (me.status() == 401) {
      findings.lost(
          acks.tokens.get(0),
          "the org admin's token (issued by the CLI) no longer authenticates: " + me.body());
      return false;
    }
    if (me.status() != 200) {
      findings.corruption(label + ": GET /api/workspaces answered " + me.status());
      return false;
    }
    return true;
  }

  /**
   * One answer before the round's clock starts. A fresh server's first answer takes seconds (the
   * embedder, the index readers and the Bedrock client load on first use); without this the round's
   * clients would all still be waiting for their first answer at the kill.
   */
  private double warmUp(CrashApi api, int round) throws Exception {
    long start = System.nanoTime();
    String q = CrashCorpus.QUESTIONS.get("vault").get(0);
    CrashApi.Streamed s =
        api.stream(adminToken, "/api/workspaces/vault/ask", Map.of("question", q));
    double took = (System.nanoTime() - start) / 1e9;
    if (s.done() == null) {
      findings.corruption(
          "round " + round + ": the first ask got no answer: " + s.status() + " " + s.problem());
      return took;
    }
    acks.add(
        new Acks.Answer(
            round,
            "warm-up ask in vault",
            adminId,
            s.done().get("conversationId").asText(),
            q,
            s.done().get("refused").asBoolean()));
    return took;
  }

  /** Two members of both workspaces, who ask and chat; made over the API like any admin write. */
  private void setUpMembers(CrashApi api, int round) throws Exception {
    for (int i = 1; i <= 2; i++) {
      String id = "crash-" + nonce + "-member-" + i;
      expect(api.call("POST", adminToken, "/api/principals", Map.of("id", id)), 201, id);
      acks.add(new Acks.Principal(round, id));
      for (String ws : CrashCorpus.WORKSPACES) {
        expect(
            api.call(
                "PUT",
                adminToken,
                "/api/workspaces/" + ws + "/members/" + id,
                Map.of("role", "member")),
            200,
            id + " in " + ws);
        acks.add(new Acks.Grant(round, id, ws, "member"));
      }
      CrashApi.Reply t =
          expect(
              api.call("POST", adminToken, "/api/tokens", Map.of("principal", id, "name", "crash")),
              201,
              "a token for " + id);
      String token = t.json().get("token").asText();
      acks.add(new Acks.Token(round, id, t.json().get("id").asText(), token));
      members.add(new Traffic.Member(id, token));
    }
  }

  private static CrashApi.Reply expect(CrashApi.Reply r, int status, String what) {
    if (r.status() != status) {
      throw new IllegalStateException(
          "crash suite setup: "
              + what
              + ": expected "
              + status
              + ", got "
              + r.status()
              + ": "
              + r.body());
    }
    return r;
  }

  /** What the database held before this run's traffic (nothing, unless it is a reused one). */
  private void baseline(CrashApi api) throws Exception {
    Checks c = new Checks(api, adminToken, findings, "baseline");
    baselineCalls = c.billedCalls(months());
    baselineSeq = c.trail(Long.MAX_VALUE).lastSeq();
  }

  /**
   * Checks the acknowledgements since the last check, or all of them. Each round checks only the
   * new ones: re-reading every conversation each round would grow with the square of the rounds
   * (and each read is itself an audited write). Budgets and usage are totals, checked whole.
   */
  private void check(CrashApi api, String label, boolean all) throws Exception {
    long start = System.nanoTime();
    int lostBefore = findings.lost();
    int corruptBefore = findings.corruptions();
    Checks c = new Checks(api, adminToken, findings, label);
    Acks slice = acks.since(all ? Acks.Mark.START : checked);
    Checks.Trail trail = c.trail(baselineSeq);
    findings.interrupted(trail.interrupted());
    c.answers(slice.answers, slice.started, trail);
    c.usage(acks.since(Acks.Mark.START).answers, baselineCalls, months());
    c.admin(slice, acks);
    checked = acks.mark();
    System.out.printf(
        Locale.ROOT,
        "crash suite: checked %s (%d answers, %d conversations, %d principals, %d tokens, %d"
            + " grants%s): %d lost, %d corruptions, %d interrupted calls billed so far (%.1f s)%n",
        label,
        slice.answers.size(),
        slice.started.size(),
        slice.principals.size(),
        slice.tokens.size(),
        slice.grants.size(),
        all ? ", everything since the start" : "",
        findings.lost() - lostBefore,
        findings.corruptions() - corruptBefore,
        trail.interrupted(),
        (System.nanoTime() - start) / 1e9);
  }

  private List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = firstMonth; !m.isAfter(YearMonth.now(ZoneOffset.UTC)); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }

  /**
   * {@code stratum audit verify}, with no server running, must pass, or name a gap the engine
   * recorded when it found calls a crash had cut.
   */
  private void verify(int afterRound) throws Exception {
    Children.Outcome v =
        children.run(CLI_DEADLINE, "verify-after-r" + afterRound, cli("audit", "verify"));
    String text = v.text();
    if (text.toLowerCase(Locale.ROOT).contains("gap")) {
      findings.gap();
      System.out.println("crash suite: audit verify after round " + afterRound + ": " + text);
    } else if (v.exit() != 0) {
      findings.corruption(
          "after round "
              + afterRound
              + ": stratum audit verify exited "
              + v.exit()
              + ": "
              + Children.tail(text, 8));
    }
  }

  /**
   * Kills an ingest that has work (documents changed, added and removed), then checks that a
   * complete ingest leaves nothing for the next one to do, and that search finds the new text.
   */
  private boolean ingestRound(int round, int rounds) throws Exception {
    CrashCorpus.Edit edit = corpus.edit(round, random);
    String name = "ingest-killed-r" + round;
    Process killed = children.spawn(name, cli("ingest", corpus.root().toString()));
    boolean midIngest;
    long delay = random.nextInt(400);
    try {
      Children.await(
          killed,
          () -> Children.read(children.err(name)).contains("ingest: "),
          Duration.ofSeconds(90));
      Thread.sleep(delay);
    } finally {
      midIngest = killed.isAlive();
      Children.kill(killed);
    }
    Children.Outcome full =
        children.run(
            CLI_DEADLINE, "ingest-complete-r" + round, cli("ingest", corpus.root().toString()));
    String label = "round " + round + " (ingest)";
    if (full.exit() != 0) {
      findings.corruption(
          label + ": the ingest after the killed one exited " + full.exit() + ": " + full.text());
      return false;
    }
    for (String line : Children.alarming(full.err()).stream().limit(3).toList()) {
      findings.corruption(label + ": the ingest after the killed one logged: " + line);
    }
    Children.Outcome again =
        children.run(
            CLI_DEADLINE, "ingest-again-r" + round, cli("ingest", corpus.root().toString()));
    Matcher m = INGEST_REPORT.matcher(again.out());
    if (again.exit() != 0 || !m.find()) {
      findings.corruption(
          label + ": a second complete ingest exited " + again.exit() + ": " + again.text());
    } else if (!(m.group(1).equals("0")
        && m.group(2).equals("0")
        && m.group(4).equals("0")
        && m.group(5).equals("0"))) {
      findings.corruption(
          label
              + ": a second complete ingest still found work, so the first left store and index"
              + " apart: "
              + again.out().strip());
    }
    Children.Outcome search =
        children.run(
            CLI_DEADLINE,
            "search-r" + round,
            cli("search", "--workspace", edit.workspace(), "-k", "3", edit.query()));
    String first =
        search.out().lines().filter(l -> l.strip().startsWith("1.")).findFirst().orElse("");
    if (search.exit() != 0 || !first.contains(":" + edit.documentPath())) {
      findings.corruption(
          label
              + ": search for '"
              + edit.query()
              + "' should find "
              + edit.documentPath()
              + " first, got: "
              + search.text());
    }
    System.out.printf(
        Locale.ROOT,
        "crash suite: round %d/%d ingest (%s): killed %s; then %s; then %s%n",
        round,
        rounds,
        String.join(", ", edit.changes()),
        midIngest
            ? "mid-ingest, " + delay + " ms after its first progress line"
            : "after it finished",
        full.out().strip(),
        again.out().strip());
    return true;
  }

  /** A last restart with no traffic: everything acknowledged in the whole run, checked again. */
  private void finalCheck(int rounds) throws Exception {
    String name = "serve-final";
    Process serve = children.spawn(name, cli("serve", "--port", "0"));
    try {
      OptionalInt port = started(serve, name, "after round " + rounds);
      if (port.isEmpty()) {
        return;
      }
      try (CrashApi api = new CrashApi(port.getAsInt())) {
        if (usable(api, "after round " + rounds)) {
          check(api, "after round " + rounds, true);
        }
      }
    } finally {
      Children.kill(serve);
    }
  }
}
