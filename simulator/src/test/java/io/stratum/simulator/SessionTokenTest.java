package io.stratum.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Temporary credentials (task roles, instance profiles, SSO sessions) carry a session token; AWS
 * refuses a SigV4 request from them that lacks the token or leaves it out of the signature.
 */
class SessionTokenTest {
  static final String TOKEN = "IQoJb3JpZ2luX2VjEStratumSimSessionToken==";
  static final String BODY = "{\"model\":\"openai.gpt-oss-120b\",\"input\":\"temporary hello\"}";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static BedrockSimulator sim;

  @BeforeAll
  static void start() {
    sim =
        BedrockSimulator.builder()
            .temporaryCredentials("ASIASTRATUMSIM", "stratum-sim-temporary-secret", TOKEN)
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  /** Signs with the AWS SDK's signer; {@code signToken} false adds the token after signing. */
  static HttpResponse<String> send(String path, AwsCredentialsIdentity identity, boolean signToken)
      throws Exception {
    URI uri = URI.create(sim.endpoint() + path);
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .uri(uri)
            .method(SdkHttpMethod.POST)
            .putHeader("Content-Type", "application/json")
            .putHeader("Host", uri.getHost() + ":" + uri.getPort())
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(identity)
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(BODY))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock-mantle")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, sim.region()));
    HttpRequest.Builder out =
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(BODY));
    signed
        .request()
        .headers()
        .forEach(
            (k, vs) -> {
              if (!List.of("host", "content-length").contains(k.toLowerCase(Locale.ROOT))) {
                vs.forEach(v -> out.header(k, v));
              }
            });
    if (!signToken) {
      out.header("X-Amz-Security-Token", TOKEN);
    }
    return HTTP.send(out.build(), HttpResponse.BodyHandlers.ofString());
  }

  static AwsCredentialsIdentity session() {
    return AwsSessionCredentialsIdentity.create(sim.accessKeyId(), sim.secretKey(), TOKEN);
  }

  static AwsCredentialsIdentity keysOnly() {
    return AwsCredentialsIdentity.create(sim.accessKeyId(), sim.secretKey());
  }

  @Test
  void a_request_signed_with_the_session_token_is_accepted() throws Exception {
    HttpResponse<String> r = send("/v1/responses", session(), true);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("temporary hello");
  }

  @Test
  void a_request_without_the_session_token_is_refused_as_an_invalid_security_token()
      throws Exception {
    HttpResponse<String> r = send("/openai/v1/responses", keysOnly(), true);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("x-amzn-ErrorType"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("UnrecognizedClientException:"));
    assertThat(r.body())
        .isEqualTo("{\"message\":\"The security token included in the request is invalid.\"}");
  }

  @Test
  void a_session_token_left_out_of_the_signature_is_refused() throws Exception {
    HttpResponse<String> r = send("/v1/chat/completions", keysOnly(), false);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("x-amzn-ErrorType"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("InvalidSignatureException:"));
    assertThat(r.body())
        .isEqualTo(
            "{\"message\":\"'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS"
                + " Authorization.\"}");
  }

  @Test
  void converse_through_the_aws_sdk_passes_with_session_credentials_and_fails_without() {
    Message hello =
        Message.builder()
            .role(ConversationRole.USER)
            .content(ContentBlock.fromText("converse hello"))
            .build();
    try (BedrockRuntimeClient withToken =
            client(AwsSessionCredentials.create(sim.accessKeyId(), sim.secretKey(), TOKEN));
        BedrockRuntimeClient without =
            client(AwsBasicCredentials.create(sim.accessKeyId(), sim.secretKey()))) {
      assertThat(
              withToken
                  .converse(r -> r.modelId("amazon.nova-lite-v1:0").messages(hello))
                  .output()
                  .message()
                  .content()
                  .get(0)
                  .text())
          .contains("converse hello");
      assertThatThrownBy(
              () -> without.converse(r -> r.modelId("amazon.nova-lite-v1:0").messages(hello)))
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("UnrecognizedClientException");
              });
    }
  }

  static BedrockRuntimeClient client(software.amazon.awssdk.auth.credentials.AwsCredentials c) {
    return BedrockRuntimeClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.of(sim.region()))
        .credentialsProvider(StaticCredentialsProvider.create(c))
        .overrideConfiguration(o -> o.retryStrategy(s -> s.maxAttempts(1)))
        .build();
  }
}
