package io.stratum.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4 on the OpenAI-compatible surfaces, signed by the AWS SDK's own {@code AwsV4HttpSigner} with
 * the signing name {@code bedrock-mantle}, as a Responses client would do it.
 */
class MantleSigV4Test {
  static BedrockSimulator sim;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String BODY = "{\"model\":\"openai.gpt-oss-120b\",\"input\":\"signed hello\"}";

  @BeforeAll
  static void start() {
    sim = BedrockSimulator.builder().build().start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static HttpResponse<String> send(String path, String service, String secret, String sentBody)
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
                    r.identity(AwsCredentialsIdentity.create(sim.accessKeyId(), secret))
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(BODY))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, sim.region()));
    HttpRequest.Builder out =
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(sentBody));
    signed
        .request()
        .headers()
        .forEach(
            (k, vs) -> {
              if (!List.of("host", "content-length").contains(k.toLowerCase())) {
                vs.forEach(v -> out.header(k, v));
              }
            });
    return HTTP.send(out.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void a_request_signed_for_bedrock_mantle_is_accepted_on_the_mantle_routes() throws Exception {
    HttpResponse<String> r = send("/v1/responses", "bedrock-mantle", sim.secretKey(), BODY);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("Simulated gpt-oss reply to \\\"signed hello\\\"");
    assertThat(sim.requests().get(sim.requests().size() - 1).auth())
        .isEqualTo("sigv4:bedrock-mantle");
  }

  @Test
  void the_openai_v1_prefix_accepts_both_signing_names() throws Exception {
    assertThat(send("/openai/v1/responses", "bedrock", sim.secretKey(), BODY).statusCode())
        .isEqualTo(200);
    assertThat(send("/openai/v1/responses", "bedrock-mantle", sim.secretKey(), BODY).statusCode())
        .isEqualTo(200);
  }

  @Test
  void a_request_signed_for_the_wrong_service_is_refused_naming_the_right_one() throws Exception {
    HttpResponse<String> r = send("/v1/responses", "bedrock", sim.secretKey(), BODY);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("x-amzn-ErrorType"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("InvalidSignatureException:"));
    assertThat(r.body())
        .isEqualTo(
            "{\"message\":\"Credential should be scoped to correct service: 'bedrock-mantle'. \"}");
  }

  @Test
  void a_body_changed_after_signing_fails_verification() throws Exception {
    HttpResponse<String> r =
        send("/v1/responses", "bedrock-mantle", sim.secretKey(), BODY.replace("hello", "HELLO"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body())
        .isEqualTo(
            "{\"message\":\"The provided 'x-amz-content-sha256' header does not match what was"
                + " computed.\"}");
  }

  @Test
  void no_authorization_at_all_is_a_403_missing_token() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(sim.endpoint() + "/v1/responses"))
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
  }
}
