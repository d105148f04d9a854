package io.stratum.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.catalog.ReasoningStyle;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.Plan;
import io.stratum.dispatch.StopReason;
import io.stratum.dispatch.ToolCall;
import io.stratum.dispatch.ToolSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/** A {@link Plan} in Converse's terms, and Converse's stop reasons in ours. */
final class ConverseMapper {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConverseMapper() {}

  static List<SystemContentBlock> system(ChatRequest req) {
    String s = req.systemText();
    return s.isEmpty() ? List.of() : List.of(SystemContentBlock.fromText(s));
  }

  static List<Message> messages(ChatRequest req) {
    List<Message> out = new ArrayList<>();
    for (ChatMessage m : req.messages()) {
      switch (m.role()) {
        case SYSTEM -> {}
        case USER ->
            out.add(
                Message.builder()
                    .role(ConversationRole.USER)
                    .content(ContentBlock.fromText(m.text()))
                    .build());
        case ASSISTANT -> {
          List<ContentBlock> blocks = new ArrayList<>();
          if (!m.text().isEmpty() || m.toolCalls().isEmpty()) {
            blocks.add(ContentBlock.fromText(m.text()));
          }
          for (ToolCall c : m.toolCalls()) {
            blocks.add(
                ContentBlock.fromToolUse(
                    ToolUseBlock.builder()
                        .toolUseId(c.id())
                        .name(c.name())
                        .input(arguments(c))
                        .build()));
          }
          out.add(Message.builder().role(ConversationRole.ASSISTANT).content(blocks).build());
        }
        case TOOL ->
            out.add(
                Message.builder()
                    .role(ConversationRole.USER)
                    .content(
                        ContentBlock.fromToolResult(
                            ToolResultBlock.builder()
                                .toolUseId(m.toolCallId())
                                .content(ToolResultContentBlock.fromText(m.text()))
                                .build()))
                    .build());
      }
    }
    return out;
  }

  /** A call's JSON arguments as the document Converse carries ({@code {}} when empty). */
  private static Document arguments(ToolCall c) {
    try {
      String json =
          c.argumentsJson() == null || c.argumentsJson().isBlank() ? "{}" : c.argumentsJson();
      return document(JSON.readTree(json));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "tool call "
              + c.id()
              + " ("
              + c.name()
              + "): arguments are not valid JSON: "
              + e.getMessage(),
          e);
    }
  }

  static InferenceConfiguration inference(Plan p) {
    InferenceConfiguration.Builder b = InferenceConfiguration.builder();
    if (p.maxOutputTokens() > 0) {
      b.maxTokens(p.maxOutputTokens());
    }
    if (p.temperature() != null) {
      b.temperature(p.temperature().floatValue());
    }
    if (p.topP() != null) {
      b.topP(p.topP().floatValue());
    }
    if (!p.stop().isEmpty()) {
      b.stopSequences(p.stop());
    }
    return b.build();
  }

  /** Reasoning knobs and pass-through parameters, as the family expects them. */
  static Document additionalFields(Plan p) {
    Document.MapBuilder b = Document.mapBuilder();
    switch (p.thinking()) {
      case BUDGET ->
          b.putDocument(
              "thinking",
              Document.mapBuilder()
                  .putString("type", "enabled")
                  .putNumber("budget_tokens", p.thinkingBudget())
                  .build());
      case ADAPTIVE ->
          b.putDocument("thinking", Document.mapBuilder().putString("type", "adaptive").build());
      case OFF -> {}
    }
    if (p.effort() != null) {
      switch (p.family().reasoning()) {
        case NOVA_REASONING ->
            b.putDocument(
                "reasoningConfig",
                Document.mapBuilder()
                    .putString("type", "enabled")
                    .putString("maxReasoningEffort", p.effort())
                    .build());
        case EFFORT_FIELD -> b.putString("reasoning_effort", p.effort());
        default -> {}
      }
    }
    for (Map.Entry<String, Object> e : p.extra().entrySet()) {
      b.putDocument(e.getKey(), document(JSON.valueToTree(e.getValue())));
    }
    return b.build();
  }

  static boolean hasAdditionalFields(Plan p) {
    return p.thinking() != Plan.Thinking.OFF
        || !p.extra().isEmpty()
        || (p.effort() != null
            && (p.family().reasoning() == ReasoningStyle.NOVA_REASONING
                || p.family().reasoning() == ReasoningStyle.EFFORT_FIELD));
  }

  static ToolConfiguration tools(List<ToolSpec> tools) {
    List<Tool> out = new ArrayList<>();
    for (ToolSpec t : tools) {
      Document schema;
      try {
        schema = document(JSON.readTree(t.jsonSchema()));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "tool " + t.name() + ": jsonSchema is not valid JSON: " + e.getMessage(), e);
      }
      out.add(
          Tool.fromToolSpec(
              ToolSpecification.builder()
                  .name(t.name())
                  .description(t.description())
                  .inputSchema(s -> s.json(schema))
                  .build()));
    }
    return ToolConfiguration.builder().tools(out).build();
  }

  static Document document(JsonNode n) {
    if (n == null || n.isNull()) {
      return Document.fromNull();
    }
    if (n.isObject()) {
      Document.MapBuilder m = Document.mapBuilder();
      n.properties().forEach(e -> m.putDocument(e.getKey(), document(e.getValue())));
      return m.build();
    }
    if (n.isArray()) {
      List<Document> l = new ArrayList<>();
      n.forEach(x -> l.add(document(x)));
      return Document.fromList(l);
    }
    if (n.isBoolean()) {
      return Document.fromBoolean(n.asBoolean());
    }
    if (n.isIntegralNumber()) {
      return Document.fromNumber(n.asLong());
    }
    if (n.isNumber()) {
      return Document.fromNumber(n.decimalValue());
    }
    return Document.fromString(n.asText());
  }

  static String json(Document d) {
    return d == null ? "{}" : d.toString();
  }

  static StopReason stop(String reason) {
    if (reason == null) {
      return StopReason.END_TURN;
    }
    return switch (reason) {
      case "max_tokens" -> StopReason.MAX_TOKENS;
      case "stop_sequence" -> StopReason.STOP_SEQUENCE;
      case "tool_use" -> StopReason.TOOL_USE;
      case "content_filtered", "guardrail_intervened" -> StopReason.CONTENT_FILTER;
      case "model_context_window_exceeded", "malformed_model_output", "malformed_tool_use" ->
          StopReason.INCOMPLETE;
      default -> StopReason.END_TURN;
    };
  }
}
