package io.stratum.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The simulator refuses on the OpenAI-compatible surfaces what the real service refuses in a
 * request's history and tools, with its messages: what a dispatcher that drops tool calls from
 * history, or leaves {@code strict} out, would run into in production.
 */
class OpenAiRequestRulesTest extends OneSimulator {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String LOOSE_TOOL =
      "{\"type\":\"function\",\"name\":\"search\",\"description\":\"d\",\"parameters\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}";
  static final String CALL =
      "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"search\",\"arguments\":\"{}\"}";
  static final String OUTPUT =
      "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"found\"}";
  static final String USER = "{\"type\":\"message\",\"role\":\"user\",\"content\":\"keys?\"}";

  static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(sim.endpoint() + path))
            .header("Authorization", "Bearer " + sim.apiKey())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> responses(String input, String tools) throws Exception {
    return post(
        "/v1/responses",
        "{\"model\":\"openai.gpt-oss-120b\",\"input\":[" + input + "],\"tools\":[" + tools + "]}");
  }

  static HttpResponse<String> chat(String messages, String tools) throws Exception {
    return post(
        "/v1/chat/completions",
        "{\"model\":\"openai.gpt-oss-120b\",\"messages\":["
            + messages
            + "],\"tools\":["
            + tools
            + "]}");
  }

  static JsonNode error(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    return JSON.readTree(r.body()).get("error");
  }

  @Test
  void responses_refuses_an_assistant_message_of_output_text_parts_that_is_no_output_message()
      throws Exception {
    JsonNode e =
        error(
            responses(
                USER
                    + ",{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"x\"}]}",
                ""));

    assertThat(e.get("message").asText())
        .isEqualTo(
            "Invalid value: 'output_text'. Supported values are: 'input_text', 'input_image', and 'input_file'.");
    assertThat(e.get("param").asText()).isEqualTo("input[1].content[0].type");
  }

  @Test
  void responses_refuses_a_tool_result_with_no_call_before_it_and_a_call_with_no_result()
      throws Exception {
    assertThat(error(responses(USER + "," + OUTPUT, "")).get("message").asText())
        .isEqualTo("No tool call found for function call output with call_id call_1.");
    assertThat(error(responses(USER + "," + CALL, "")).get("message").asText())
        .isEqualTo("No tool output found for function call call_1.");
  }

  @Test
  void responses_takes_an_absent_strict_as_true_and_refuses_a_schema_strict_mode_cannot_take()
      throws Exception {
    JsonNode e = error(responses(USER, LOOSE_TOOL + "}"));

    assertThat(e.get("message").asText())
        .isEqualTo(
            "Invalid schema for function 'search': In context=(), 'additionalProperties' is required to be supplied and to be false.");
    assertThat(e.get("param").asText()).isEqualTo("tools[0].parameters");
  }

  @Test
  void responses_and_chat_take_a_round_trip_with_strict_false_and_any_schema() throws Exception {
    HttpResponse<String> r =
        responses(
            USER
                + ","
                + CALL
                + ","
                + OUTPUT
                + ",{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"ok\"},"
                + USER,
            LOOSE_TOOL + ",\"strict\":false}");
    HttpResponse<String> c =
        chat(
            "{\"role\":\"user\",\"content\":\"keys?\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"search\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"found\"}",
            "{\"type\":\"function\",\"function\":{\"name\":\"search\",\"parameters\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}}}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(c.statusCode()).as("chat: an absent strict is false: " + c.body()).isEqualTo(200);
  }

  @Test
  void chat_refuses_a_tool_message_that_answers_no_preceding_call() throws Exception {
    JsonNode e =
        error(
            chat(
                "{\"role\":\"user\",\"content\":\"keys?\"},{\"role\":\"assistant\",\"content\":\"looking\"},{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"found\"}",
                ""));

    assertThat(e.get("message").asText())
        .isEqualTo(
            "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.");
    assertThat(e.get("param").asText()).isEqualTo("messages.[2].role");
  }
}
