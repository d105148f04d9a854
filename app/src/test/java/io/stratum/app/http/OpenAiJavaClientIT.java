package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.models.Model;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import io.stratum.access.Principal;
import io.stratum.audit.AuditRecord;
import io.stratum.budget.Budget;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI Java client ({@code openai-java}, unmodified) pointed at Stratum's gateway,
 * the Bedrock simulator behind it: chat and responses, streamed and not, reasoning effort, a tool
 * call round trip, the model list, a budget's 429, an unknown model's 404, and a dropped parameter
 * named in the response header and in the audit record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiJavaClientIT {
  static final String ROTATE = "lookup_rotation";

  GatewayFixture gw;
  OpenAIClient client; // the token bound to security
  OpenAIClient unbound;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    gw = new GatewayFixture(dir);
    client = client(gw.bound, Map.of());
    unbound = client(gw.unbound, Map.of("X-Stratum-Workspace", "budgeted"));
  }

  OpenAIClient client(String token, Map<String, String> headers) {
    OpenAIOkHttpClient.Builder b =
        OpenAIOkHttpClient.builder().baseUrl(gw.baseUrl()).apiKey(token).maxRetries(0);
    headers.forEach(b::putHeader);
    return b.build();
  }

  @AfterAll
  void stop() {
    client.close();
    unbound.close();
    gw.close();
  }

  static ChatCompletionCreateParams.Builder ask(String model, String question) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage(question);
  }

  static String text(Response r) {
    StringBuilder b = new StringBuilder();
    r.output()
        .forEach(
            i ->
                i.message()
                    .ifPresent(
                        m ->
                            m.content()
                                .forEach(c -> c.outputText().ifPresent(t -> b.append(t.text())))));
    return b.toString();
  }

  /** The {@code error.message} of an OpenAI error body. */
  static String message(com.openai.errors.OpenAIServiceException e) {
    JsonNode body = SseClient.JSON.valueToTree(e.body().convert(Map.class));
    return body.has("error")
        ? body.path("error").path("message").asText()
        : body.path("message").asText();
  }

  /** The gateway's audit records, newest last. */
  List<JsonNode> audited() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (AuditRecord r : gw.stratum.auditLog().sealedAfter(0, 10_000)) {
      if (r.action().equals("gateway.call")) {
        JsonNode m = SseClient.JSON.readTree(r.metadata());
        ((com.fasterxml.jackson.databind.node.ObjectNode) m)
            .put("_outcome", r.outcome())
            .put("_workspace", r.workspace())
            .put("_principal", r.principal());
        out.add(m);
      }
    }
    return out;
  }

  @Test
  void a_chat_completion_through_the_gateway_answers_with_openai_usage_and_is_audited()
      throws Exception {
    ChatCompletion c =
        client.chat().completions().create(ask("stratum-advanced", "Which modules fail?").build());

    c.validate(); // OpenAI's required fields, all present and well-typed
    assertThat(c.model()).isEqualTo("openai.gpt-5.5");
    assertThat(c.choices().get(0).message().content().orElseThrow())
        .startsWith("Simulated gpt-5 reply to \"Which modules fail?\"");
    assertThat(c.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    var usage = c.usage().orElseThrow();
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(0L);
    JsonNode last = audited().getLast();
    assertThat(last.get("_outcome").asText()).isEqualTo("success");
    assertThat(last.get("_workspace").asText()).isEqualTo("security");
    assertThat(last.get("_principal").asText()).isEqualTo("dev");
    assertThat(last.get("surface").asText()).isEqualTo("chat.completions");
    assertThat(last.get("model").asText()).isEqualTo("stratum-advanced");
    assertThat(last.get("modelId").asText()).isEqualTo("openai.gpt-5.5");
    assertThat(last.get("backend").asText()).isEqualTo("responses");
    assertThat(last.get("usage").get("input").asInt()).isEqualTo(usage.promptTokens());
    assertThat(last.has("costUsd")).isTrue();
  }

  @Test
  void a_streamed_chat_completion_sends_the_same_text_in_chunks_and_ends_with_usage() {
    String sync =
        client
            .chat()
            .completions()
            .create(ask("stratum-basic", "How are keys rotated?").build())
            .choices()
            .get(0)
            .message()
            .content()
            .orElseThrow();
    StringBuilder streamed = new StringBuilder();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> s =
        client
            .chat()
            .completions()
            .createStreaming(
                ask("stratum-basic", "How are keys rotated?")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      s.stream()
          .forEach(
              ch -> {
                ch.validate();
                chunks.add(ch);
                ch.choices().forEach(x -> x.delta().content().ifPresent(streamed::append));
              });
    }

    assertThat(streamed.toString()).isEqualTo(sync).isNotEmpty();
    assertThat(chunks.getLast().usage().orElseThrow().completionTokens()).isPositive();
    assertThat(chunks.get(chunks.size() - 2).choices().get(0).finishReason())
        .contains(ChatCompletionChunk.Choice.FinishReason.STOP);
    assertThat(chunks).allMatch(ch -> ch.model().equals("qwen.qwen3-32b"));
  }

  @Test
  void responses_carry_the_reasoning_effort_and_report_reasoning_tokens_streamed_or_not() {
    ResponseCreateParams params =
        ResponseCreateParams.builder()
            .model("stratum-advanced")
            .input("Design the ledger")
            .reasoning(Reasoning.builder().effort(ReasoningEffort.HIGH).build())
            .build();
    gw.sim.clearRequests();

    Response r = client.responses().create(params);
    StringBuilder streamed = new StringBuilder();
    List<String> types = new ArrayList<>();
    Response[] completed = new Response[1];
    try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(params)) {
      s.stream()
          .forEach(
              e -> {
                e.outputTextDelta().ifPresent(d -> streamed.append(d.delta()));
                e.completed().ifPresent(c -> completed[0] = c.response());
                e.validate(); // every event is one of OpenAI's, with its required fields
                types.add(e.isCompleted() ? "completed" : "other");
              });
    }

    assertThat(r.status()).contains(ResponseStatus.COMPLETED);
    assertThat(r.usage().orElseThrow().outputTokensDetails().reasoningTokens()).isPositive();
    assertThat(text(r)).startsWith("Simulated gpt-5 reply to \"Design the ledger\"");
    assertThat(streamed.toString()).isEqualTo(text(r));
    assertThat(completed[0].usage().orElseThrow().outputTokensDetails().reasoningTokens())
        .isEqualTo(r.usage().orElseThrow().outputTokensDetails().reasoningTokens());
    assertThat(types).endsWith("completed");
    r.validate();
    assertThat(gw.sim.requests())
        .allSatisfy(q -> assertThat(q.body()).contains("\"reasoning\":{\"effort\":\"high\"}"));
  }

  @Test
  void a_tool_call_round_trips_on_chat_completions() {
    ChatCompletionCreateParams first =
        ask("stratum-basic", "Use " + ROTATE + " for the payments key")
            .addFunctionTool(
                FunctionDefinition.builder()
                    .name(ROTATE)
                    .description("When a key was last rotated")
                    .parameters(
                        FunctionParameters.builder()
                            .putAdditionalProperty("type", JsonValue.from("object"))
                            .build())
                    .build())
            .build();

    ChatCompletionMessage asked =
        client.chat().completions().create(first).choices().get(0).message();
    ChatCompletionMessageFunctionToolCall call =
        asked.toolCalls().orElseThrow().get(0).asFunction();
    ChatCompletion answered =
        client
            .chat()
            .completions()
            .create(
                first.toBuilder()
                    .addMessage(asked)
                    .addMessage(
                        ChatCompletionToolMessageParam.builder()
                            .toolCallId(call.id())
                            .content("rotated 2026-11-01")
                            .build())
                    .build());

    assertThat(call.function().name()).isEqualTo(ROTATE);
    assertThat(call.function().arguments()).startsWith("{\"query\":");
    assertThat(answered.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(answered.choices().get(0).message().toolCalls().orElse(List.of())).isEmpty();
    assertThat(answered.choices().get(0).message().content().orElseThrow())
        .contains("tool result rotated 2026-11-01");
  }

  @Test
  void a_tool_call_round_trips_on_responses() {
    FunctionTool tool =
        FunctionTool.builder()
            .name(ROTATE)
            .strict(false)
            .parameters(
                FunctionTool.Parameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .build())
            .build();
    String question = "Use " + ROTATE + " for the payments key";
    Response asked =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model("stratum-advanced")
                    .input(question)
                    .addTool(tool)
                    .build());
    ResponseFunctionToolCall call =
        asked.output().stream().flatMap(i -> i.functionCall().stream()).findFirst().orElseThrow();
    List<ResponseInputItem> input = new ArrayList<>();
    input.add(
        ResponseInputItem.ofMessage(
            ResponseInputItem.Message.builder()
                .role(ResponseInputItem.Message.Role.USER)
                .addInputTextContent(question)
                .build()));
    input.add(ResponseInputItem.ofFunctionCall(call));
    input.add(
        ResponseInputItem.ofFunctionCallOutput(
            ResponseInputItem.FunctionCallOutput.builder()
                .callId(call.callId())
                .output("rotated 2026-11-01")
                .build()));
    Response answered =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model("stratum-advanced")
                    .inputOfResponse(input)
                    .addTool(tool)
                    .build());

    assertThat(call.name()).isEqualTo(ROTATE);
    assertThat(answered.output()).noneMatch(i -> i.functionCall().isPresent());
    assertThat(text(answered)).isNotEmpty();
  }

  @Test
  void the_model_list_names_the_tier_aliases_then_the_cleared_ids() {
    List<String> ids = client.models().list().data().stream().map(Model::id).toList();

    assertThat(ids)
        .containsExactly(
            "stratum-advanced",
            "stratum-basic",
            "openai.gpt-5.5",
            "qwen.qwen3-32b",
            GatewayFixture.CLAUDE);
  }

  @Test
  void a_cleared_catalog_id_is_served_directly_over_its_own_backend() throws Exception {
    ChatCompletion c =
        client
            .chat()
            .completions()
            .create(ask(GatewayFixture.CLAUDE, "Summarize the runbook").build());

    assertThat(c.model()).isEqualTo(GatewayFixture.CLAUDE);
    assertThat(c.choices().get(0).message().content().orElseThrow()).isNotEmpty();
    assertThat(audited().getLast().get("backend").asText()).isEqualTo("converse");
  }

  @Test
  void a_dropped_parameter_is_named_in_the_response_header_and_in_the_audit_record()
      throws Exception {
    HttpResponseFor<ChatCompletion> raw =
        client
            .chat()
            .completions()
            .withRawResponse()
            .create(
                ask("stratum-advanced", "Which modules fail?")
                    .temperature(0.3)
                    .reasoningEffort(ReasoningEffort.HIGH)
                    .user("alice@example.com")
                    .build());

    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.headers().values("x-stratum-dropped-params"))
        .containsExactly("user,temperature");
    assertThat(raw.parse().choices()).hasSize(1);
    JsonNode dropped = audited().getLast().get("droppedParams");
    assertThat(dropped.get(0).asText())
        .isEqualTo("user=\"alice@example.com\" (not carried by the gateway)");
    assertThat(dropped.get(1).asText())
        .isEqualTo("temperature=0.3 (refused by gpt-5.5 while it reasons)");
  }

  @Test
  void a_hard_budget_cap_is_a_429_in_openai_shape_with_retry_after_and_is_audited_as_refused()
      throws Exception {
    gw.stratum
        .administration()
        .setBudget(Principal.LOCAL_OPERATOR, "budgeted", new Budget(new BigDecimal("0.01"), true));

    assertThatThrownBy(
            () -> unbound.chat().completions().create(ask("stratum-advanced", "Hi").build()))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.headers().values("Retry-After"))
                  .singleElement()
                  .asString()
                  .matches("[1-9][0-9]*");
              assertThat(e.code()).contains("budget_exceeded");
              assertThat(e.type()).contains("insufficient_quota");
              assertThat(e.getMessage())
                  .contains("workspace 'budgeted' has spent $0 of its $0.01 monthly cap");
            });
    JsonNode last = audited().getLast();
    assertThat(last.get("_outcome").asText()).isEqualTo("refused");
    assertThat(last.get("_workspace").asText()).isEqualTo("budgeted");
  }

  @Test
  void an_unknown_model_is_a_404_naming_it_and_how_to_clear_one() {
    assertThatThrownBy(() -> client.chat().completions().create(ask("gpt-4o", "Hi").build()))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.code()).contains("model_not_found");
              assertThat(e.param()).contains("model");
              assertThat(message(e))
                  .isEqualTo(
                      "model: 'gpt-4o' is not served here; ask for one of stratum-advanced,"
                          + " stratum-basic, openai.gpt-5.5, qwen.qwen3-32b, "
                          + GatewayFixture.CLAUDE
                          + ". An operator serves another Bedrock model by adding its id to"
                          + " bedrock_cleared_model_ids in terraform.tfvars");
            });
  }

  @Test
  void a_bad_token_is_a_401_and_an_unbound_token_without_a_workspace_a_400_naming_the_header() {
    OpenAIClient stranger = client("stt_not-a-real-token-at-all-000000", Map.of());
    OpenAIClient nowhere = client(gw.unbound, Map.of());

    assertThatThrownBy(() -> stranger.models().list())
        .isInstanceOfSatisfying(
            UnauthorizedException.class, e -> assertThat(e.code()).contains("invalid_api_key"));
    assertThatThrownBy(
            () -> nowhere.chat().completions().create(ask("stratum-basic", "Hi").build()))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> {
              assertThat(e.param()).contains("X-Stratum-Workspace");
              assertThat(message(e))
                  .startsWith("X-Stratum-Workspace: this token is bound to no workspace");
            });
    stranger.close();
    nowhere.close();
  }

  @Test
  void a_bad_value_is_a_400_naming_the_parameter_and_its_value() {
    assertThatThrownBy(
            () ->
                client
                    .chat()
                    .completions()
                    .create(ask("stratum-basic", "Hi").temperature(7.5).build()))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> {
              assertThat(e.param()).contains("temperature");
              assertThat(message(e))
                  .isEqualTo("temperature: expected a number from 0 to 2, got 7.5");
            });
  }
}
