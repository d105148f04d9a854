package io.stratum.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The unmodified openai-java client, pointed at the simulator's OpenAI-compatible surfaces. */
class OpenAiSdkTest {
  static BedrockSimulator sim;
  static OpenAIClient openai; // /openai/v1: GPT-5.x and the others
  static OpenAIClient mantleV1; // /v1: not GPT-5.x

  @BeforeAll
  static void start() {
    sim = BedrockSimulator.builder().build().start();
    openai = client(sim.openAiBaseUrl(), sim.apiKey());
    mantleV1 = client(sim.mantleBaseUrl(), sim.apiKey());
  }

  static OpenAIClient client(String baseUrl, String key) {
    return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(key).maxRetries(0).build();
  }

  @AfterAll
  static void stop() {
    openai.close();
    mantleV1.close();
    sim.close();
  }

  static String outputText(Response r) {
    StringBuilder sb = new StringBuilder();
    r.output()
        .forEach(
            item ->
                item.message()
                    .ifPresent(
                        m ->
                            m.content()
                                .forEach(c -> c.outputText().ifPresent(t -> sb.append(t.text())))));
    return sb.toString();
  }

  static ChatCompletion chat(String model, String message) {
    return mantleV1
        .chat()
        .completions()
        .create(ChatCompletionCreateParams.builder().model(model).addUserMessage(message).build());
  }

  @Test
  void a_responses_call_parses_with_text_and_usage() {
    Response r =
        openai
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model("openai.gpt-5.5")
                    .input("Which modules fail?")
                    .build());

    assertThat(r.status()).contains(ResponseStatus.COMPLETED);
    assertThat(outputText(r))
        .startsWith(
            "Simulated gpt-5 reply to \"Which modules fail?\" [sha256:"
                + Replies.digest("Which modules fail?")
                + "]");
    assertThat(r.usage().orElseThrow().inputTokens()).isEqualTo(3);
    assertThat(r.usage().orElseThrow().outputTokensDetails().reasoningTokens()).isZero();
    assertThat(r.usage().orElseThrow().totalTokens())
        .isEqualTo(r.usage().orElseThrow().inputTokens() + r.usage().orElseThrow().outputTokens());
  }

  @Test
  void a_reply_to_a_grounded_prompt_cites_its_passages_on_responses_and_chat_streamed_or_not() {
    String prompt = RepliesTest.grounded(4, "How are keys rotated?");
    StringBuilder streamed = new StringBuilder();

    String sync =
        outputText(
            openai
                .responses()
                .create(
                    ResponseCreateParams.builder().model("openai.gpt-5.5").input(prompt).build()));
    try (StreamResponse<ResponseStreamEvent> s =
        openai
            .responses()
            .createStreaming(
                ResponseCreateParams.builder().model("openai.gpt-5.5").input(prompt).build())) {
      s.stream().forEach(e -> e.outputTextDelta().ifPresent(d -> streamed.append(d.delta())));
    }
    String chat = chat("qwen.qwen3-32b", prompt).choices().get(0).message().content().orElseThrow();

    assertThat(sync).matches(AwsSdkConverseTest.CITING);
    assertThat(streamed.toString()).isEqualTo(sync);
    assertThat(chat).matches(AwsSdkConverseTest.CITING);
  }

  @Test
  void reasoning_that_eats_max_output_tokens_is_incomplete_with_no_text() {
    Response r =
        openai
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model("openai.gpt-5.4")
                    .input("Design the ledger")
                    .reasoning(Reasoning.builder().effort(ReasoningEffort.HIGH).build())
                    .maxOutputTokens(1000)
                    .build());

    assertThat(r.status()).contains(ResponseStatus.INCOMPLETE);
    assertThat(r.incompleteDetails().orElseThrow().reason().orElseThrow().asString())
        .isEqualTo("max_output_tokens");
    assertThat(outputText(r)).isEmpty();
    assertThat(r.usage().orElseThrow().outputTokens()).isEqualTo(1000);
    assertThat(r.usage().orElseThrow().outputTokensDetails().reasoningTokens()).isEqualTo(1000);
  }

  @Test
  void temperature_with_reasoning_is_refused_with_the_real_message() {
    assertThatThrownBy(
            () ->
                openai
                    .responses()
                    .create(
                        ResponseCreateParams.builder()
                            .model("openai.gpt-5.5")
                            .input("hi")
                            .temperature(0.2)
                            .reasoning(Reasoning.builder().effort(ReasoningEffort.LOW).build())
                            .build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining(
            "Unsupported parameter: 'temperature' is not supported with this model.")
        .satisfies(e -> assertThat(((BadRequestException) e).param()).contains("temperature"));
  }

  @Test
  void an_effort_outside_the_models_vocabulary_lists_the_supported_values() {
    assertThatThrownBy(
            () ->
                openai
                    .responses()
                    .create(
                        ResponseCreateParams.builder()
                            .model("openai.gpt-5.5")
                            .input("hi")
                            .reasoning(Reasoning.builder().effort(ReasoningEffort.MINIMAL).build())
                            .build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining(
            "Unsupported value: 'reasoning.effort' does not support 'minimal' with this model. Supported values are: 'none', 'low', 'medium', 'high', and 'xhigh'.");
  }

  @Test
  void gpt5_on_the_v1_prefix_is_refused_as_the_wrong_route() {
    assertThatThrownBy(
            () ->
                mantleV1
                    .responses()
                    .create(
                        ResponseCreateParams.builder().model("openai.gpt-5.5").input("hi").build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("model `openai.gpt-5.5` isn't supported on this route");
  }

  @Test
  void an_unknown_model_is_a_404_and_a_wrong_key_a_403() {
    assertThatThrownBy(
            () ->
                openai
                    .responses()
                    .create(
                        ResponseCreateParams.builder().model("openai.gpt-9").input("hi").build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(
            "The model `openai.gpt-9` does not exist or you do not have access to it.");
    OpenAIClient wrong = client(sim.openAiBaseUrl(), "bedrock-api-key-nope");
    try {
      assertThatThrownBy(
              () ->
                  wrong
                      .responses()
                      .create(
                          ResponseCreateParams.builder()
                              .model("openai.gpt-5.5")
                              .input("hi")
                              .build()))
          .isInstanceOf(PermissionDeniedException.class);
    } finally {
      wrong.close();
    }
  }

  @Test
  void throttling_is_a_429_with_retry_after() {
    sim.arm("throttle", 1);

    assertThatThrownBy(
            () ->
                openai
                    .responses()
                    .create(
                        ResponseCreateParams.builder().model("openai.gpt-5.5").input("hi").build()))
        .isInstanceOf(RateLimitException.class)
        .satisfies(
            e ->
                assertThat(((RateLimitException) e).headers().values("Retry-After"))
                    .containsExactly("1"));
  }

  @Test
  void a_streamed_response_numbers_its_events_and_ends_completed_with_usage() {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    long[] total = {0};
    try (StreamResponse<ResponseStreamEvent> s =
        mantleV1
            .responses()
            .createStreaming(
                ResponseCreateParams.builder()
                    .model("openai.gpt-oss-120b")
                    .input("Explain outbox")
                    .build())) {
      s.stream()
          .forEach(
              e -> {
                e.outputTextDelta().ifPresent(d -> text.append(d.delta()));
                e.reasoningTextDelta().ifPresent(d -> reasoning.append(d.delta()));
                e.completed()
                    .ifPresent(c -> total[0] = c.response().usage().orElseThrow().totalTokens());
              });
    }

    assertThat(reasoning.toString()).startsWith("The user asks about Explain outbox");
    assertThat(text.toString()).startsWith("Simulated gpt-oss reply to \"Explain outbox\"");
    assertThat(total[0]).isPositive();
  }

  @Test
  void a_streamed_incomplete_response_ends_with_response_incomplete() {
    boolean[] incomplete = {false};
    try (StreamResponse<ResponseStreamEvent> s =
        openai
            .responses()
            .createStreaming(
                ResponseCreateParams.builder()
                    .model("openai.gpt-5.4")
                    .input("Think hard")
                    .reasoning(Reasoning.builder().effort(ReasoningEffort.MEDIUM).build())
                    .maxOutputTokens(500)
                    .build())) {
      s.stream().forEach(e -> e.incomplete().ifPresent(i -> incomplete[0] = true));
    }

    assertThat(incomplete[0]).isTrue();
  }

  @Test
  void an_error_event_mid_stream_reaches_the_client() {
    List<String> errors = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> s =
        client(sim.openAiBaseUrl(), sim.apiKey())
            .withOptions(
                o -> o.putHeader(BedrockSimulator.FAULT_HEADER, "stream-error=server_error"))
            .responses()
            .createStreaming(
                ResponseCreateParams.builder().model("openai.gpt-5.5").input("hi").build())) {
      s.stream()
          .forEach(
              e -> e.error().ifPresent(x -> errors.add(x.code().orElse("") + ": " + x.message())));
    } catch (RuntimeException e) {
      errors.add("thrown: " + e.getMessage());
    }

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0))
        .contains("The model stream failed: the upstream model stopped responding.");
  }

  @Test
  void chat_completions_sync_keeps_reasoning_in_a_field_the_sdk_does_not_model() {
    ChatCompletion c = chat("qwen.qwen3-32b", "Hello qwen");

    assertThat(c.choices().get(0).message().content())
        .hasValueSatisfying(
            t -> assertThat(t).startsWith("Simulated qwen reply to \"Hello qwen\""));
    assertThat(c.choices().get(0).message()._additionalProperties().get("reasoning").toString())
        .contains("The user asks about Hello qwen");
    assertThat(c.usage().orElseThrow().completionTokensDetails().orElseThrow().reasoningTokens())
        .hasValueSatisfying(n -> assertThat(n).isPositive());
  }

  @Test
  void chat_completions_stream_ends_with_a_usage_chunk_when_asked() {
    StringBuilder text = new StringBuilder();
    long[] usage = {0};
    try (StreamResponse<ChatCompletionChunk> s =
        mantleV1
            .chat()
            .completions()
            .createStreaming(
                ChatCompletionCreateParams.builder()
                    .model("deepseek.v3.1")
                    .addUserMessage("Stream please")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      s.stream()
          .forEach(
              chunk -> {
                chunk.choices().forEach(ch -> ch.delta().content().ifPresent(text::append));
                chunk.usage().ifPresent(u -> usage[0] = u.totalTokens());
              });
    }

    assertThat(text.toString()).startsWith("Simulated deepseek reply to \"Stream please\"");
    assertThat(usage[0]).isPositive();
  }

  @Test
  void the_model_list_shows_what_each_prefix_serves() {
    List<String> v1 = new ArrayList<>();
    mantleV1.models().list().data().forEach(m -> v1.add(m.id()));
    List<String> openaiV1 = new ArrayList<>();
    openai.models().list().data().forEach(m -> openaiV1.add(m.id()));

    assertThat(v1)
        .contains("openai.gpt-oss-120b", "qwen.qwen3-32b")
        .doesNotContain("openai.gpt-5.5");
    assertThat(openaiV1).contains("openai.gpt-5.5", "openai.gpt-5.4", "openai.gpt-oss-120b");
  }
}
