package io.stratum.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * HTTP/2 cleartext on the simulator's one port, as clients that default to it speak it: the JDK's
 * HttpClient upgrades with {@code Upgrade: h2c}; the AWS SDK's Netty client (like the AWS SDK for
 * JavaScript) opens with the HTTP/2 preface, by prior knowledge.
 */
class H2cTest extends OneSimulator {

  @Test
  void the_jdk_client_upgrades_to_h2c_and_keeps_the_connection_for_the_next_request()
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpRequest list =
        HttpRequest.newBuilder(URI.create(sim.endpoint() + "/openai/v1/models"))
            .header("Authorization", "Bearer " + sim.apiKey())
            .GET()
            .build();
    HttpRequest ask =
        HttpRequest.newBuilder(URI.create(sim.endpoint() + "/openai/v1/responses"))
            .header("Authorization", "Bearer " + sim.apiKey())
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"openai.gpt-5.5\",\"input\":\"hello over h2\",\"stream\":true}"))
            .build();

    HttpResponse<String> first = http.send(list, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> second = http.send(ask, HttpResponse.BodyHandlers.ofString());

    assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("\"id\":\"openai.gpt-5.5\"");
    assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(second.body()).contains("event: response.completed");
  }

  @Test
  void the_aws_sdk_speaks_http2_by_prior_knowledge_to_converse_and_converse_stream()
      throws Exception {
    try (BedrockRuntimeAsyncClient h2 =
        BedrockRuntimeAsyncClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(sim.accessKeyId(), sim.secretKey())))
            .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
            .build()) {
      Message hello =
          Message.builder()
              .role(ConversationRole.USER)
              .content(ContentBlock.fromText("Hello over HTTP/2"))
              .build();
      List<String> events = new ArrayList<>();
      StringBuilder streamed = new StringBuilder();

      ConverseResponse sync =
          h2.converse(r -> r.modelId("amazon.nova-lite-v1:0").messages(hello))
              .get(20, TimeUnit.SECONDS);
      h2.converseStream(
              r -> r.modelId("amazon.nova-lite-v1:0").messages(hello),
              ConverseStreamResponseHandler.builder()
                  .subscriber(
                      ConverseStreamResponseHandler.Visitor.builder()
                          .onMessageStart(e -> events.add("messageStart"))
                          .onContentBlockDelta(
                              e -> {
                                events.add("contentBlockDelta");
                                streamed.append(e.delta().text());
                              })
                          .onMessageStop(e -> events.add("messageStop"))
                          .onMetadata(e -> events.add("metadata"))
                          .build())
                  .build())
          .get(20, TimeUnit.SECONDS);

      assertThat(sync.output().message().content().get(0).text())
          .startsWith("Simulated nova reply");
      assertThat(events).startsWith("messageStart").endsWith("messageStop", "metadata");
      assertThat(streamed.toString()).isEqualTo(sync.output().message().content().get(0).text());
    }
  }
}
