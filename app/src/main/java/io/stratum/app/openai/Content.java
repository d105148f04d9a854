package io.stratum.app.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.app.usecase.Inputs;
import io.stratum.app.usecase.InvalidInputException;
import java.util.Set;

/**
 * The text of a message's content: a string, or a list of text parts ({@code text}, {@code
 * input_text}, {@code output_text}, {@code refusal}) joined. Images, audio and files are refused
 * naming the part: the gateway carries text.
 */
final class Content {
  private static final Set<String> TEXT = Set.of("text", "input_text", "output_text", "refusal");

  private Content() {}

  static String text(JsonNode content, String path) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      throw new InvalidInputException(
          path, "expected a string or a list of text parts, got " + content.getNodeType());
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String type = part.path("type").asText("");
      if (!TEXT.contains(type)) {
        throw new InvalidInputException(
            path + "[" + i + "].type",
            "only text parts are carried by the gateway, got '" + Inputs.echo(type) + "'");
      }
      JsonNode text = part.get(type.equals("refusal") ? "refusal" : "text");
      if (text == null || !text.isTextual()) {
        throw new InvalidInputException(path + "[" + i + "].text", "expected a string");
      }
      b.append(text.asText());
    }
    return b.toString();
  }
}
