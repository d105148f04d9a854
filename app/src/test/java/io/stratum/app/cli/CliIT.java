package io.stratum.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.access.Accounts;
import io.stratum.app.LocalEngine;
import io.stratum.app.Stratum;
import io.stratum.index.TestOpenSearch;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user drives it: exit codes, what goes to stdout and stderr. */
class CliIT {
  @TempDir Path data;
  @TempDir Path docs;

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void version_prints_the_build_version_and_java() {
    Run r = run("version");

    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("stratum 0.1.0-SNAPSHOT\nJava ");
  }

  @Test
  void ingest_reports_a_bad_file_by_path_still_ingests_the_rest_and_exits_3() throws Exception {
    Files.createDirectories(docs.resolve("ops"));
    Files.writeString(docs.resolve("ops/good.md"), "# Failover\nPromote the standby database.\n");
    Files.writeString(docs.resolve("ops/bad.md"), "---\ntitle: [oops\n---\n# Bad\n");

    Run r = run("ingest", "--data", data.toString(), docs.toString());

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out())
        .contains("2 documents (1 new, 0 changed, 0 unchanged, 0 removed, 1 failed)");
    assertThat(r.err()).contains("skipped ops/bad.md: front matter is not valid YAML");
    Run ask =
        run(
            "ask",
            "--data",
            data.toString(),
            "--workspace",
            "ops",
            "How do we promote the standby database?");
    assertThat(ask.code()).isZero();
    assertThat(ask.out()).contains("Promote the standby database [1].").contains("ops/good.md");
  }

  @Test
  void ingest_without_a_source_reads_every_source_in_the_configuration() throws Exception {
    Files.createDirectories(docs.resolve("runbooks"));
    Files.writeString(
        docs.resolve("runbooks/failover.md"), "# Database failover\nPromote the standby.\n");
    Files.writeString(
        docs.resolve("issues.csv"), "Summary,Issue key,Status\nRotate the KMS key,SEC-12,Done\n");
    Path config =
        Files.writeString(
            docs.resolve("terraform.tfvars"),
            """
            stratum_sources = [
              { kind = "runbooks", path = "runbooks", workspace = "operations" },
              { kind = "jira-export", path = "issues.csv", workspace = "security" },
            ]
            """);

    Run r = run("ingest", "--data", data.toString(), "--config", config.toString());

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("runbooks:" + docs.resolve("runbooks") + ": 1 documents (1 new")
        .contains("jira-export:" + docs.resolve("issues.csv") + ": 1 documents (1 new");
    Run search = run("search", "--data", data.toString(), "--workspace", "security", "SEC-12");
    assertThat(search.out()).contains("SEC-12: Rotate the KMS key");
  }

  @Test
  void ingest_with_no_source_anywhere_says_where_sources_can_come_from() {
    Run r = run("ingest", "--data", data.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "ingest: give a DIR, --source KIND:PATH, or a stratum_sources block in the configuration (embedded defaults has none)");
  }

  @Test
  void admin_commands_make_principals_workspaces_tokens_and_budgets_and_spend_reports_them() {
    String d = data.toString();

    Run principal = run("admin", "principal", "create", "alice", "--data", d);
    Run workspace = run("admin", "workspace", "create", "finance", "--global", "--data", d);
    Run grant =
        run("admin", "grant", "alice", "--workspace", "finance", "--role", "member", "--data", d);
    Run token =
        run(
            "admin",
            "token",
            "create",
            "--principal",
            "alice",
            "--expires-in-days",
            "30",
            "--data",
            d);
    Run budget =
        run(
            "admin",
            "budget",
            "set",
            "--workspace",
            "finance",
            "--cap",
            "10",
            "--hard",
            "--data",
            d);
    Run spend = run("spend", "--workspace", "finance", "--data", d);
    Run badRole =
        run("admin", "grant", "alice", "--workspace", "finance", "--role", "owner", "--data", d);

    assertThat(principal.out()).isEqualTo("created principal alice\n");
    assertThat(workspace.out()).isEqualTo("created workspace finance (global)\n");
    assertThat(grant.out()).isEqualTo("alice is member in finance\n");
    assertThat(token.out()).containsPattern("(?m)^stt_[A-Za-z0-9_-]{43}$");
    assertThat(budget.out()).isEqualTo("finance: $10 a month, hard cap\n");
    assertThat(spend.out())
        .startsWith("finance 20")
        .contains(": $0 spent of $10 (hard cap); resets ");
    assertThat(badRole.code()).isEqualTo(2);
    assertThat(badRole.err()).contains("role: expected viewer|member|workspace_admin, got 'owner'");
  }

  @Test
  void audit_verify_passes_on_a_clean_trail_and_names_the_record_someone_changed() {
    String d = data.toString();
    run("admin", "principal", "create", "alice", "--data", d);
    run("admin", "principal", "create", "bob", "--data", d);

    Run clean = run("audit", "verify", "--data", d);
    try (Database store = Database.sqliteIn(data)) {
      store
          .sql()
          .write(
              "tamper",
              c ->
                  c.createStatement()
                      .executeUpdate(
                          "UPDATE audit_records SET principal = 'mallory' WHERE seq = 1"));
    }
    Run tampered = run("audit", "verify", "--data", d);
    Run query = run("audit", "query", "--action", "principal.*", "--data", d);
    Run expire = run("audit", "expire-bodies", "--older-than-days", "0", "--data", d);

    assertThat(clean.code()).isZero();
    assertThat(clean.out()).isEqualTo("verified 2 records, 0 signed checkpoints\n");
    assertThat(tampered.code()).isEqualTo(5);
    assertThat(tampered.err()).isEqualTo("record 1: its contents were changed\n");
    assertThat(query.out().lines())
        .hasSize(2)
        .allMatch(l -> l.contains("\"action\":\"principal.created\""));
  }

  @Test
  void audit_export_sends_only_what_each_sink_has_not_had_and_asks_for_a_sink_when_none_is_set() {
    String d = data.toString();
    Path out = data.resolve("siem-export");
    run("admin", "principal", "create", "alice", "--data", d);
    run("admin", "principal", "create", "bob", "--data", d);

    Run first = run("audit", "export", "--to", out.toString(), "--data", d);
    run("admin", "principal", "create", "carol", "--data", d);
    Run second = run("audit", "export", "--to", out.toString(), "--data", d);
    Run none = run("audit", "export", "--data", d);

    String sink = "jsonl:" + out.toAbsolutePath().normalize();
    assertThat(first.out()).isEqualTo(sink + ": sent 2 records, now at record 2\n");
    assertThat(second.out()).isEqualTo(sink + ": sent 1 records, now at record 3\n");
    assertThat(lines(out.resolve("stratum-audit.ocsf.jsonl")))
        .hasSize(3)
        .allMatch(l -> l.contains("\"class_uid\":3001"));
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err())
        .startsWith(
            "stratum: no audit sink configured: set stratum_audit_jsonl_dir, stratum_audit_hec_url"
                + " or stratum_audit_kinesis_stream in ");
  }

  private static List<String> lines(Path f) {
    try {
      return Files.readAllLines(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void ask_in_an_unknown_workspace_is_one_line_and_exit_2() {
    Run r = run("ask", "--data", data.toString(), "--workspace", "nope", "anything?");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "stratum: workspace 'nope' does not exist; known workspaces: none (ingest a corpus first)\n");
  }

  @Test
  void a_bad_port_is_named_with_its_value() {
    Run r = run("serve", "--data", data.toString(), "--port", "99999");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("stratum: --port: expected a port number from 0 to 65535, got '99999'\n");
  }

  @Test
  void demo_without_serving_ingests_the_sample_corpus_and_answers_with_sources() {
    Run r = run("demo", "--no-serve", "--data", data.toString());

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("27 documents (27 new");
    assertThat(r.out()).contains("Q [security]: How often are customer master keys rotated?");
    assertThat(r.out()).contains("every 365 days [1]");
    assertThat(r.out()).contains("Sources:\n  [1] ADR-0003: Key management");
    assertThat(r.out()).contains("What to try next:\n  stratum ask --data " + data);
    Run again = run("demo", "--no-serve", "--data", data.toString());
    assertThat(again.out()).contains("27 documents (0 new, 0 changed, 27 unchanged");
  }

  @Test
  void a_demo_rerun_prints_the_kept_member_tokens_again_and_replaces_a_revoked_one() {
    Run first = run("demo", "--no-serve", "--data", data.toString());
    List<String> tokens = memberTokens(first.out());
    try (Database store = Database.sqliteIn(data)) {
      Accounts accounts = new Accounts(store.sql());
      accounts.revokeToken(accounts.live(tokens.get(1), Duration.ZERO).orElseThrow().id());
    }

    Run again = run("demo", "--no-serve", "--data", data.toString());

    assertThat(first.out())
        .contains("Member tokens, kept in " + data.resolve("demo-tokens"))
        .containsPattern("  compliance-member: stt_\\S+  \\(new, expires \\d{4}-\\d\\d-\\d\\d\\)");
    List<String> rerun = memberTokens(again.out());
    assertThat(rerun.get(0)).isEqualTo(tokens.get(0));
    assertThat(rerun.get(1)).isNotEqualTo(tokens.get(1));
    assertThat(rerun.get(2)).isEqualTo(tokens.get(2));
    assertThat(again.out())
        .contains(
            "Org-admin token: printed on the first run only; lost it? `stratum admin token create"
                + " --principal admin --data "
                + data
                + "` makes another")
        .contains("  compliance-member: " + tokens.get(0) + "  (kept, expires ")
        .contains("  operations-member: " + rerun.get(1) + "  (new, expires ");
  }

  /** The member tokens a demo run printed, in workspace order. */
  private static List<String> memberTokens(String out) {
    return out.lines()
        .filter(l -> l.matches("  [a-z]+-member: stt_.*"))
        .map(l -> l.replaceFirst("^  [a-z]+-member: (stt_\\S+) .*$", "$1"))
        .toList();
  }

  @Test
  void demo_on_a_taken_port_says_so_in_one_line_before_doing_any_work() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      Run r = run("demo", "--data", data.toString(), "--port", String.valueOf(port));

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "stratum: port "
                  + port
                  + " is already in use; pass --port N or set STRATUM_PORT to serve on another"
                  + " port\n");
      assertThat(r.out()).isEmpty();
      assertThat(data.resolve("sample-corpus")).doesNotExist();
    }
  }

  @Test
  void models_list_json_gives_scripts_every_family_with_its_surfaces_and_status() throws Exception {
    Run r = run("models", "list", "--json");

    assertThat(r.code()).isZero();
    JsonNode rows = new ObjectMapper().readTree(r.out());
    assertThat(rows.size()).isGreaterThanOrEqualTo(18);
    assertThat(rows)
        .anySatisfy(
            row -> {
              assertThat(row.get("family").asText()).isEqualTo("gpt-5.5");
              assertThat(row.get("surfaces").toString()).isEqualTo("[\"responses\"]");
              assertThat(row.get("status").asText()).isEqualTo("validated");
            });
  }

  @Test
  void models_check_runs_the_conformance_script_against_an_endpoint_as_json() throws Exception {
    try (BedrockSimulator sim = BedrockSimulator.builder().build().start()) {
      System.setProperty("aws.accessKeyId", sim.accessKeyId());
      System.setProperty("aws.secretAccessKey", sim.secretKey());
      Run r =
          run(
              "models",
              "check",
              "--model",
              "us.anthropic.claude-opus-4-7",
              "--endpoint",
              sim.endpoint().toString(),
              "--json");

      assertThat(r.code()).as(r.err()).isZero();
      JsonNode rows = new ObjectMapper().readTree(r.out());
      assertThat(rows)
          .extracting(x -> x.get("check").asText())
          .containsExactly("sync", "stream", "effort", "dropped-param", "ceiling");
      assertThat(rows)
          .allSatisfy(x -> assertThat(x.get("passed").asBoolean()).as(x.toString()).isTrue());
      assertThat(rows.get(3).get("detail").asText())
          .isEqualTo("temperature and topP dropped with a warning and listed in droppedParams");
      assertThat(rows.get(4).get("detail").asText())
          .startsWith("stopped at the 16-token ceiling: incomplete with ");
      assertThat(sim.requests().get(0).auth()).isEqualTo("sigv4:bedrock");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void ask_through_the_simulator_lists_the_passages_its_reply_cites(@TempDir Path conf)
      throws Exception {
    Files.createDirectories(docs.resolve("ops"));
    Files.writeString(
        docs.resolve("ops/failover.md"),
        "# Database failover\nPromote the standby database when the primary is down.\n");
    assertThat(run("ingest", "--data", data.toString(), docs.toString()).code()).isZero();
    try (BedrockSimulator sim = BedrockSimulator.builder().build().start()) {
      System.setProperty("aws.accessKeyId", sim.accessKeyId());
      System.setProperty("aws.secretAccessKey", sim.secretKey());
      Path tfvars =
          Files.writeString(
              conf.resolve("terraform.tfvars"),
              """
              bedrock_advanced_model_id = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
              bedrock_endpoint_url = "%s"
              """
                  .formatted(sim.endpoint()));

      Run r =
          run(
              "ask",
              "--data",
              data.toString(),
              "--config",
              tfvars.toString(),
              "--workspace",
              "ops",
              "How do we promote the standby database?");

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out())
          .contains("Simulated claude reply to \"How do we promote the standby database?\"")
          .contains("Sources:\n  [1] Database failover\n      ops/failover.md  §Database failover")
          .doesNotContain("none cited");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void eval_scores_the_sample_corpus_on_its_judged_questions_as_json() throws Exception {
    Path root = Path.of(System.getProperty("stratum.root", "..")).toAbsolutePath();
    Path evalDir = root.resolve("app/src/test/resources/sample-eval");

    Run r =
        run(
            "eval",
            "--source",
            "markdown:" + root.resolve("sample-corpus"),
            "--queries",
            evalDir.resolve("queries.tsv").toString(),
            "--qrels",
            evalDir.resolve("qrels.txt").toString(),
            "--json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.fieldNames()).toIterable().containsExactly("bm25", "vector", "hybrid");
    assertThat(j.get("hybrid").get("queries").asInt()).isEqualTo(6);
    assertThat(j.get("hybrid").get("mrr").asDouble()).isGreaterThanOrEqualTo(0.9);
    assertThat(j.get("hybrid").get("recall@10").asDouble()).isGreaterThanOrEqualTo(0.9);
    assertThat(j.get("hybrid").get("recall@100").asDouble()).isEqualTo(1.0);
  }

  @Test
  void a_fresh_data_directory_backs_up_beside_its_server_and_restores(@TempDir Path dir) {
    String d = dir.resolve("data").toString();
    Run backup;
    // a server that has not ingested anything yet holds an index with no commit
    try (Stratum server = LocalEngine.open(dir.resolve("data"))) {
      backup = run("backup", "--to", dir.resolve("backup").toString(), "--data", d);
    }
    Run restore =
        run(
            "restore",
            "--from",
            dir.resolve("backup").toString(),
            "--data",
            dir.resolve("restored").toString());
    Run verify = run("audit", "verify", "--data", dir.resolve("restored").toString());

    assertThat(backup.code()).as(backup.err()).isZero();
    assertThat(backup.out()).endsWith("the index is empty: nothing has been ingested yet\n");
    assertThat(restore.code()).as(restore.err()).isZero();
    assertThat(verify.out()).isEqualTo("verified 0 records, 0 signed checkpoints\n");
  }

  private Path secretFile(String text, String mode) throws IOException {
    Path f = Files.writeString(docs.resolve("secret"), text);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    return f;
  }

  @Test
  void demo_takes_its_admin_token_from_a_file_quietly_and_from_an_argument_with_a_warning()
      throws Exception {
    String fromFile = "stt_" + "f".repeat(24);
    String fromArgument = "stt_" + "a".repeat(24);
    Path file = secretFile(fromFile + "\n", "rw-------");

    Run quiet =
        run("demo", "--no-serve", "--data", data.toString(), "--admin-token-file", file.toString());
    Run warned =
        run("demo", "--no-serve", "--data", data.toString(), "--admin-token", fromArgument);

    assertThat(quiet.code()).as(quiet.err()).isZero();
    assertThat(quiet.err()).doesNotContain("warning");
    assertThat(quiet.out())
        .contains(
            "Org-admin token: the one you gave (--admin-token-file or STRATUM_DEMO_ADMIN_TOKEN)");
    assertThat(warned.code()).as(warned.err()).isZero();
    assertThat(warned.err())
        .startsWith(
            "stratum: warning: --admin-token on the command line is visible to every user of this"
                + " machine (ps, /proc/PID/cmdline); use --admin-token-file FILE or"
                + " STRATUM_DEMO_ADMIN_TOKEN instead\n");
    try (Stratum s = LocalEngine.open(data)) {
      assertThat(s.signIn().authenticate(fromFile, "").id()).isEqualTo("admin");
      assertThat(s.signIn().authenticate(fromArgument, "").id()).isEqualTo("admin");
    }
  }

  @Test
  void mcp_refuses_a_token_file_other_users_can_read_before_opening_anything() throws Exception {
    Path file = secretFile("stt_" + "x".repeat(40) + "\n", "rw-r--r--");

    Run r = run("mcp", "--data", data.resolve("d").toString(), "--token-file", file.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "stratum: --token-file "
                + file
                + ": mode 0644 (rw-r--r--) lets other users read it; make it yours alone: chmod 600 "
                + file
                + "\n");
    assertThat(data.resolve("d")).doesNotExist();
  }

  @Test
  void mcp_checks_the_token_from_its_file_and_warns_only_when_it_is_an_argument() throws Exception {
    String token = "stt_" + "x".repeat(40);
    Path file = secretFile(token + "\n", "r--------");

    Run fromFile = run("mcp", "--data", data.toString(), "--token-file", file.toString());
    Run fromArgument = run("mcp", "--data", data.toString(), "--token", token);

    assertThat(fromFile.code()).isEqualTo(2);
    assertThat(fromFile.err()).isEqualTo("stratum: token rejected: unknown token\n");
    assertThat(fromArgument.code()).isEqualTo(2);
    assertThat(fromArgument.err())
        .isEqualTo(
            "stratum: warning: --token on the command line is visible to every user of this"
                + " machine (ps, /proc/PID/cmdline); use --token-file FILE or STRATUM_TOKEN"
                + " instead\nstratum: token rejected: unknown token\n");
  }

  @Test
  void an_unreachable_opensearch_at_startup_is_one_line_naming_it() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path config =
        Files.writeString(
            docs.resolve("terraform.tfvars"),
            "stratum_index_url = \"http://127.0.0.1:%d\"\n".formatted(port));

    Run r =
        run(
            "search",
            "--data",
            data.toString(),
            "--config",
            config.toString(),
            "--workspace",
            "ops",
            "failover");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("stratum: cannot reach OpenSearch at http://127.0.0.1:" + port + ": ")
        .contains("Connection refused")
        .hasLineCount(1);
  }

  @Test
  void index_rebuild_of_the_embedded_index_says_how_to_rebuild_it() {
    Run r = run("index", "rebuild", "--data", data.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "stratum: index rebuild: the index is the embedded one in %s; stop the server, delete that directory and run `stratum ingest` to rebuild it (rebuild swaps an OpenSearch index, stratum_index_url)\n"
                .formatted(data.resolve("index")));
  }

  @Test
  void with_stratum_index_url_ingest_search_backup_and_rebuild_use_opensearch() throws Exception {
    URI url = TestOpenSearch.url();
    String prefix = TestOpenSearch.freshPrefix();
    Files.createDirectories(docs.resolve("ops"));
    Files.writeString(
        docs.resolve("ops/failover.md"), "# Failover\nPromote the standby database.\n");
    Path config =
        Files.writeString(
            data.resolveSibling(data.getFileName() + ".tfvars"),
            "stratum_index_url = \"%s\"\nstratum_index_prefix = \"%s\"\n".formatted(url, prefix));
    try {
      String d = data.toString();
      Run ingest = run("ingest", "--data", d, "--config", config.toString(), docs.toString());
      String[] searchStandby = {
        "search", "--data", d, "--config", config.toString(), "--workspace", "ops", "standby"
      };
      Run search = run(searchStandby);
      Run backup =
          run(
              "backup",
              "--data",
              d,
              "--config",
              config.toString(),
              "--to",
              docs.resolve("backup").toString());

      Run rebuild = run("index", "rebuild", "--data", d, "--config", config.toString());
      Run again = run(searchStandby);

      assertThat(ingest.code()).as(ingest.err()).isZero();
      assertThat(search.out()).contains("Failover");
      assertThat(rebuild.code()).as(rebuild.err()).isZero();
      assertThat(rebuild.out())
          .startsWith(
              "rebuilt the index as %s-chunks-2: 1 documents, 1 chunks, in ".formatted(prefix));
      assertThat(again.out()).contains("Failover");
      assertThat(Files.exists(data.resolve("index"))).isFalse();
      assertThat(backup.out())
          .contains(
              "the index is in OpenSearch at %s, index %s-chunks: back it up with OpenSearch"
                  .formatted(url, prefix));
    } finally {
      TestOpenSearch.deleteIndexes(url, prefix);
    }
  }
}
