package io.stratum.app.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.app.Programs;
import io.stratum.app.SampleCorpus;
import io.stratum.app.http.McpFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official TypeScript MCP SDK client ({@code @modelcontextprotocol/sdk}, run by Node) against
 * {@code /mcp}: the same tools, rights and progress as the Java client sees. Skipped, saying why,
 * when Node or the SDK's installed packages are absent ({@code .ci/run} installs them).
 */
class McpTypeScriptIT {
  static final Path SCRIPT_DIR = Path.of("src/test/mcp-ts").toAbsolutePath();

  @Test
  void the_typescript_sdk_client_lists_calls_and_is_denied_like_the_java_one(@TempDir Path dir)
      throws Exception {
    String node = Programs.onPath("node");
    Assumptions.assumeTrue(
        node != null, "node is not on the PATH: the TypeScript MCP SDK e2e test is skipped");
    Assumptions.assumeTrue(
        Files.isDirectory(SCRIPT_DIR.resolve("node_modules/@modelcontextprotocol/sdk")),
        "the TypeScript MCP SDK is not installed: run `npm ci --prefix app/src/test/mcp-ts` (.ci/run"
            + " does) to run this test");
    try (McpFixture f =
        McpFixture.start(dir.resolve("data"), SampleCorpus.extractTo(dir.resolve("corpus")))) {
      Process p =
          new ProcessBuilder(node, "e2e.mjs", "http://127.0.0.1:" + f.port(), f.danaToken())
              .directory(SCRIPT_DIR.toFile())
              .redirectError(dir.resolve("node.err").toFile())
              .redirectOutput(dir.resolve("node.out").toFile())
              .start();
      boolean exited = p.waitFor(120, TimeUnit.SECONDS); // a stuck child fails, not hangs CI
      p.destroyForcibly();
      String out = Files.readString(dir.resolve("node.out"));
      assertThat(exited).as(Files.readString(dir.resolve("node.err"))).isTrue();
      assertThat(p.exitValue()).as(Files.readString(dir.resolve("node.err"))).isZero();

      JsonNode r = McpFixture.JSON.readTree(out);
      assertThat(r.get("server").asText()).isEqualTo("stratum");
      assertThat(r.get("tools").toString())
          .isEqualTo("[\"search\",\"ask\",\"get_document\",\"list_workspaces\",\"list_sources\"]");
      assertThat(r.get("searchResults").asInt()).isPositive();
      assertThat(r.get("searchWorkspaces").toString()).isEqualTo("[\"security\"]");
      assertThat(r.get("deniedIsError").asBoolean()).isTrue();
      assertThat(r.get("deniedText").asText())
          .isEqualTo("'dana' may not read workspace 'compliance'");
      assertThat(r.get("answerRefused").asBoolean()).isFalse();
      assertThat(r.get("citations").asInt()).isPositive();
      assertThat(r.get("progress").asInt()).isPositive();
      assertThat(r.get("documentWorkspace").asText()).isEqualTo("security");
      assertThat(r.get("workspaces").toString()).isEqualTo("[\"security\"]");
    }
  }
}
