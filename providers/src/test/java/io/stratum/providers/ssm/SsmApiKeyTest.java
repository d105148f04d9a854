package io.stratum.providers.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.DispatchException;
import io.stratum.dispatch.DispatchSettings;
import io.stratum.dispatch.Dispatcher;
import io.stratum.dispatch.Planner;
import io.stratum.dispatch.StopReason;
import io.stratum.providers.bedrock.BedrockTransports;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.simulator.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The Bedrock API key from SSM ({@code mantle_api_key_ssm_param}) against the simulator's SSM
 * Parameter Store: read once with decryption, sent as a bearer token on every surface, read again
 * once when Bedrock refuses it (a rotation), never more.
 */
class SsmApiKeyTest {
  static final String PARAM = "/prd/stratum/mantle/api-key";
  BedrockSimulator sim;

  /** Ten seconds pass between any two looks at the clock: refusals never share a read. */
  static final class Ticking extends Clock {
    private Instant now = Instant.EPOCH;

    @Override
    public synchronized Instant instant() {
      now = now.plusSeconds(10);
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void start() {
    sim = BedrockSimulator.builder().apiKey("bedrock-api-key-v1").build().start();
    sim.putParameter(PARAM, "bedrock-api-key-v1");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  SsmApiKey key(String name) {
    return SsmApiKey.read(
        name,
        sim.region(),
        sim.endpoint(),
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(sim.accessKeyId(), sim.secretKey())),
        new Ticking());
  }

  Dispatcher dispatcher(SsmApiKey key) {
    return new Dispatcher(
        new Planner(ModelCatalog.standard()),
        BedrockTransports.create(
            new BedrockTransports.Connection(
                sim.region(), sim.endpoint(), sim.endpoint(), key, "bedrock-mantle")),
        DispatchSettings.defaults(Backend.CONVERSE).withRetries(0, Duration.ofMillis(1)));
  }

  List<RecordedRequest> ssmReads() {
    return sim.requests().stream()
        .filter(
            r ->
                r.headers()
                    .getOrDefault("x-amz-target", List.of())
                    .contains("AmazonSSM.GetParameter"))
        .toList();
  }

  List<RecordedRequest> modelCalls() {
    return sim.requests().stream().filter(r -> !r.path().equals("/")).toList();
  }

  static ChatRequest ask() {
    return ChatRequest.of(ChatMessage.user("hello"));
  }

  @Test
  void the_key_is_read_once_with_decryption_and_sent_as_a_bearer_token_on_every_surface() {
    Dispatcher d = dispatcher(key(PARAM));

    for (String model :
        List.of("openai.gpt-5.5", "deepseek.v3.1", "anthropic.claude-sonnet-4-5-20250929-v1:0")) {
      assertThat(d.client(model, null).chat(ask()).stopReason()).isEqualTo(StopReason.END_TURN);
    }

    assertThat(ssmReads()).hasSize(1);
    assertThat(ssmReads().get(0).auth()).isEqualTo("sigv4:ssm");
    assertThat(ssmReads().get(0).body()).contains("\"WithDecryption\":true");
    assertThat(modelCalls()).hasSize(3).allSatisfy(r -> assertThat(r.auth()).isEqualTo("bearer"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"openai.gpt-5.5", "deepseek.v3.1", "anthropic.claude-sonnet-4-5-20250929-v1:0"})
  void a_rotated_key_is_read_again_once_when_bedrock_refuses_the_old_one(String model) {
    Dispatcher d = dispatcher(key(PARAM));
    sim.putParameter(PARAM, "bedrock-api-key-v2");
    sim.rotateApiKey("bedrock-api-key-v2"); // the old key is revoked

    ChatResult r = d.client(model, null).chat(ask());
    ChatResult again = d.client(model, null).chat(ask());

    assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(again.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(ssmReads()).hasSize(2); // at startup, and once after the refusal
    // the refused request is not recorded (the simulator records authenticated requests only):
    // its retry with the new key and the next call are
    assertThat(modelCalls()).hasSize(2);
  }

  @Test
  void a_refusal_a_new_read_cannot_cure_is_read_again_once_and_then_reported() {
    Dispatcher d = dispatcher(key(PARAM));
    sim.rotateApiKey("bedrock-api-key-v3"); // revoked, but SSM still holds the old one

    assertThatThrownBy(() -> d.client("openai.gpt-5.5", null).chat(ask()))
        .isInstanceOf(DispatchException.AccessDenied.class);
    assertThat(ssmReads()).hasSize(2);
    assertThat(modelCalls()).isEmpty(); // refused, and not sent again with the same key
  }

  @Test
  void a_missing_parameter_is_one_line_naming_it() {
    assertThatThrownBy(() -> key("/prd/stratum/missing"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "cannot read the Bedrock API key from SSM parameter /prd/stratum/missing (mantle_api_key_ssm_param): ")
        .hasMessageNotContaining("bedrock-api-key-v1");
  }
}
