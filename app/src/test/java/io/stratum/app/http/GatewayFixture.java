package io.stratum.app.http;

import io.stratum.access.IssuedToken;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.app.Engine;
import io.stratum.app.Stratum;
import io.stratum.app.TestEngines;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Stratum served over HTTP with the Bedrock simulator behind it, for the OpenAI-compatible gateway
 * tests: GPT-5.5 on Responses as the advanced tier, Qwen3 on Chat Completions as the basic one,
 * Claude Sonnet 4.6 on Converse cleared besides them; workspaces {@code security} and {@code
 * budgeted}; a member of security with a token bound to it and an unbound one.
 */
final class GatewayFixture implements AutoCloseable {
  static final String CLAUDE = "us.anthropic.claude-sonnet-4-6";

  final BedrockSimulator sim;
  final Stratum stratum;
  final HttpApi api;
  final String admin;
  final String bound;
  final String unbound;

  GatewayFixture(Path dir) throws Exception {
    this(dir, BedrockSimulator.builder().build().start(), "10");
  }

  /**
   * @param keepAliveSeconds how long the upstream may be silent before a keepalive comment
   */
  GatewayFixture(Path dir, BedrockSimulator sim, String keepAliveSeconds) throws Exception {
    this.sim = sim;
    Path tfvars =
        Files.writeString(
            dir.resolve("terraform.tfvars"),
            """
            bedrock_advanced_model_id = "openai.gpt-5.5"
            bedrock_basic_model_id = "qwen.qwen3-32b"
            bedrock_cleared_model_ids = ["openai.gpt-5.5", "qwen.qwen3-32b", "%s"]
            bedrock_endpoint_url = "%s"
            bedrock_mantle_endpoint_url = "%s"
            bedrock_stream_keepalive_seconds = %s
            stratum_rate_limit_per_principal_per_minute = 0
            """
                    .formatted(CLAUDE, sim.endpoint(), sim.endpoint(), keepAliveSeconds)
                + TestEngines.tfvars(TestDatabases.Engine.SQLITE));
    Map<String, String> env = new HashMap<>(TestEngines.env(TestDatabases.Engine.SQLITE));
    env.put("AWS_BEARER_TOKEN_BEDROCK", sim.apiKey());
    stratum = Engine.open(dir.resolve("data"), Engine.loadConfig(Optional.of(tfvars), env), env);
    admin = stratum.firstRun().orgAdmin(null).orElseThrow().token();
    var a = stratum.administration();
    a.createWorkspace(Principal.LOCAL_OPERATOR, "security", "Security", false);
    a.createWorkspace(Principal.LOCAL_OPERATOR, "budgeted", "Budgeted", false);
    a.createPrincipal(Principal.LOCAL_OPERATOR, "dev", "Dev", false);
    a.grant(Principal.LOCAL_OPERATOR, "dev", "security", Role.MEMBER);
    a.grant(Principal.LOCAL_OPERATOR, "dev", "budgeted", Role.MEMBER);
    IssuedToken b =
        a.issueToken(Principal.LOCAL_OPERATOR, "dev", "ide", Duration.ofDays(1), "security");
    bound = b.token();
    unbound = a.issueToken(Principal.LOCAL_OPERATOR, "dev", "cli", Duration.ofDays(1)).token();
    api = HttpApi.start(stratum, "127.0.0.1", 0);
  }

  /** The gateway's base URL, as an OpenAI client takes it. */
  String baseUrl() {
    return "http://127.0.0.1:" + api.port() + "/v1";
  }

  @Override
  public void close() {
    api.close();
    stratum.close();
    sim.close();
  }
}
