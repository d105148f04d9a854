package io.stratum.app.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.app.usecase.InvalidInputException;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.dispatch.Role;
import io.stratum.dispatch.StopReason;
import io.stratum.dispatch.ToolCall;
import io.stratum.dispatch.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenAI request bodies read into gateway calls, and results rendered back, field by field. */
class OpenAiRequestsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String s) throws Exception {
    return JSON.readTree(s.replace('\'', '"'));
  }

  static OpenAiApi.Request chat(String extra) throws Exception {
    return OpenAiApi.chat(
        json("{'model':'stratum-basic','messages':[{'role':'user','content':'Hi'}]" + extra + "}"));
  }

  @Test
  void a_chat_request_is_read_into_the_dispatchers_normalized_request() throws Exception {
    OpenAiApi.Request r =
        OpenAiApi.chat(
            json(
                """
                {'model':'stratum-advanced','max_tokens':300,'temperature':0.2,'top_p':0.9,
                 'stop':'END','reasoning_effort':'high','stream':true,
                 'messages':[{'role':'developer','content':'Be brief.'},
                   {'role':'user','content':[{'type':'text','text':'Rotate '},{'type':'text','text':'keys?'}]},
                   {'role':'assistant','content':null,'tool_calls':[{'id':'c1','type':'function',
                     'function':{'name':'look','arguments':'{}'}}]},
                   {'role':'tool','tool_call_id':'c1','content':'done'}],
                 'tools':[{'type':'function','function':{'name':'look','parameters':{'type':'object'}}}]}
                """));

    var q = r.call().request();
    assertThat(r.call().stream()).isTrue();
    assertThat(q.messages())
        .containsExactly(
            ChatMessage.system("Be brief."),
            ChatMessage.user("Rotate keys?"),
            ChatMessage.assistant("", List.of(new ToolCall("c1", "look", "{}"))),
            ChatMessage.toolResult("c1", "done"));
    assertThat(q.maxOutputTokens()).isEqualTo(300);
    assertThat(q.temperature()).isEqualTo(0.2);
    assertThat(q.topP()).isEqualTo(0.9);
    assertThat(q.stop()).containsExactly("END");
    assertThat(q.reasoningEffort()).isEqualTo(ReasoningEffort.HIGH);
    assertThat(q.tools()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("look"));
    assertThat(r.call().notCarried()).isEmpty();
  }

  @Test
  void bad_values_are_refused_naming_the_parameter_and_the_value() {
    assertThatThrownBy(() -> chat(",'temperature':7.5"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("temperature: expected a number from 0 to 2, got 7.5");
    assertThatThrownBy(() -> chat(",'n':2")).hasMessage("n: only 1 choice is served, got 2");
    assertThatThrownBy(() -> chat(",'max_tokens':1.5"))
        .hasMessage("max_tokens: expected a whole number from 1 to 1000000, got 1.5");
    assertThatThrownBy(() -> chat(",'reasoning_effort':'max'"))
        .hasMessage(
            "reasoning_effort: expected none, minimal, low, medium, high or xhigh, got 'max'");
    assertThatThrownBy(() -> chat(",'frobnicate':true"))
        .hasMessage(
            "frobnicate: unknown parameter for chat completions (OpenAI's API defines no such field)");
    assertThatThrownBy(
            () ->
                OpenAiApi.chat(
                    json(
                        "{'model':'m','messages':[{'role':'user','content':[{'type':'image_url','image_url':{}}]}]}")))
        .hasMessage(
            "messages[0].content[0].type: only text parts are carried by the gateway, got 'image_url'");
    assertThatThrownBy(() -> OpenAiApi.chat(json("{'model':'m'}")))
        .hasMessage("messages: is required");
    assertThatThrownBy(
            () ->
                OpenAiApi.responses(json("{'model':'m','input':'x','previous_response_id':'r1'}")))
        .hasMessage(
            "previous_response_id: Stratum keeps no responses, conversations or prompts: send the whole conversation in input");
  }

  @Test
  void parameters_no_model_here_takes_are_dropped_and_named_by_their_openai_names()
      throws Exception {
    OpenAiApi.Request r =
        chat(",'user':'u1','logprobs':false,'parallel_tool_calls':true,'seed':7,'max_tokens':9000");

    assertThat(r.call().notCarried())
        .containsExactly(
            "user=\"u1\" (not carried by the gateway)", "seed=7 (not carried by the gateway)");
    assertThat(
            r.dropped(
                List.of(
                    "maxOutputTokens=9000 (above the gpt-5.5 hard ceiling)",
                    "topP=0.9 (refused)",
                    "temperature=1 (refused)")))
        .isEqualTo("user,seed,max_tokens,top_p,temperature");
    OpenAiApi.Request responses =
        OpenAiApi.responses(json("{'model':'m','input':'x','reasoning':{'effort':'high'}}"));
    assertThat(responses.dropped(List.of("reasoningEffort=high (x)", "maxOutputTokens=9 (y)")))
        .isEqualTo("reasoning.effort,max_output_tokens");
  }

  @Test
  void responses_input_items_become_one_conversation_with_tool_calls_on_the_assistant_turn()
      throws Exception {
    OpenAiApi.Request r =
        OpenAiApi.responses(
            json(
                """
                {'model':'m','instructions':'Be brief.','input':[
                  {'role':'user','content':'Rotate?'},
                  {'type':'reasoning','id':'rs_1','summary':[]},
                  {'type':'function_call','call_id':'c1','name':'look','arguments':'{}'},
                  {'type':'function_call','call_id':'c2','name':'look','arguments':'{\\'a\\':1}'},
                  {'type':'function_call_output','call_id':'c1','output':'one'},
                  {'type':'function_call_output','call_id':'c2','output':[{'type':'input_text','text':'two'}]}]}
                """));

    assertThat(r.call().request().messages())
        .extracting(ChatMessage::role)
        .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL);
    assertThat(r.call().request().messages().get(2).toolCalls())
        .extracting(ToolCall::id)
        .containsExactly("c1", "c2");
    assertThat(r.call().request().messages().get(4).text()).isEqualTo("two");
  }

  static ChatResult result(String text, List<ToolCall> calls, StopReason stop) {
    return new ChatResult(
        text,
        "thought",
        calls,
        stop,
        new Usage(10, 5, 7, 3, 0),
        "openai.gpt-5.5",
        "responses",
        "",
        List.of(),
        Map.of(),
        Duration.ZERO,
        Duration.ZERO,
        List.of());
  }

  @Test
  void usage_counts_reasoning_and_cached_tokens_inside_the_totals_as_openai_does()
      throws Exception {
    JsonNode c =
        JSON.valueToTree(
            chat("")
                .body(result("", List.of(new ToolCall("c1", "look", "{}")), StopReason.TOOL_USE)));

    assertThat(c.at("/choices/0/message/content").isNull()).isTrue();
    assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(c.at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("look");
    assertThat(c.get("usage").toString())
        .isEqualTo(
            "{\"prompt_tokens\":13,\"completion_tokens\":12,\"total_tokens\":25,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":3},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":7}}");
    JsonNode r =
        JSON.valueToTree(
            OpenAiApi.responses(json("{'model':'m','input':'x'}"))
                .body(result("partial", List.of(), StopReason.MAX_TOKENS)));
    assertThat(r.get("status").asText()).isEqualTo("incomplete");
    assertThat(r.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
    assertThat(r.at("/output/0/type").asText()).isEqualTo("reasoning");
    assertThat(r.at("/output/1/content/0/text").asText()).isEqualTo("partial");
    assertThat(r.at("/usage/output_tokens_details/reasoning_tokens").asInt()).isEqualTo(7);
    assertThat(r.at("/usage/output_tokens").asInt()).isEqualTo(12);
  }
}
