package io.stratum.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.app.SampleCorpus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI works on the data directory of a running {@code stratum serve}: what it writes the server
 * sees at once, and a second server is refused with a reason.
 */
class CliBesideServerIT {
  @TempDir Path dir;

  private Process start(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.stratum.app.cli.Main");
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).start();
  }

  private record Run(int code, String out, String err) {}

  private Run cli(String... args) throws Exception {
    Process p = start(args);
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void admin_token_create_and_audit_verify_work_while_serve_runs_and_the_server_accepts_the_token()
      throws Exception {
    Path data = dir.resolve("data");
    String d = data.toString();
    Process serve = start("serve", "--data", d, "--port", "0");
    try {
      int port = port(serve);

      Run principal = cli("admin", "principal", "create", "carol", "--data", d);
      Run grant = cli("admin", "workspace", "create", "ops", "--name", "Operations", "--data", d);
      Run token = cli("admin", "token", "create", "--principal", "carol", "--data", d);
      Run verify = cli("audit", "verify", "--data", d);
      Run secondServer = cli("serve", "--data", d, "--port", "0");

      assertThat(principal.code()).as(principal.err()).isZero();
      assertThat(grant.code()).as(grant.err()).isZero();
      assertThat(token.code()).as(token.err()).isZero();
      String issued =
          token.out().lines().filter(l -> l.startsWith("stt_")).findFirst().orElseThrow();
      HttpResponse<String> workspaces =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/workspaces"))
                      .header("Authorization", "Bearer " + issued)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(workspaces.statusCode()).isEqualTo(200);
      assertThat(verify.code()).as(verify.err()).isZero();
      assertThat(verify.out()).matches("verified \\d+ records, \\d+ signed checkpoints\\n");
      assertThat(secondServer.code()).isEqualTo(2);
      assertThat(secondServer.err())
          .contains(
              "another Stratum server is using the data directory "
                  + data
                  + "; stop it first (the CLI works beside it, a second server does not)");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
          .isEqualTo("rwx------");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(data.resolve("stratum.db"))))
          .isEqualTo("rw-------");
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void a_backup_taken_while_serving_restores_to_a_data_directory_that_searches_and_verifies()
      throws Exception {
    Path data = dir.resolve("data");
    Path corpus = SampleCorpus.extractTo(dir.resolve("corpus"));
    Run ingest = cli("ingest", corpus.toString(), "--data", data.toString());
    assertThat(ingest.code()).as(ingest.err()).isZero();
    Process serve = start("serve", "--data", data.toString(), "--port", "0");
    Run backup;
    try {
      port(serve);
      backup = cli("backup", "--to", dir.resolve("backup").toString(), "--data", data.toString());
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    Path restored = dir.resolve("restored");
    Run restore =
        cli("restore", "--from", dir.resolve("backup").toString(), "--data", restored.toString());
    Run again =
        cli("restore", "--from", dir.resolve("backup").toString(), "--data", restored.toString());
    Run verify = cli("audit", "verify", "--data", restored.toString());
    Run search =
        cli(
            "search",
            "--workspace",
            "security",
            "customer master key rotation",
            "--data",
            restored.toString());
    Run reingest = cli("ingest", corpus.toString(), "--data", restored.toString());

    assertThat(backup.code()).as(backup.err()).isZero();
    assertThat(backup.out())
        .matches(
            "(?s)backed up "
                + Pattern.quote(data.toString())
                + " to .* in \\d+ ms \\(27 documents, \\d+ chunks\\)\n");
    assertThat(restore.code()).as(restore.err()).isZero();
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err())
        .isEqualTo(
            "stratum: --data: "
                + restored
                + " already exists; restore into a new directory (move the old one aside first)\n");
    assertThat(verify.code()).as(verify.err()).isZero();
    assertThat(search.code()).as(search.err()).isZero();
    assertThat(search.out()).contains("adr-0003-key-management");
    assertThat(reingest.out())
        .contains("(0 new, 0 changed, 27 unchanged, 0 removed, 0 failed), 0 chunks embedded");
  }

  @Test
  void ingest_beside_a_running_server_is_run_by_the_server_and_followed_to_its_report()
      throws Exception {
    Path data = dir.resolve("data");
    String d = data.toString();
    Path corpus = SampleCorpus.extractTo(dir.resolve("corpus"));
    Process serve = start("serve", "--data", d, "--port", "0");
    try {
      int port = port(serve);

      Run ingest = cli("ingest", corpus.toString(), "--data", d);
      Run jobs = cli("jobs", "--data", d);
      Run queued = cli("ingest", corpus.toString(), "--no-wait", "--data", d);

      assertThat(ingest.code()).as(ingest.err()).isZero();
      assertThat(ingest.out())
          .startsWith(
              "markdown:%s: 27 documents (27 new, 0 changed, 0 unchanged, 0 removed, 0 failed)"
                  .formatted(corpus))
          .hasLineCount(1);
      assertThat(ingest.err()).containsPattern("ingest: job [0-9a-f-]{36} of markdown:.* is ");
      assertThat(jobs.out().lines().skip(1))
          .singleElement()
          .asString()
          .contains("success", "markdown:" + corpus, "cli", "1/3", "serve@", "27/27 seen");
      Matcher id = Pattern.compile("^([0-9a-f-]{36})  queued  markdown:").matcher(queued.out());
      assertThat(id.find()).as(queued.out()).isTrue();
      String shown = "";
      for (int i = 0; i < 120 && !shown.contains("state:         success"); i++) {
        Thread.sleep(250);
        shown = cli("jobs", "show", id.group(1), "--data", d).out();
      }
      assertThat(shown)
          .contains("state:         success", "trigger:       cli by local-operator")
          .contains("documents:     27/27 seen, 0 new, 0 changed, 0 removed, 0 failed");
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.body()).contains("\"documents\":27");
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void an_ingest_killed_mid_run_is_put_back_by_the_next_one_which_finishes_it() throws Exception {
    Path data = dir.resolve("data");
    String d = data.toString();
    Path corpus = dir.resolve("many");
    for (int i = 0; i < 400; i++) {
      Path f = corpus.resolve("ops/note-" + i + ".md");
      Files.createDirectories(f.getParent());
      Files.writeString(
          f,
          "# Note %d\n\nStep %d of the failover drill: promote replica %d, then check lag on %d.\n"
              .formatted(i, i, i, i * 7));
    }
    Process killed = start("ingest", corpus.toString(), "--data", d);
    BufferedReader err =
        new BufferedReader(new InputStreamReader(killed.getErrorStream(), StandardCharsets.UTF_8));
    for (String line = err.readLine(); line != null; line = err.readLine()) {
      if (line.startsWith("ingest: ") && !line.startsWith("ingest: 400/400")) {
        break;
      }
    }
    killed.destroyForcibly(); // SIGKILL: no shutdown hook hands the job back
    assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

    Run held = cli("jobs", "--data", d);
    Run again = cli("ingest", corpus.toString(), "--data", d);
    Run after = cli("jobs", "--data", d);

    assertThat(held.out().lines().skip(1))
        .singleElement()
        .asString()
        .contains("in_progress", "1/3", "serve@");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains(": 400 documents (", " 0 removed, 0 failed)");
    assertThat(after.out().lines().skip(1))
        .as("the same job, taken again")
        .singleElement()
        .asString()
        .contains("success", "2/3", "400/400 seen");
  }

  private static int port(Process p) throws Exception {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = r.readLine()) != null; ) {
      Matcher m = ServeExportIT.SERVING.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IllegalStateException("serve printed no address");
  }
}
