package io.stratum.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.Plan;
import io.stratum.dispatch.Planner;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.dispatch.ToolCall;
import io.stratum.dispatch.ToolSpec;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every body we send on the Responses and Chat Completions wires validates against OpenAI's
 * published API, as OpenAI's official Java SDK (generated from its OpenAPI description) reads it:
 * the SDK's {@code validate()} walks every union (input items, messages, tools) and refuses a shape
 * the description does not name, or a required field left out.
 */
class OpenAiBodiesTest {
  private static final Planner PLANNER = new Planner(ModelCatalog.standard());
  private static final ToolCall CALL = new ToolCall("call_1", "search", "{\"q\":\"key rotation\"}");

  /** A conversation with every kind of turn: an assistant's text, its tool call, the result. */
  static ChatRequest conversation() {
    return new ChatRequest(
        List.of(
            ChatMessage.system("Answer from the corpus."),
            ChatMessage.user("How are keys rotated?"),
            ChatMessage.assistant("", List.of(CALL)),
            ChatMessage.toolResult("call_1", "ADR-0003: every 365 days"),
            ChatMessage.assistant("Every 365 days [1]."),
            ChatMessage.user("And data keys?"),
            ChatMessage.assistant("Let me look.", List.of(CALL)),
            ChatMessage.toolResult("call_1", "ADR-0003: per object, never reused")),
        null,
        null,
        null,
        List.of(),
        ReasoningEffort.LOW,
        null,
        List.of(
            new ToolSpec(
                "search",
                "Search the corpus",
                "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}")));
  }

  private static Plan plan(String model, Backend backend) {
    return PLANNER.plan(conversation(), model, null, backend, false);
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void every_responses_body_validates_against_openai_s_published_api(boolean stream)
      throws Exception {
    String body =
        OpenAiWire.responsesBody(plan("openai.gpt-5.5", Backend.RESPONSES), conversation(), stream)
            .toString();

    ResponseCreateParams.Body parsed =
        ObjectMappers.jsonMapper().readValue(body, ResponseCreateParams.Body.class);

    parsed.validate();
    assertThat(parsed.input().orElseThrow().asResponse()).hasSize(8);
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void every_chat_body_validates_against_openai_s_published_api(boolean stream) throws Exception {
    // The description takes any string as the model (ModelIdsShared); the SDK's validate() knows
    // only OpenAI's own names, so the Bedrock id is swapped for one of them before validating.
    String body =
        OpenAiWire.chatBody(plan("openai.gpt-oss-120b", Backend.CHAT), conversation(), stream)
            .put("model", "gpt-4.1")
            .toString();

    ChatCompletionCreateParams.Body parsed =
        ObjectMappers.jsonMapper().readValue(body, ChatCompletionCreateParams.Body.class);

    parsed.validate();
    assertThat(parsed.messages()).hasSize(8);
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void a_function_tool_says_strict_false_on_both_wires_so_one_definition_behaves_the_same(
      boolean stream) {
    JsonNode responses =
        OpenAiWire.responsesBody(plan("openai.gpt-5.5", Backend.RESPONSES), conversation(), stream);
    JsonNode chat =
        OpenAiWire.chatBody(plan("openai.gpt-oss-120b", Backend.CHAT), conversation(), stream);

    assertThat(responses.at("/tools/0/strict").isBoolean()).isTrue();
    assertThat(responses.at("/tools/0/strict").asBoolean()).isFalse();
    assertThat(chat.at("/tools/0/function/strict").isBoolean()).isTrue();
    assertThat(chat.at("/tools/0/function/strict").asBoolean()).isFalse();
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void an_assistant_s_tool_call_goes_out_before_its_result_on_both_wires(boolean stream) {
    JsonNode input =
        OpenAiWire.responsesBody(plan("openai.gpt-5.5", Backend.RESPONSES), conversation(), stream)
            .get("input");
    JsonNode messages =
        OpenAiWire.chatBody(plan("openai.gpt-oss-120b", Backend.CHAT), conversation(), stream)
            .get("messages");

    assertThat(input.get(1).toString())
        .isEqualTo(
            "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"search\",\"arguments\":\"{\\\"q\\\":\\\"key rotation\\\"}\"}");
    assertThat(input.get(2).get("type").asText()).isEqualTo("function_call_output");
    assertThat(input.get(3).toString())
        .isEqualTo(
            "{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"Every 365 days [1].\"}");
    assertThat(messages.get(2).toString())
        .isEqualTo(
            "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"search\",\"arguments\":\"{\\\"q\\\":\\\"key rotation\\\"}\"}}]}");
    assertThat(messages.get(3).get("tool_call_id").asText()).isEqualTo("call_1");
  }
}
