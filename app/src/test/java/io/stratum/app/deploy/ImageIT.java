package io.stratum.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.app.NativeLibraries;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image as a container engine would run it, with no engine: the OCI tarball Jib wrote
 * (built with {@code -Dstratum.image.base=...}, see docs/operate/container-image.md) is unpacked
 * layer by layer, and its entrypoint runs under {@code deploy/image/run-unpacked.sh}: its own mount
 * and PID namespaces, a read-only root, fresh {@code /data} and {@code /tmp}, as the image's
 * non-root user.
 *
 * <p>Skipped, saying why, when the image was not built or this is not root; with {@code
 * STRATUM_REQUIRE_IMAGE=1} (as {@code .ci/run} sets) that is a failure instead.
 */
class ImageIT {
  static final Path ROOT = Path.of(System.getProperty("stratum.root", "..")).toAbsolutePath();
  static final Path RUN_UNPACKED = ROOT.resolve("deploy/image/run-unpacked.sh");
  static final Path WORK = Path.of("target/image-test").toAbsolutePath();
  static final ObjectMapper JSON = new ObjectMapper();

  static Path rootfs;
  static JsonNode config;
  static Path envFile;

  @BeforeAll
  static void unpackTheImage() throws Exception {
    String tar = System.getProperty("stratum.image.tar", "");
    require(
        !tar.isEmpty() && Files.isRegularFile(Path.of(tar)),
        "the image was not built: run with -Dstratum.image.base=tar:///PATH/base.tar after "
            + "deploy/image/build-base.sh PATH/base.tar (or -Pimage, with a registry)");
    require(
        "root".equals(System.getProperty("user.name")),
        "running the unpacked image needs root (mount namespaces, chroot)");
    Image image = Image.unpack(Path.of(tar), WORK);
    rootfs = image.rootfs();
    config = image.config().path("config");
    List<String> env = new ArrayList<>();
    config.path("Env").forEach(e -> env.add(e.asText()));
    envFile = WORK.resolve("image.env");
    Files.write(envFile, env);
  }

  @Test
  void the_image_runs_as_a_non_root_user_with_the_launchers_flags_and_a_data_volume() {
    assertThat(config.path("User").asText()).isEqualTo("10001:10001");
    assertThat(strings(config.path("Entrypoint")))
        .startsWith("/opt/java/openjdk/bin/java")
        .contains(
            "-XX:MaxRAMPercentage=75",
            "-Dai.djl.offline=true",
            "-Daws.disableEc2Metadata=true",
            "--enable-native-access=ALL-UNNAMED")
        .endsWith("-jar", "/opt/stratum/stratum.jar");
    assertThat(strings(config.path("Cmd"))).containsExactly("serve", "--host", "0.0.0.0");
    assertThat(strings(config.path("Env")))
        .contains("STRATUM_DATA=/data", "DJL_OFFLINE=true", "AWS_EC2_METADATA_DISABLED=true");
    assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.path("Volumes").has("/data")).isTrue();
    assertThat(config.path("Volumes").has("/tmp")).isTrue();
  }

  @Test
  void the_images_jar_carries_only_the_linux_x86_64_natives_and_no_debug_symbols()
      throws IOException {
    assertThat(NativeLibraries.in(rootfs.resolve("opt/stratum/stratum.jar")))
        .contains(
            "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
            "native/lib/linux-x86_64/cpu/libtokenizers.so",
            "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
            "lib/x86_64-linux-gnu-tree-sitter-java.so")
        .allMatch(
            n -> n.matches(".*(linux-x64|linux-x86_64|linux-x86-64|Linux/x86_64|x86_64-linux).*"),
            "a linux-x86-64 library");
  }

  @Test
  void version_runs_inside_the_image_on_a_read_only_root() throws Exception {
    Run run = inImage(Duration.ofMinutes(1), entrypoint("version"));

    assertThat(run.exit()).as(run.output()).isZero();
    String version = config.path("Labels").path("org.opencontainers.image.version").asText();
    assertThat(run.output()).contains("stratum " + version);
  }

  @Test
  void the_app_cannot_write_outside_data_and_tmp() throws Exception {
    Run run =
        inImage(
            Duration.ofSeconds(30),
            List.of(
                "/bin/sh",
                "-c",
                "touch /data/ok && touch /tmp/ok && echo writable; touch /opt/stratum/x"));

    assertThat(run.output()).contains("writable", "Read-only file system");
    assertThat(run.exit()).isNotZero();
  }

  @Test
  void the_demo_answers_with_citations_inside_the_image() throws Exception {
    Run run = inImage(Duration.ofMinutes(4), entrypoint("demo", "--no-serve"));

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("Sources:", "  [1] ", "(stratum-local-extractive via local")
        .doesNotContain("Exception");
  }

  @Test
  void
      the_server_becomes_ready_takes_its_admin_token_from_the_environment_and_passes_the_health_check()
          throws Exception {
    int port = freePort();
    Path log = WORK.resolve("serve.log");
    String token = "stt_image_test_" + Long.toHexString(System.nanoTime()) + "_0123456789";
    List<String> serve = new ArrayList<>(List.of("/usr/bin/env", "STRATUM_ADMIN_TOKEN=" + token));
    serve.addAll(entrypoint("serve", "--host", "127.0.0.1", "--port", "" + port));
    long started = System.nanoTime();
    Process server = start(serve, log);
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI readyz = URI.create("http://127.0.0.1:" + port + "/readyz");
      int status = 0;
      while (status != 200 && server.isAlive() && elapsed(started).toSeconds() < 120) {
        status = statusOf(http, readyz);
        Thread.sleep(status == 200 ? 0 : 200);
      }
      assertThat(status).as(Files.readString(log)).isEqualTo(200);
      System.out.printf("ImageIT: /readyz answered 200 after %d ms%n", elapsed(started).toMillis());
      HttpResponse<String> workspaces =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/workspaces"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(workspaces.statusCode()).as(workspaces.body()).isEqualTo(200);
      assertThat(Files.readString(log))
          .as("the container's output is its log")
          .doesNotContain(token)
          .doesNotContain("org-admin token");

      Run check =
          inImage(
              Duration.ofSeconds(30),
              List.of("/usr/bin/env", "STRATUM_PORT=" + port, "/opt/stratum/healthcheck"));
      assertThat(check.exit()).as(check.output()).isZero();
    } finally {
      // SIGTERM to the JVM itself, as `docker stop` and ECS do: unshare ignores it while it waits.
      long stopping = System.nanoTime();
      server.descendants().forEach(ProcessHandle::destroy);
      boolean stopped = server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
      server.descendants().forEach(ProcessHandle::destroyForcibly);
      server.destroyForcibly();
      assertThat(stopped).as("the server stops on SIGTERM").isTrue();
      System.out.printf("ImageIT: stopped %d ms after SIGTERM%n", elapsed(stopping).toMillis());
    }
    Run unhealthy =
        inImage(
            Duration.ofSeconds(30),
            List.of("/usr/bin/env", "STRATUM_PORT=" + port, "/opt/stratum/healthcheck"));
    assertThat(unhealthy.exit()).as("the health check with no server listening").isNotZero();
  }

  record Run(int exit, String output) {}

  static List<String> entrypoint(String... args) {
    List<String> command = new ArrayList<>(strings(config.path("Entrypoint")));
    command.addAll(List.of(args));
    return command;
  }

  static Run inImage(Duration timeout, List<String> command) throws Exception {
    Path log = Files.createTempFile(WORK, "run", ".log");
    Process p = start(command, log);
    if (!p.waitFor(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("no exit within " + timeout + ": " + command + "\n" + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log));
  }

  static Process start(List<String> command, Path log) throws IOException {
    List<String> full = new ArrayList<>();
    full.addAll(
        List.of(
            RUN_UNPACKED.toString(),
            rootfs.toString(),
            config.path("User").asText(),
            envFile.toString(),
            "--"));
    full.addAll(command);
    return new ProcessBuilder(full)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
  }

  static int statusOf(HttpClient http, URI uri) throws InterruptedException {
    try {
      return http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException notYet) {
      return 0;
    }
  }

  static Duration elapsed(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static void require(boolean ok, String why) {
    if (ok) {
      return;
    }
    if ("1".equals(System.getenv("STRATUM_REQUIRE_IMAGE"))) {
      fail("STRATUM_REQUIRE_IMAGE=1 but " + why);
    }
    Assumptions.abort(why);
  }

  /** An OCI image tarball unpacked: its config and its layers applied in order to one root. */
  record Image(JsonNode config, Path rootfs) {
    static Image unpack(Path tarball, Path work) throws Exception {
      Path layout = work.resolve("layout");
      Path rootfs = work.resolve("rootfs");
      for (Path p : List.of(layout, rootfs)) {
        if (Files.exists(p)) {
          sh("rm", "-rf", p.toString());
        }
        Files.createDirectories(p);
      }
      sh("tar", "-xf", tarball.toString(), "-C", layout.toString());
      JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
      JsonNode manifest = blob(layout, index.path("manifests").path(0).path("digest").asText());
      JsonNode config = blob(layout, manifest.path("config").path("digest").asText());
      for (JsonNode layer : manifest.path("layers")) {
        Path blob = blobPath(layout, layer.path("digest").asText());
        sh(
            "tar",
            "--numeric-owner",
            "--warning=no-unknown-keyword",
            "-xzf",
            blob.toString(),
            "-C",
            rootfs.toString());
        applyWhiteouts(rootfs);
      }
      return new Image(config, rootfs);
    }

    /** A layer's {@code .wh.NAME} deletes NAME from the layers below it (the OCI layer spec). */
    static void applyWhiteouts(Path rootfs) throws Exception {
      List<Path> whiteouts;
      try (Stream<Path> all = Files.walk(rootfs)) {
        whiteouts = all.filter(p -> p.getFileName().toString().startsWith(".wh.")).toList();
      }
      for (Path w : whiteouts) {
        String name = w.getFileName().toString().substring(".wh.".length());
        if (!name.equals(".wh..opq")) {
          sh("rm", "-rf", w.resolveSibling(name).toString());
        }
        Files.delete(w);
      }
    }

    static JsonNode blob(Path layout, String digest) throws IOException {
      return JSON.readTree(blobPath(layout, digest).toFile());
    }

    static Path blobPath(Path layout, String digest) {
      return layout.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    static void sh(String... command) throws Exception {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + out);
      }
    }
  }
}
