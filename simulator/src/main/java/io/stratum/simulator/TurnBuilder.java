package io.stratum.simulator;

import java.util.List;

/** Plays the model: turns what was asked into a {@link Turn}, honouring ceilings and stops. */
final class TurnBuilder {
  private TurnBuilder() {}

  /**
   * @param reasoningTokens tokens spent reasoning (counted inside the output budget)
   * @param reasoningText visible reasoning text, may be empty
   * @param maxTokens the output ceiling, covering reasoning and text
   * @param tools tool names offered; a tool named in the user's message is called
   */
  static Turn build(
      SimModel model,
      String lastUser,
      int inputTokens,
      int cacheRead,
      int cacheWrite,
      int reasoningTokens,
      String reasoningText,
      String signature,
      int maxTokens,
      List<String> stopSequences,
      List<String> tools) {
    String toolName = tools.stream().filter(t -> lastUser.contains(t)).findFirst().orElse(null);
    String text =
        toolName == null ? Replies.text(model, lastUser) : "I will call " + toolName + " now.";
    String stop = toolName == null ? "end_turn" : "tool_use";
    for (String s : stopSequences) {
      int at = s.isEmpty() ? -1 : text.indexOf(s);
      if (at >= 0) {
        text = text.substring(0, at);
        stop = "stop_sequence";
        toolName = null;
      }
    }
    int reasoning = reasoningTokens;
    String visibleReasoning = reasoningText;
    if (reasoning >= maxTokens) {
      reasoning = maxTokens;
      visibleReasoning = Replies.truncate(reasoningText, maxTokens);
      text = "";
      stop = "max_tokens";
      toolName = null;
    } else if (reasoning + Replies.tokens(text) > maxTokens) {
      text = Replies.truncate(text, maxTokens - reasoning);
      stop = "max_tokens";
      toolName = null;
    }
    String toolId = toolName == null ? null : "tooluse_" + Replies.digest(lastUser + toolName);
    String toolInput =
        toolName == null ? null : "{\"query\":" + jsonString(Replies.words(lastUser, 8)) + "}";
    int output = reasoning + Replies.tokens(text);
    return new Turn(
        text,
        visibleReasoning,
        signature,
        inputTokens,
        output,
        reasoning,
        cacheRead,
        cacheWrite,
        stop,
        toolName,
        toolId,
        toolInput);
  }

  static String jsonString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
