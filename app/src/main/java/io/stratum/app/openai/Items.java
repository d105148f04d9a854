package io.stratum.app.openai;

import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The output items of a Responses answer: reasoning, the message, function calls. */
final class Items {
  private Items() {}

  static Map<String, Object> reasoning(String id, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "reasoning");
    m.put("id", id);
    m.put("summary", List.of(Map.of("type", "summary_text", "text", text)));
    return m;
  }

  static Map<String, Object> message(String id, String text, String status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "message");
    m.put("id", id);
    m.put("status", status);
    m.put("role", "assistant");
    m.put("content", status.equals("in_progress") ? List.of() : List.of(text(text)));
    return m;
  }

  static Map<String, Object> text(String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "output_text");
    m.put("text", text);
    m.put("annotations", List.of());
    return m;
  }

  static Map<String, Object> functionCall(String id, ToolCall c, String status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "function_call");
    m.put("id", id);
    m.put("call_id", c.id());
    m.put("name", c.name());
    m.put("arguments", status.equals("in_progress") ? "" : c.argumentsJson());
    m.put("status", status);
    return m;
  }

  /** Every item of a finished answer, in order, for an unstreamed response. */
  static List<Object> all(String prefix, ChatResult r) {
    List<Object> out = new ArrayList<>();
    if (!r.reasoning().isEmpty()) {
      out.add(reasoning("rs_" + prefix, r.reasoning()));
    }
    if (!r.text().isEmpty() || r.toolCalls().isEmpty()) {
      out.add(message("msg_" + prefix, r.text(), "completed"));
    }
    for (int i = 0; i < r.toolCalls().size(); i++) {
      out.add(functionCall("fc_" + prefix + "_" + i, r.toolCalls().get(i), "completed"));
    }
    return out;
  }
}
