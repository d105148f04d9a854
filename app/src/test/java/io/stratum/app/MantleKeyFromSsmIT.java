package io.stratum.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.app.config.ConfigException;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.StopReason;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.simulator.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mantle_api_key_ssm_param} is read at startup: the tiers call Bedrock with the key the
 * parameter holds (SigV4 to SSM with the environment's keys), and nothing else is needed.
 */
class MantleKeyFromSsmIT {
  static final String PARAM = "/prd/stratum/mantle/api-key";

  static Engine.Tiers tiers(Path dir, BedrockSimulator sim, String param) throws Exception {
    Path tfvars =
        Files.writeString(
            dir.resolve("terraform.tfvars"),
            """
            bedrock_advanced_model_id = "openai.gpt-5.5"
            bedrock_default_backend = "responses"
            bedrock_endpoint_url = "%s"
            bedrock_mantle_endpoint_url = "%s"
            mantle_api_key_ssm_param = "%s"
            ssm_endpoint_url = "%s"
            """
                .formatted(sim.endpoint(), sim.endpoint(), param, sim.endpoint()));
    Map<String, String> env =
        Map.of("AWS_ACCESS_KEY_ID", sim.accessKeyId(), "AWS_SECRET_ACCESS_KEY", sim.secretKey());
    return Engine.tiers(Engine.loadConfig(Optional.of(tfvars), env), env);
  }

  @Test
  void the_tiers_call_bedrock_with_the_key_read_from_ssm_at_startup(@TempDir Path dir)
      throws Exception {
    try (BedrockSimulator sim = BedrockSimulator.builder().apiKey("key-from-ssm").build().start()) {
      sim.putParameter(PARAM, "key-from-ssm");

      Engine.Tiers t = tiers(dir, sim, PARAM);
      List<RecordedRequest> atStartup = List.copyOf(sim.requests());
      StopReason stop = t.advanced().chat(ChatRequest.of(ChatMessage.user("hi"))).stopReason();

      assertThat(atStartup).hasSize(1);
      assertThat(atStartup.get(0).body()).contains(PARAM);
      assertThat(stop).isEqualTo(StopReason.END_TURN);
      assertThat(sim.requests().get(1).auth()).isEqualTo("bearer");
    }
  }

  @Test
  void a_parameter_ssm_does_not_have_stops_startup_with_one_line_naming_it(@TempDir Path dir) {
    try (BedrockSimulator sim = BedrockSimulator.builder().build().start()) {
      assertThatThrownBy(() -> tiers(dir, sim, "/prd/stratum/missing"))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith(
              "cannot read the Bedrock API key from SSM parameter /prd/stratum/missing (mantle_api_key_ssm_param): ");
    }
  }
}
