package io.stratum.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.stratum.access.IssuedToken;
import io.stratum.app.Engine;
import io.stratum.app.Programs;
import io.stratum.app.SampleCorpus;
import io.stratum.app.Stratum;
import io.stratum.app.SyncService;
import io.stratum.app.http.HttpApi;
import io.stratum.corpus.MarkdownConnector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI in a real browser: Stratum on the sample corpus with the embedded local model (priced,
 * so budgets bite) and single sign-on at a real OpenID provider, served on a free loopback port,
 * and the specs under {@code src/test/browser} ({@code *.spec.mjs}, run by {@code node --test})
 * driving Debian's chromium through {@code playwright-core}. Their output goes to this test's log;
 * any failing spec fails this test.
 *
 * <p>Skipped, saying how to install them, when Node, the npm packages or chromium are missing; with
 * {@code STRATUM_REQUIRE_BROWSER=1} (as {@code .ci/run} sets) that is a failure instead. With
 * {@code -Dstratum.screenshots=true} the specs write the README's screenshots to {@code
 * docs/images}.
 */
class BrowserIT {
  static final Path SPECS = Path.of("src/test/browser").toAbsolutePath();
  static final long TIMEOUT_MINUTES = 10;
  static final String OIDC_SECRET = "browser-test-secret-" + Long.toHexString(System.nanoTime());

  @Test
  void the_browser_specs_pass_against_the_demo_corpus(@TempDir Path dir) throws Exception {
    String node = Programs.onPath("node");
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    require(node != null, "node is not on the PATH (install Node.js 20 or later)");
    require(
        Files.isDirectory(SPECS.resolve("node_modules/playwright-core"))
            && Files.isDirectory(SPECS.resolve("node_modules/axe-core")),
        "playwright-core and axe-core are not installed: run `npm ci --prefix app/src/test/browser`");
    require(
        Files.isExecutable(chromium),
        chromium + " is missing: run `apt-get install -y chromium` (or set CHROMIUM to a browser)");

    Path corpus = SampleCorpus.extractTo(dir.resolve("sample-corpus"));
    int port = freePort();
    int oidcPort = freePort();
    try (Stratum stratum = open(dir, port, oidcPort)) {
      stratum.documents().ingest(MarkdownConnector.byDirectory(corpus), p -> {});
      String admin = stratum.firstRun().orgAdmin(null).orElseThrow().token();
      Map<String, String> members =
          stratum.firstRun().demoMembers(List.of("operations", "security"), Map.of()).stream()
              .collect(Collectors.toMap(IssuedToken::principalId, IssuedToken::token));

      HttpApi api = HttpApi.start(stratum, "127.0.0.1", port);
      SyncService sync =
          SyncService.start(
              stratum, new SyncService.Timings(Duration.ofMillis(200), Duration.ofSeconds(30)));
      try {
        // one spec file at a time: the admin spec caps `security` for a moment
        List<String> command =
            new ArrayList<>(
                List.of(node, "--test", "--test-concurrency=1", "--test-reporter=spec"));
        command.addAll(specs());
        ProcessBuilder pb = new ProcessBuilder(command).directory(SPECS.toFile());
        pb.redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("STRATUM_URL", "http://127.0.0.1:" + api.port());
        env.put("STRATUM_ADMIN_TOKEN", admin);
        env.put("STRATUM_SECURITY_TOKEN", members.get("security-member"));
        env.put("STRATUM_OPERATIONS_TOKEN", members.get("operations-member"));
        env.put("CHROMIUM", chromium.toString());
        env.put("STRATUM_OIDC_PORT", String.valueOf(oidcPort));
        env.put("STRATUM_OIDC_CLIENT_SECRET", OIDC_SECRET);
        if (Boolean.getBoolean("stratum.screenshots")) {
          Path images =
              Path.of(System.getProperty("stratum.root", "..")).resolve("docs/images").normalize();
          Files.createDirectories(images);
          env.put("STRATUM_SCREENSHOTS", images.toString());
        }
        int exit = run(pb);
        assertThat(exit).as("node --test exit status (the spec output is above)").isZero();
      } finally {
        sync.close();
        api.close();
      }
    }
  }

  /**
   * Stratum as a deployment file configures it: the embedded defaults, the local model priced (so
   * budgets and the spend chart have something to count), and single sign-on at the OpenID provider
   * {@code oidc.spec.mjs} starts on {@code oidcPort}, whose group {@code sec-team} makes a member
   * of {@code security}; the sample corpus is its configured source, synced by a worker.
   */
  private static Stratum open(Path dir, int port, int oidcPort) throws IOException {
    String issuer = "http://127.0.0.1:" + oidcPort;
    Path tfvars =
        Files.writeString(
            dir.resolve("terraform.tfvars"),
            """
            bedrock_advanced_input_price = 3
            bedrock_advanced_output_price = 15
            bedrock_basic_input_price = 3
            bedrock_basic_output_price = 15
            oidc_issuer = "%s"
            oidc_jwks_url = "%s/jwks"
            oidc_audience = "stratum-api"
            oidc_client_id = "stratum-web"
            oidc_redirect_uri = "http://127.0.0.1:%d/auth/oidc/callback"
            oidc_role_map = { "sec-team" = "security:member" }
            stratum_sources = [{ kind = "markdown", path = "sample-corpus" }]
            """
                .formatted(issuer, issuer, port));
    Map<String, String> env = Map.of("STRATUM_OIDC_CLIENT_SECRET", OIDC_SECRET);
    return Engine.open(dir.resolve("data"), Engine.loadConfig(Optional.of(tfvars), env), env);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void require(boolean present, String howToInstall) {
    if (present) {
      return;
    }
    if ("1".equals(System.getenv("STRATUM_REQUIRE_BROWSER"))) {
      fail("STRATUM_REQUIRE_BROWSER=1 but " + howToInstall);
    }
    Assumptions.assumeTrue(false, "browser tests skipped: " + howToInstall);
  }

  /** The spec files, in name order. */
  private static List<String> specs() throws IOException {
    try (Stream<Path> files = Files.list(SPECS)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".spec.mjs"))
          .sorted()
          .toList();
    }
  }

  /** Runs node, copying each line it prints to this test's log as it comes; its exit status. */
  private static int run(ProcessBuilder pb) throws IOException, InterruptedException {
    Process p = pb.start();
    Thread pump =
        Thread.ofPlatform()
            .name("browser-specs-output")
            .daemon()
            .start(
                () -> {
                  try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                      System.out.println("[browser] " + line);
                    }
                  } catch (IOException e) {
                    System.out.println("[browser] output ended: " + e.getMessage());
                  }
                });
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      pump.join(5_000);
      fail("the browser specs did not finish in " + TIMEOUT_MINUTES + " minutes");
    }
    pump.join(10_000);
    return p.exitValue();
  }
}
