package io.stratum.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stratum serve} with a sink in its tfvars exports the trail in the background while it
 * serves, and stops cleanly on SIGTERM.
 */
class ServeExportIT {
  static final Pattern SERVING = Pattern.compile("Stratum is serving on http://localhost:(\\d+)");

  @Test
  void serve_follows_the_configured_sink_while_it_takes_requests(@TempDir Path dir)
      throws Exception {
    Path tfvars = dir.resolve("terraform.tfvars");
    Files.writeString(tfvars, "stratum_audit_jsonl_dir = \"siem\"\n");
    Path out = dir.resolve("siem/stratum-audit.ocsf.jsonl");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.stratum.app.cli.Main",
                "serve",
                "--data",
                dir.resolve("data").toString(),
                "--config",
                tfvars.toString(),
                "--port",
                "0")
            .redirectError(dir.resolve("serve.err").toFile())
            .start();
    try {
      int port = port(p);
      HttpResponse<String> refused =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/workspaces"))
                      .header("Authorization", "Bearer stt_" + "q".repeat(40))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!(Files.exists(out) && Files.readString(out).contains("\"auth.failed\""))
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }

      assertThat(refused.statusCode()).isEqualTo(401);
      List<String> lines = Files.readAllLines(out);
      assertThat(lines)
          .extracting(l -> new ObjectMapper().readTree(l).at("/unmapped/action").asText())
          .containsExactly("principal.created", "token.issued", "auth.failed");
      assertThat(lines.get(0)).contains("\"actor\":{\"app_name\":\"Stratum\"}");
      assertThat(lines.get(2)).contains("\"class_uid\":3002").contains("\"ip\":\"127.0.0.1\"");
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(dir.resolve("serve.err")))
        .contains(
            "exporting the audit trail as OCSF to jsonl:" + dir.resolve("siem") + " from record 1");
  }

  private static int port(Process p) throws Exception {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = r.readLine()) != null; ) {
      Matcher m = SERVING.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IllegalStateException("serve printed no address");
  }
}
