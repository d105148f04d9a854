package io.stratum.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.token.credentials.StaticTokenProvider;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** The unmodified AWS SDK for Java v2, with its real SigV4 signer, against the simulator. */
class AwsSdkConverseTest {
  static BedrockSimulator sim;
  static BedrockRuntimeClient sync;
  static BedrockRuntimeAsyncClient async;

  @BeforeAll
  static void start() {
    sim = BedrockSimulator.builder().build().start();
    sync = syncClient(sim.secretKey());
    async =
        BedrockRuntimeAsyncClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials(sim.secretKey()))
            .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
            .build();
  }

  @AfterAll
  static void stop() {
    sync.close();
    async.close();
    sim.close();
  }

  static StaticCredentialsProvider credentials(String secret) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(sim.accessKeyId(), secret));
  }

  static BedrockRuntimeClient syncClient(String secret) {
    return BedrockRuntimeClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(secret))
        .build();
  }

  static ConverseRequest.Builder ask(String model, String text) {
    return ConverseRequest.builder()
        .modelId(model)
        .messages(
            Message.builder()
                .role(ConversationRole.USER)
                .content(ContentBlock.fromText(text))
                .build());
  }

  @Test
  void a_signed_converse_call_parses_into_the_sdk_model_with_consistent_usage() {
    ConverseResponse r =
        sync.converse(
            ask("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "How are keys rotated?").build());

    String text = r.output().message().content().get(0).text();
    assertThat(text)
        .startsWith(
            "Simulated claude reply to \"How are keys rotated?\" [sha256:"
                + Replies.digest("How are keys rotated?")
                + "].");
    assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(r.usage().inputTokens()).isEqualTo(4);
    assertThat(r.usage().outputTokens()).isEqualTo(Replies.tokens(text));
    assertThat(r.usage().totalTokens())
        .isEqualTo(r.usage().inputTokens() + r.usage().outputTokens());
    assertThat(sim.requests().get(sim.requests().size() - 1).auth()).isEqualTo("sigv4:bedrock");
  }

  @Test
  void claude_thinking_returns_a_reasoning_block_with_a_signature_inside_the_output_budget() {
    ConverseResponse r =
        sync.converse(
            ask("anthropic.claude-sonnet-4-5-20250929-v1:0", "Plan the migration")
                .inferenceConfig(c -> c.maxTokens(4000))
                .additionalModelRequestFields(thinking(2048))
                .build());

    ContentBlock reasoning = r.output().message().content().get(0);
    assertThat(reasoning.reasoningContent().reasoningText().text())
        .startsWith("The user asks about Plan the migration");
    assertThat(reasoning.reasoningContent().reasoningText().signature()).isNotBlank();
    assertThat(r.output().message().content().get(1).text()).contains("Plan the migration");
  }

  static Document thinking(int budget) {
    return Document.mapBuilder()
        .putDocument(
            "thinking",
            Document.mapBuilder()
                .putString("type", "enabled")
                .putNumber("budget_tokens", budget)
                .build())
        .build();
  }

  @Test
  void a_thinking_budget_not_below_max_tokens_is_a_typed_validation_exception_with_the_real_text() {
    assertThatThrownBy(
            () ->
                sync.converse(
                    ask("anthropic.claude-sonnet-4-5-20250929-v1:0", "hi")
                        .inferenceConfig(c -> c.maxTokens(2048))
                        .additionalModelRequestFields(thinking(2048))
                        .build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "The model returned the following errors: `max_tokens` must be greater than `thinking.budget_tokens`.")
        .satisfies(e -> assertThat(((ValidationException) e).statusCode()).isEqualTo(400));
  }

  @Test
  void temperature_with_thinking_and_adaptive_only_rules_are_400s() {
    assertThatThrownBy(
            () ->
                sync.converse(
                    ask("anthropic.claude-haiku-4-5-20251001-v1:0", "hi")
                        .inferenceConfig(c -> c.maxTokens(4000).temperature(0.2f))
                        .additionalModelRequestFields(thinking(1024))
                        .build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("`temperature` may only be set to 1 when thinking is enabled.");
    assertThatThrownBy(
            () ->
                sync.converse(
                    ask("us.anthropic.claude-opus-4-7", "hi")
                        .inferenceConfig(c -> c.maxTokens(4000))
                        .additionalModelRequestFields(thinking(1024))
                        .build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "thinking.type.enabled is not supported for this model. Use thinking.type.adaptive");
  }

  @Test
  void gpt5_is_refused_on_converse_and_deepseek_r1_needs_an_inference_profile() {
    assertThatThrownBy(() -> sync.converse(ask("openai.gpt-5.5", "hi").build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("The model openai.gpt-5.5 does not support the Converse API.");
    assertThatThrownBy(() -> sync.converse(ask("deepseek.r1-v1:0", "hi").build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "Invocation of model ID deepseek.r1-v1:0 with on-demand throughput isn't supported.");
    assertThat(
            sync.converse(ask("us.deepseek.r1-v1:0", "hi").build())
                .output()
                .message()
                .content()
                .get(0)
                .reasoningContent())
        .isNotNull();
  }

  @Test
  void an_inference_profile_arn_is_url_encoded_by_the_sdk_and_resolved() {
    ConverseResponse r =
        sync.converse(
            ask(
                    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0",
                    "hello nova")
                .build());

    assertThat(r.output().message().content().get(0).text()).startsWith("Simulated nova reply");
  }

  @Test
  void a_wrong_secret_fails_signature_verification_with_awss_message() {
    try (BedrockRuntimeClient wrong = syncClient("not-the-secret")) {
      assertThatThrownBy(() -> wrong.converse(ask("amazon.nova-lite-v1:0", "hi").build()))
          .isInstanceOf(BedrockRuntimeException.class)
          .hasMessageStartingWith(
              "The request signature we calculated does not match the signature you provided.")
          .satisfies(e -> assertThat(((BedrockRuntimeException) e).statusCode()).isEqualTo(403))
          .satisfies(
              e ->
                  assertThat(((BedrockRuntimeException) e).awsErrorDetails().errorCode())
                      .isEqualTo("InvalidSignatureException"));
    }
  }

  static BedrockRuntimeClient bearerClient(String key) {
    return BedrockRuntimeClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .tokenProvider(StaticTokenProvider.create(() -> key))
        .authSchemeProvider(
            BedrockRuntimeAuthSchemeProvider.defaultProvider(List.of("httpBearerAuth")))
        .build();
  }

  @Test
  void a_bedrock_api_key_works_as_a_bearer_token_and_a_wrong_one_is_403() {
    try (BedrockRuntimeClient bearer = bearerClient(sim.apiKey());
        BedrockRuntimeClient wrong = bearerClient("bedrock-api-key-wrong")) {
      assertThat(
              bearer
                  .converse(ask("meta.llama3-3-70b-instruct-v1:0", "hi llama").build())
                  .stopReason())
          .isEqualTo(StopReason.END_TURN);
      assertThat(sim.requests().get(sim.requests().size() - 1).auth()).isEqualTo("bearer");
      assertThatThrownBy(() -> wrong.converse(ask("meta.llama3-3-70b-instruct-v1:0", "hi").build()))
          .isInstanceOf(BedrockRuntimeException.class)
          .hasMessageStartingWith("Authentication failed: Please make sure your API Key is valid.");
    }
  }

  @Test
  void throttling_is_a_typed_429_that_the_sdk_retries_and_then_surfaces() {
    sim.arm("throttle", 10);
    try (BedrockRuntimeClient noRetry =
        BedrockRuntimeClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials(sim.secretKey()))
            .overrideConfiguration(c -> c.retryStrategy(s -> s.maxAttempts(1)))
            .build()) {
      assertThatThrownBy(() -> noRetry.converse(ask("amazon.nova-lite-v1:0", "hi").build()))
          .isInstanceOf(ThrottlingException.class)
          .satisfies(e -> assertThat(((ThrottlingException) e).statusCode()).isEqualTo(429));
    } finally {
      while (true) {
        try {
          sync.converse(ask("amazon.nova-lite-v1:0", "drain").build());
          break;
        } catch (ThrottlingException e) {
          // drain the armed faults
        }
      }
    }
  }

  @Test
  void a_tool_named_in_the_question_is_called_with_tool_use() {
    ConverseResponse r =
        sync.converse(
            ask("mistral.mistral-large-2407-v1:0", "please run_build for core")
                .toolConfig(
                    t ->
                        t.tools(
                            Tool.fromToolSpec(
                                ToolSpecification.builder()
                                    .name("run_build")
                                    .inputSchema(
                                        s ->
                                            s.json(
                                                Document.mapBuilder()
                                                    .putString("type", "object")
                                                    .build()))
                                    .build())))
                .build());

    assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
    ContentBlock use = r.output().message().content().get(1);
    assertThat(use.toolUse().name()).isEqualTo("run_build");
    assertThat(use.toolUse().input().asMap().get("query").asString())
        .isEqualTo("please run_build for core");
  }

  /** Collects a ConverseStream through the SDK's own visitor. */
  static final class Collected {
    final StringBuilder text = new StringBuilder();
    final StringBuilder reasoning = new StringBuilder();
    final List<String> events = new ArrayList<>();
    String signature;
    String stop;
    Integer outputTokens;
    Throwable error;
    boolean completed;
  }

  static CompletableFuture<Void> stream(ConverseStreamRequest request, Collected c) {
    ConverseStreamResponseHandler handler =
        ConverseStreamResponseHandler.builder()
            .subscriber(
                ConverseStreamResponseHandler.Visitor.builder()
                    .onMessageStart(e -> c.events.add("messageStart"))
                    .onContentBlockStart(e -> c.events.add("contentBlockStart"))
                    .onContentBlockDelta(
                        e -> {
                          c.events.add("contentBlockDelta");
                          if (e.delta().text() != null) {
                            c.text.append(e.delta().text());
                          }
                          if (e.delta().reasoningContent() != null) {
                            if (e.delta().reasoningContent().text() != null) {
                              c.reasoning.append(e.delta().reasoningContent().text());
                            }
                            if (e.delta().reasoningContent().signature() != null) {
                              c.signature = e.delta().reasoningContent().signature();
                            }
                          }
                        })
                    .onContentBlockStop(e -> c.events.add("contentBlockStop"))
                    .onMessageStop(
                        e -> {
                          c.events.add("messageStop");
                          c.stop = e.stopReasonAsString();
                        })
                    .onMetadata(
                        e -> {
                          c.events.add("metadata");
                          c.outputTokens = e.usage().outputTokens();
                        })
                    .build())
            .onError(e -> c.error = e)
            .onComplete(() -> c.completed = true)
            .build();
    return async.converseStream(request, handler);
  }

  static ConverseStreamRequest streamAsk(String model, String text, String fault) {
    ConverseStreamRequest.Builder b =
        ConverseStreamRequest.builder()
            .modelId(model)
            .messages(
                Message.builder()
                    .role(ConversationRole.USER)
                    .content(ContentBlock.fromText(text))
                    .build())
            .inferenceConfig(c -> c.maxTokens(4000))
            .additionalModelRequestFields(thinking(1024));
    if (fault != null) {
      b.overrideConfiguration(o -> o.putHeader(BedrockSimulator.FAULT_HEADER, fault));
    }
    return b.build();
  }

  @Test
  void converse_stream_decodes_every_event_through_the_async_sdk() throws Exception {
    Collected c = new Collected();

    stream(
            streamAsk("us.anthropic.claude-haiku-4-5-20251001-v1:0", "Summarize the outage", null),
            c)
        .get(10, TimeUnit.SECONDS);

    assertThat(c.events).startsWith("messageStart").endsWith("messageStop", "metadata");
    assertThat(c.reasoning.toString()).startsWith("The user asks about Summarize the outage");
    assertThat(c.signature).isEqualTo(Replies.signature(c.reasoning.toString()));
    assertThat(c.text.toString()).startsWith("Simulated claude reply to \"Summarize the outage\"");
    assertThat(c.stop).isEqualTo("end_turn");
    assertThat(c.outputTokens)
        .isEqualTo(Replies.tokens(c.reasoning.toString()) + Replies.tokens(c.text.toString()));
  }

  /** What a grounded reply looks like: both sentences end with the passages they cite. */
  static final String CITING =
      "Simulated [\\w.-]+ reply to \"How are keys rotated\\?\" \\[sha256:[0-9a-f]{8}\\] \\[1\\]\\."
          + " [^\\[\\]]+ \\[2\\]\\[3\\]\\.";

  @Test
  void a_reply_to_a_grounded_prompt_cites_its_passages_the_same_way_streamed_or_not()
      throws Exception {
    String prompt = RepliesTest.grounded(4, "How are keys rotated?");
    String model = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    Collected c = new Collected();

    String sync =
        this.sync.converse(ask(model, prompt).build()).output().message().content().get(0).text();
    stream(streamAsk(model, prompt, null), c).get(10, TimeUnit.SECONDS);

    assertThat(sync).matches(CITING);
    assertThat(c.text.toString()).isEqualTo(sync);
  }

  @Test
  void an_exception_frame_mid_stream_surfaces_as_the_typed_exception() {
    Collected c = new Collected();

    assertThatThrownBy(
            () ->
                stream(
                        streamAsk(
                            "anthropic.claude-sonnet-4-5-20250929-v1:0",
                            "hi",
                            "stream-error=throttlingException"),
                        c)
                    .get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(ThrottlingException.class)
        .hasMessageStartingWith("Too many tokens, please wait before trying again.");
    assertThat(c.events).contains("messageStart");
  }

  @Test
  void a_corrupted_crc_fails_the_stream_instead_of_hanging() {
    assertStreamFails("bad-crc-at=2");
  }

  /**
   * A fact about the SDK, pinned so we notice if it changes: AWS SDK 2.57.8's async client ends a
   * ConverseStream cut mid-frame with onComplete and no error. Callers must treat a stream without
   * messageStop and metadata as broken; the simulator's own decoder does report the truncation.
   */
  @Test
  void a_cut_mid_frame_completes_the_sdk_stream_without_message_stop_so_callers_must_check()
      throws Exception {
    Collected c = new Collected();

    stream(streamAsk("anthropic.claude-sonnet-4-5-20250929-v1:0", "hi", "cut-after=3"), c)
        .get(10, TimeUnit.SECONDS);

    assertThat(c.events).containsExactly("messageStart", "contentBlockDelta", "contentBlockDelta");
    assertThat(c.error).isNull();
    assertThat(c.completed).isTrue();
  }

  @Test
  void the_bytes_of_a_cut_stream_end_inside_a_frame() throws Exception {
    // A raw socket, so every byte that arrived is seen whatever an HTTP client does on a cut.
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}";
    byte[] raw;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), sim.port())) {
      String request =
          "POST /model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream HTTP/1.1\r\n"
              + "Host: 127.0.0.1:"
              + sim.port()
              + "\r\n"
              + "Authorization: Bearer "
              + sim.apiKey()
              + "\r\n"
              + BedrockSimulator.FAULT_HEADER
              + ": cut-after=3\r\n"
              + "Content-Type: application/json\r\n"
              + "Content-Length: "
              + body.length()
              + "\r\n\r\n"
              + body;
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      try (InputStream in = socket.getInputStream()) {
        in.transferTo(got);
      } catch (IOException reset) {
        // the simulator dropped the connection: keep what arrived
      }
      raw = got.toByteArray();
    }
    EventStream.Decoder decoder = new EventStream.Decoder();

    assertThat(decoder.feed(dechunk(raw))).hasSize(3);
    assertThatThrownBy(decoder::finish).hasMessageContaining("the stream ended inside a frame");
  }

  /** The body of an HTTP/1.1 chunked response, as far as it arrived. */
  private static byte[] dechunk(byte[] response) {
    String head = new String(response, StandardCharsets.ISO_8859_1);
    int pos = head.indexOf("\r\n\r\n") + 4;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (pos < response.length) {
      int eol = head.indexOf("\r\n", pos);
      if (eol < 0) {
        break;
      }
      int size = Integer.parseInt(head.substring(pos, eol).strip(), 16);
      if (size == 0) {
        break;
      }
      int start = eol + 2;
      body.write(response, start, Math.min(size, response.length - start));
      pos = start + size + 2;
    }
    return body.toByteArray();
  }

  private static void assertStreamFails(String fault) {
    Collected c = new Collected();
    assertThatThrownBy(
            () ->
                stream(streamAsk("anthropic.claude-sonnet-4-5-20250929-v1:0", "hi", fault), c)
                    .get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(SdkException.class);
    assertThat(c.events).doesNotContain("metadata");
  }

  @Test
  void silence_mid_stream_delays_but_does_not_break_the_stream() throws Exception {
    Collected c = new Collected();
    long start = System.nanoTime();

    stream(streamAsk("anthropic.claude-sonnet-4-5-20250929-v1:0", "slow one", "silence=600"), c)
        .get(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(600));
    assertThat(c.events).endsWith("metadata");
  }
}
