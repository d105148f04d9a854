package io.stratum.providers.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import io.stratum.catalog.ModelFamily;
import io.stratum.catalog.ReasoningStyle;
import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.DispatchException;
import io.stratum.dispatch.DispatchSettings;
import io.stratum.dispatch.Dispatcher;
import io.stratum.dispatch.Planner;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.dispatch.StopReason;
import io.stratum.dispatch.ToolSpec;
import io.stratum.dispatch.Transport;
import io.stratum.dispatch.UpstreamAttempt;
import io.stratum.providers.bedrock.BedrockTransports;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.simulator.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dispatch layer against the wire-faithful simulator, one row per family: the same application
 * call for every model, only the model id changes. Nothing here, and nothing in the dispatcher,
 * knows a family: what differs is in the catalog and the per-surface mappers.
 */
class ConformanceMatrixTest {
  /** Every row signs with temporary credentials, as a task role or SSO session would. */
  static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEMatrixSessionToken==";

  static BedrockSimulator sim;
  static Dispatcher dispatcher;

  @BeforeAll
  static void start() {
    sim =
        BedrockSimulator.builder()
            .temporaryCredentials("ASIASTRATUMMATRIX", "matrix-temporary-secret", SESSION_TOKEN)
            .build()
            .start();
    dispatcher = dispatcher(null);
  }

  static Dispatcher dispatcher(String apiKey) {
    List<Transport> transports =
        BedrockTransports.create(
            new BedrockTransports.Connection(
                sim.region(),
                sim.endpoint(),
                sim.endpoint(),
                apiKey,
                sim.accessKeyId(),
                sim.secretKey(),
                "bedrock-mantle",
                SESSION_TOKEN));
    DispatchSettings settings =
        DispatchSettings.defaults(Backend.CONVERSE).withRetries(2, Duration.ofMillis(5));
    return new Dispatcher(new Planner(ModelCatalog.standard()), transports, settings);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  /** One model per family; 16 families across the three wires. */
  static Stream<Arguments> families() {
    return Stream.of(
            "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "anthropic.claude-haiku-4-5-20251001-v1:0",
            "global.anthropic.claude-sonnet-4-6",
            "us.anthropic.claude-opus-4-7",
            "amazon.nova-lite-v1:0",
            "us.amazon.nova-2-lite-v1:0",
            "meta.llama3-3-70b-instruct-v1:0",
            "mistral.mistral-large-2407-v1:0",
            "cohere.command-r-plus-v1:0",
            "us.deepseek.r1-v1:0",
            "openai.gpt-oss-120b-1:0",
            "openai.gpt-oss-120b",
            "openai.gpt-5.4",
            "openai.gpt-5.5",
            "qwen.qwen3-32b",
            "deepseek.v3.1")
        .map(id -> Arguments.of(ModelCatalog.standard().resolve(id).orElseThrow().name(), id));
  }

  static ChatRequest ask(String question) {
    return ChatRequest.of(ChatMessage.system("Answer briefly."), ChatMessage.user(question));
  }

  @ParameterizedTest(name = "{0}: sync")
  @MethodSource("families")
  void sync_answers_with_what_reached_the_model_and_names_its_route(String family, String model) {
    ChatResult r = dispatcher.client(model, null).chat(ask("What is the ledger SLO?"));

    assertThat(r.text()).contains("\"What is the ledger SLO?\"");
    assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(r.usage().input()).isPositive();
    assertThat(r.usage().output()).isPositive();
    assertThat(r.modelId()).isEqualTo(model);
    assertThat(r.route()).contains(family);
    assertThat(r.backend()).isIn("converse", "responses", "chat");
  }

  @ParameterizedTest(name = "{0}: stream")
  @MethodSource("families")
  void stream_deltas_add_up_to_the_text_and_completed_comes_last(String family, String model) {
    List<ChatEvent> events = new ArrayList<>();
    ChatResult r = dispatcher.client(model, null).stream(ask("Stream the answer"), events::add);

    StringBuilder text = new StringBuilder();
    events.forEach(
        e -> {
          if (e instanceof ChatEvent.TextDelta d) {
            text.append(d.text());
          }
        });
    assertThat(text.toString()).isEqualTo(r.text()).contains("\"Stream the answer\"");
    assertThat(events.get(events.size() - 1)).isEqualTo(new ChatEvent.Completed(r));
  }

  @ParameterizedTest(name = "{0}: every effort level")
  @MethodSource("families")
  void every_effort_level_is_accepted_after_normalization(String family, String model) {
    for (ReasoningEffort e : ReasoningEffort.values()) {
      ChatResult r =
          dispatcher
              .client(model, null)
              .chat(ask("Think about it").withReasoningEffort(e).withMaxOutputTokens(32000));
      assertThat(r.stopReason())
          .as("%s at %s: %s", model, e, r.notes())
          .isIn(StopReason.END_TURN, StopReason.INCOMPLETE);
    }
  }

  /** The JSON bodies of the requests {@code call} sent upstream, in order. */
  static List<JsonNode> wire(Runnable call) {
    int before = sim.requests().size();
    call.run();
    List<JsonNode> bodies = new ArrayList<>();
    for (RecordedRequest r : sim.requests().subList(before, sim.requests().size())) {
      try {
        bodies.add(JSON.readTree(r.body()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return bodies;
  }

  static final ObjectMapper JSON = new ObjectMapper();

  /** The output ceiling a request carries, on whichever wire it went. */
  static int ceilingOf(JsonNode body) {
    for (String field : List.of("max_output_tokens", "max_completion_tokens", "max_tokens")) {
      if (body.has(field)) {
        return body.get(field).asInt();
      }
    }
    return body.path("inferenceConfig").path("maxTokens").asInt(-1);
  }

  /** The reasoning effort a request carries to an OpenAI-compatible surface, or "". */
  static String effortOf(JsonNode body) {
    return body.has("reasoning_effort")
        ? body.get("reasoning_effort").asText()
        : body.path("reasoning").path("effort").asText("");
  }

  @ParameterizedTest(name = "{0}: the ceiling reaches the wire")
  @MethodSource("families")
  void a_ceiling_reaches_the_wire_as_asked_and_stops_the_model(String family, String model) {
    ChatResult[] r = new ChatResult[1];
    List<JsonNode> sent =
        wire(
            () ->
                r[0] =
                    dispatcher
                        .client(model, null)
                        .chat(ask("List the numbers from 1 to 100").withMaxOutputTokens(16)));

    assertThat(sent).isNotEmpty();
    assertThat(ceilingOf(sent.get(0))).as("the first request's ceiling").isEqualTo(16);
    assertThat(r[0].attempts().get(0).outcome()).isEqualTo(UpstreamAttempt.Outcome.INCOMPLETE);
  }

  @ParameterizedTest(name = "{0}: high effort reaches the wire or is dropped")
  @MethodSource("families")
  void high_effort_reaches_a_reasoning_model_normalized_and_is_dropped_for_one_that_does_not(
      String family, String model) {
    ModelFamily f = ModelCatalog.standard().resolve(model).orElseThrow();
    ChatResult[] r = new ChatResult[1];
    List<JsonNode> sent =
        wire(
            () ->
                r[0] =
                    dispatcher
                        .client(model, null)
                        .chat(ask("Think hard").withReasoningEffort(ReasoningEffort.HIGH)));

    String body = sent.get(0).toString();
    if (f.reasoning() == ReasoningStyle.NONE) {
      assertThat(r[0].droppedParams())
          .anySatisfy(d -> assertThat(d).startsWith("reasoningEffort="));
      assertThat(effortOf(sent.get(0))).isEmpty();
    } else if (sent.get(0).has("model") && !f.efforts().isEmpty()) {
      // an OpenAI-compatible surface: the normalized effort is in the body, in the family's words
      assertThat(effortOf(sent.get(0))).as(body).isIn(f.efforts());
    } else if (f.reasoning() != ReasoningStyle.ALWAYS) {
      // Converse: the family's own reasoning switch rides in additionalModelRequestFields
      assertThat(sent.get(0).path("additionalModelRequestFields").isEmpty()).as(body).isFalse();
    }
    assertThat(r[0].usage().reasoning() > 0 || !r[0].reasoning().isBlank())
        .as("%s reasoned", model)
        .isEqualTo(f.reasoning() != ReasoningStyle.NONE);
  }

  @ParameterizedTest(name = "{0}: hostile parameters are dropped, not refused")
  @MethodSource("families")
  void parameters_the_target_rejects_are_dropped_with_a_record(String family, String model) {
    ChatRequest hostile =
        ask("Be creative")
            .withReasoningEffort(ReasoningEffort.HIGH)
            .withTemperature(0.3)
            .withTopP(0.8)
            .withStop(List.of("a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8", "i9", "j10", "k11"))
            .withExtra(Map.of("top_k", 20, "thinking", Map.of("type", "enabled")))
            .withMaxOutputTokens(32000);

    ChatResult r = dispatcher.client(model, null).chat(hostile);

    assertThat(r.stopReason())
        .as(String.join("; ", r.notes()))
        .isIn(StopReason.END_TURN, StopReason.INCOMPLETE, StopReason.STOP_SEQUENCE);
    assertThat(r.droppedParams())
        .as("the dispatcher-managed thinking extra is always dropped, with its reason")
        .anySatisfy(d -> assertThat(d).startsWith("thinking="))
        .allSatisfy(d -> assertThat(d).matches("\\w+=.* \\(.+\\)"));
  }

  @ParameterizedTest(name = "{0}: a tight ceiling never fails")
  @MethodSource("families")
  void a_tight_ceiling_ends_as_max_tokens_or_incomplete_never_an_error(
      String family, String model) {
    ChatResult r =
        dispatcher
            .client(model, null)
            .chat(
                ask("Explain in depth")
                    .withReasoningEffort(ReasoningEffort.HIGH)
                    .withMaxOutputTokens(20));

    assertThat(r.stopReason())
        .isIn(StopReason.MAX_TOKENS, StopReason.INCOMPLETE, StopReason.END_TURN);
    if (r.stopReason() == StopReason.INCOMPLETE) {
      assertThat(r.notes())
          .anySatisfy(
              n -> assertThat(n).startsWith("incomplete: reasoning used the whole output budget"));
      assertThat(r.notes())
          .anySatisfy(n -> assertThat(n).startsWith("retried once with maxOutputTokens 80"));
    }
  }

  @ParameterizedTest(name = "{0}: tool call")
  @MethodSource("families")
  void a_tool_call_comes_back_with_its_name_and_arguments(String family, String model) {
    ChatRequest req =
        ask("please run_build for core")
            .withTools(
                List.of(
                    new ToolSpec(
                        "run_build",
                        "Run the build for a module",
                        "{\"type\":\"object\",\"properties\":{\"module\":{\"type\":\"string\"}}}")));

    ChatResult r = dispatcher.client(model, null).chat(req);

    assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
    assertThat(r.toolCalls()).hasSize(1);
    assertThat(r.toolCalls().get(0).name()).isEqualTo("run_build");
    assertThat(r.toolCalls().get(0).argumentsJson()).contains("please run_build for core");
  }

  @ParameterizedTest(name = "{0}: tool round trip")
  @MethodSource("families")
  void a_tool_call_and_its_result_round_trip_in_history(String family, String model) {
    ToolSpec tool =
        new ToolSpec(
            "run_build",
            "Run the build for a module",
            "{\"type\":\"object\",\"properties\":{\"module\":{\"type\":\"string\"}}}");
    ChatRequest first = ask("please run_build for core").withTools(List.of(tool));
    ChatResult called = dispatcher.client(model, null).chat(first);
    List<ChatMessage> history = new ArrayList<>(first.messages());
    history.add(ChatMessage.assistant(called.text(), called.toolCalls()));
    history.add(ChatMessage.toolResult(called.toolCalls().get(0).id(), "{\"exitCode\":0}"));

    ChatResult r =
        dispatcher
            .client(model, null)
            .chat(
                new ChatRequest(
                    history, null, null, null, List.of(), null, Map.of(), List.of(tool)));

    assertThat(r.stopReason()).as(r.notes().toString()).isEqualTo(StopReason.END_TURN);
    assertThat(r.text()).isNotBlank();
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void a_responses_call_that_failed_after_reasoning_is_billed_and_then_retried(boolean stream) {
    sim.arm("response-failed=server_error", 1);
    ChatRequest req = ask("Think it through").withReasoningEffort(ReasoningEffort.HIGH);

    ChatResult r =
        stream
            ? dispatcher.client("openai.gpt-5.5", null).stream(req, e -> {})
            : dispatcher.client("openai.gpt-5.5", null).chat(req);

    assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(r.attempts()).hasSize(2);
    assertThat(r.attempts().get(0).number()).isEqualTo(1);
    assertThat(r.attempts().get(0).outcome()).isEqualTo(UpstreamAttempt.Outcome.FAILED);
    assertThat(r.attempts().get(0).usage().reasoning()).isEqualTo(6144);
    assertThat(r.attempts().get(1).outcome()).isEqualTo(UpstreamAttempt.Outcome.SUCCESS);
    assertThat(r.usage().reasoning()).isEqualTo(2 * 6144);
  }

  @Test
  void a_converse_stream_cut_mid_answer_is_a_failure_not_a_short_answer() {
    sim.arm("cut-after=4", 1);
    List<ChatEvent> seen = new ArrayList<>();

    Assertions.assertThatThrownBy(
            () ->
                dispatcher.client("anthropic.claude-sonnet-4-5-20250929-v1:0", null).stream(
                    ask("cut me off").withReasoningEffort(ReasoningEffort.LOW), seen::add))
        .isInstanceOf(DispatchException.Retriable.class)
        .hasMessage(
            "anthropic.claude-sonnet-4-5-20250929-v1:0: the ConverseStream ended without messageStop; the connection was cut mid-answer");
    assertThat(seen).isNotEmpty().noneMatch(e -> e instanceof ChatEvent.Completed);
  }

  @Test
  void throttling_before_the_first_byte_is_retried_and_noted() {
    sim.arm("throttle", 1);

    ChatResult r = dispatcher.client("openai.gpt-5.5", null).chat(ask("after a throttle"));

    assertThat(r.text()).contains("after a throttle");
    assertThat(r.notes())
        .singleElement()
        .satisfies(
            n ->
                assertThat(n)
                    .startsWith(
                        "retry 1 after Throttled (openai.gpt-5.5: HTTP 429: Too many requests, please wait before trying again.), waited "));
  }

  @Test
  void temporary_credentials_sign_the_session_token_on_every_surface() {
    for (String model : List.of("amazon.nova-lite-v1:0", "openai.gpt-5.5", "deepseek.v3.1")) {
      ChatResult r = dispatcher.client(model, null).chat(ask("temporary " + model));

      assertThat(r.text()).contains("temporary " + model);
      var last = sim.requests().get(sim.requests().size() - 1);
      assertThat(last.auth()).startsWith("sigv4:");
      assertThat(last.headers().get("x-amz-security-token")).containsExactly(SESSION_TOKEN);
    }
  }

  @Test
  void a_bedrock_api_key_works_on_every_surface_as_a_bearer_token() {
    Dispatcher bearer = dispatcher(sim.apiKey());

    for (String model : List.of("amazon.nova-lite-v1:0", "openai.gpt-5.5", "deepseek.v3.1")) {
      assertThat(bearer.client(model, null).chat(ask("bearer " + model)).text())
          .contains("bearer " + model);
      assertThat(sim.requests().get(sim.requests().size() - 1).auth()).isEqualTo("bearer");
    }
  }
}
