package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.access.Principal;
import io.stratum.app.Programs;
import io.stratum.budget.Budget;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI npm client ({@code openai}, unmodified, run by Node) against Stratum's
 * gateway with the Bedrock simulator behind it: sync and streamed chat, Responses with reasoning
 * effort, a tool call round trip, the model list, a dropped parameter in the header, a budget's 429
 * and an unknown model's 404. Skipped, saying why, when Node or the client is not installed; with
 * {@code STRATUM_REQUIRE_OPENAI_NODE=1} (as {@code .ci/run} sets) that is a failure instead.
 */
class OpenAiNodeClientIT {
  static final Path SCRIPT_DIR = Path.of("src/test/openai-ts").toAbsolutePath();

  @Test
  void the_official_openai_npm_client_passes_against_the_gateway(@TempDir Path dir)
      throws Exception {
    String node = Programs.onPath("node");
    if (node == null) {
      skip("node is not on the PATH: the openai npm client e2e test is skipped");
    }
    if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules/openai"))) {
      skip(
          "the openai npm client is not installed: run `npm ci --prefix app/src/test/openai-ts`"
              + " (.ci/run does) to run this test");
    }
    try (GatewayFixture gw = new GatewayFixture(dir)) {
      gw.stratum
          .administration()
          .setBudget(
              Principal.LOCAL_OPERATOR, "budgeted", new Budget(new BigDecimal("0.01"), true));
      Process p =
          new ProcessBuilder(node, "e2e.mjs", gw.baseUrl(), gw.bound, gw.unbound)
              .directory(SCRIPT_DIR.toFile())
              .redirectError(dir.resolve("node.err").toFile())
              .redirectOutput(dir.resolve("node.out").toFile())
              .start();
      boolean exited = p.waitFor(120, TimeUnit.SECONDS); // a stuck child fails, not hangs CI
      p.destroyForcibly();
      String err = Files.readString(dir.resolve("node.err"));
      assertThat(exited).as(err).isTrue();
      assertThat(p.exitValue()).as(err).isZero();

      JsonNode r = SseClient.JSON.readTree(Files.readString(dir.resolve("node.out")));
      assertThat(r.get("chatModel").asText()).isEqualTo("openai.gpt-5.5");
      assertThat(r.get("chatText").asText())
          .startsWith("Simulated gpt-5 reply to \"Which modules fail?\"");
      assertThat(r.get("chatReasoningTokens").asInt()).isZero();
      assertThat(r.get("streamedEqualsSync").asBoolean()).isTrue();
      assertThat(r.get("streamFinish").asText()).isEqualTo("stop");
      assertThat(r.get("streamUsageTotal").asInt()).isPositive();
      assertThat(r.get("responsesStatus").asText()).isEqualTo("completed");
      assertThat(r.get("responsesText").asText())
          .startsWith("Simulated gpt-5 reply to \"Design the ledger\"");
      assertThat(r.get("responsesReasoningTokens").asInt()).isPositive();
      assertThat(r.get("responsesStreamEqualsSync").asBoolean()).isTrue();
      assertThat(r.get("toolName").asText()).isEqualTo("lookup_rotation");
      assertThat(r.get("toolFinish").asText()).isEqualTo("tool_calls");
      assertThat(r.get("toolAnswer").asText()).contains("tool result rotated 2026-11-01");
      assertThat(r.get("toolAnswerFinish").asText()).isEqualTo("stop");
      assertThat(r.get("models").toString())
          .isEqualTo(
              "[\"stratum-advanced\",\"stratum-basic\",\"openai.gpt-5.5\",\"qwen.qwen3-32b\",\""
                  + GatewayFixture.CLAUDE
                  + "\"]");
      assertThat(r.get("droppedHeader").asText()).isEqualTo("temperature");
      JsonNode budget = r.get("budget");
      assertThat(budget.get("status").asInt()).isEqualTo(429);
      assertThat(budget.get("kind").asText()).isEqualTo("RateLimitError");
      assertThat(budget.get("code").asText()).isEqualTo("budget_exceeded");
      assertThat(budget.get("retryAfter").asText()).matches("[1-9][0-9]*");
      assertThat(budget.get("message").asText())
          .contains("workspace 'budgeted' has spent $0 of its $0.01 monthly cap");
      JsonNode unknown = r.get("unknownModel");
      assertThat(unknown.get("status").asInt()).isEqualTo(404);
      assertThat(unknown.get("kind").asText()).isEqualTo("NotFoundError");
      assertThat(unknown.get("code").asText()).isEqualTo("model_not_found");
      assertThat(unknown.get("param").asText()).isEqualTo("model");
      assertThat(unknown.get("message").asText())
          .contains("model: 'gpt-4o' is not served here")
          .contains("bedrock_cleared_model_ids");
    }
  }

  private static void skip(String why) {
    if ("1".equals(System.getenv("STRATUM_REQUIRE_OPENAI_NODE"))) {
      fail("STRATUM_REQUIRE_OPENAI_NODE=1 but " + why);
    }
    Assumptions.abort(why);
  }
}
