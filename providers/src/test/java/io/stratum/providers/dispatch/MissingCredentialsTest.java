package io.stratum.providers.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.DispatchException;
import io.stratum.dispatch.DispatchSettings;
import io.stratum.dispatch.Dispatcher;
import io.stratum.dispatch.Planner;
import io.stratum.providers.openai.OpenAiAuth;
import io.stratum.providers.openai.OpenAiTransport;
import io.stratum.simulator.BedrockSimulator;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Missing AWS credentials are one line naming what to set, and are not retried. */
class MissingCredentialsTest {
  @Test
  void missing_credentials_are_one_line_naming_the_variables_and_are_not_retried() {
    List<Duration> slept = new CopyOnWriteArrayList<>();
    try (BedrockSimulator sim = BedrockSimulator.builder().build().start()) {
      OpenAiAuth none =
          new OpenAiAuth.SigV4(
              () -> {
                throw SdkClientException.create(
                    "Unable to load credentials from any of the providers in the chain"
                        + " AwsCredentialsProviderChain(credentialsProviders=[SystemProperty..."
                        + " Environment... WebIdentity... Profile... ContainerCredentials..."
                        + " InstanceProfile...]) : [SystemPropertyCredentialsProvider(): Unable"
                        + " to load credentials from system settings. Access key must be"
                        + " specified either via environment variable (AWS_ACCESS_KEY_ID) or"
                        + " system property (aws.accessKeyId).]");
              },
              sim.region(),
              "bedrock-mantle");
      Dispatcher d =
          new Dispatcher(
              new Planner(ModelCatalog.standard()),
              List.of(
                  new OpenAiTransport(
                      Backend.RESPONSES, sim.endpoint(), none, HttpClient.newHttpClient())),
              DispatchSettings.defaults(Backend.RESPONSES).withRetries(3, Duration.ofMillis(5)),
              slept::add);

      assertThatThrownBy(
              () -> d.client("openai.gpt-5.5", null).chat(ChatRequest.of(ChatMessage.user("hi"))))
          .isInstanceOf(DispatchException.AccessDenied.class)
          .hasMessage(
              "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or"
                  + " AWS_PROFILE), or AWS_BEARER_TOKEN_BEDROCK for a Bedrock API key");
      assertThat(slept).isEmpty();
      assertThat(sim.requests()).isEmpty();
    }
  }
}
