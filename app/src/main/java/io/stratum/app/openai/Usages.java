package io.stratum.app.openai;

import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.StopReason;
import io.stratum.dispatch.Usage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Usage and stop reasons in OpenAI's words. The dispatcher counts reasoning apart from the answer
 * and cached input apart from the rest; OpenAI counts both inside the totals and names them in the
 * details ({@code completion_tokens_details.reasoning_tokens}, {@code
 * output_tokens_details.reasoning_tokens}, {@code cached_tokens}).
 */
final class Usages {
  private Usages() {}

  static int input(Usage u) {
    return u.input() + u.cacheRead() + u.cacheWrite();
  }

  static int output(Usage u) {
    return u.output() + u.reasoning();
  }

  static Map<String, Object> chat(Usage u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("prompt_tokens", input(u));
    m.put("completion_tokens", output(u));
    m.put("total_tokens", input(u) + output(u));
    m.put("prompt_tokens_details", Map.of("cached_tokens", u.cacheRead()));
    m.put("completion_tokens_details", Map.of("reasoning_tokens", u.reasoning()));
    return m;
  }

  static Map<String, Object> responses(Usage u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input_tokens", input(u));
    m.put(
        "input_tokens_details",
        Map.of("cached_tokens", u.cacheRead(), "cache_write_tokens", u.cacheWrite()));
    m.put("output_tokens", output(u));
    m.put("output_tokens_details", Map.of("reasoning_tokens", u.reasoning()));
    m.put("total_tokens", input(u) + output(u));
    return m;
  }

  /** Chat's {@code finish_reason}. */
  static String finish(ChatResult r) {
    if (!r.toolCalls().isEmpty()) {
      return "tool_calls";
    }
    return switch (r.stopReason()) {
      case END_TURN, STOP_SEQUENCE, TOOL_USE -> "stop";
      case MAX_TOKENS, INCOMPLETE -> "length";
      case CONTENT_FILTER -> "content_filter";
    };
  }

  /** Why a Responses answer is incomplete, or null when it is complete. */
  static String incomplete(StopReason stop) {
    return switch (stop) {
      case MAX_TOKENS, INCOMPLETE -> "max_output_tokens";
      case CONTENT_FILTER -> "content_filter";
      case END_TURN, STOP_SEQUENCE, TOOL_USE -> null;
    };
  }
}
