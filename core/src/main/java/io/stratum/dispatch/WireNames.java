package io.stratum.dispatch;

import io.stratum.catalog.Backend;
import io.stratum.catalog.ReasoningStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each normalized parameter is called on each wire, for {@code renamedParams}. */
final class WireNames {
  private WireNames() {}

  static Map<String, String> renamed(
      Backend backend,
      ReasoningStyle style,
      ChatRequest req,
      boolean maxSent,
      Double temperature,
      Double topP,
      List<String> stop,
      boolean effortSent) {
    Map<String, String> m = new LinkedHashMap<>();
    if (maxSent) {
      m.put(
          "maxOutputTokens",
          switch (backend) {
            case CONVERSE -> "inferenceConfig.maxTokens";
            case RESPONSES -> "max_output_tokens";
            case CHAT -> "max_completion_tokens";
            case LOCAL -> "maxOutputTokens";
          });
    }
    if (temperature != null && backend == Backend.CONVERSE) {
      m.put("temperature", "inferenceConfig.temperature");
    }
    if (topP != null) {
      m.put("topP", backend == Backend.CONVERSE ? "inferenceConfig.topP" : "top_p");
    }
    if (!stop.isEmpty() && backend == Backend.CONVERSE) {
      m.put("stop", "inferenceConfig.stopSequences");
    }
    if (effortSent && req.reasoningEffort() != null) {
      m.put(
          "reasoningEffort",
          switch (backend) {
            case RESPONSES -> "reasoning.effort";
            case CHAT -> "reasoning_effort";
            case LOCAL -> "reasoningEffort";
            case CONVERSE ->
                switch (style) {
                  case CLAUDE_BUDGET -> "additionalModelRequestFields.thinking.budget_tokens";
                  case CLAUDE_ADAPTIVE, CLAUDE_ADAPTIVE_ONLY -> "outputConfig.effort";
                  case NOVA_REASONING ->
                      "additionalModelRequestFields.reasoningConfig.maxReasoningEffort";
                  default -> "additionalModelRequestFields.reasoning_effort";
                };
          });
    }
    m.entrySet().removeIf(e -> e.getKey().equals(e.getValue()));
    return m;
  }
}
