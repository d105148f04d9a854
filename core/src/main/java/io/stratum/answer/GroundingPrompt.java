package io.stratum.answer;

import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.retrieval.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt that grounds a model in retrieved passages, and its inverse. Passages go in XML-like
 * tags numbered as the model must cite them; the same format is read back by a model that works on
 * the passages directly (the local extractive model), so both sides agree by construction.
 */
public final class GroundingPrompt {
  /** What every model is told to say when the passages do not answer the question. */
  public static final String REFUSAL = "The workspace has nothing on this.";

  static final String PLATFORM_PROMPT =
      """
      You answer questions for an organization using only the numbered passages supplied with \
      the question. Cite every sentence with the passage numbers it relies on, like [1] or [2][3]. \
      Prefer accepted documents over superseded ones. If the passages do not answer the question, \
      reply exactly: %s"""
          .formatted(REFUSAL);

  private static final Pattern PASSAGE =
      Pattern.compile(
          "<passage n=\"(\\d+)\" title=\"([^\"]*)\" section=\"([^\"]*)\">\\n(.*?)\\n</passage>",
          Pattern.DOTALL);
  private static final Pattern QUESTION =
      Pattern.compile("<question>\\n(.*?)\\n</question>", Pattern.DOTALL);

  private GroundingPrompt() {}

  /** One passage as the prompt shows it. */
  public record Source(int n, String title, String section, String text) {}

  /** The passages and the question read back from a prompt. */
  public record Parsed(List<Source> sources, String question) {}

  /**
   * What a chat turn adds around the passages: each workspace's instructions (appended to the
   * platform prompt), the running summary of earlier turns, and the latest turns verbatim.
   */
  public record Layers(List<String> workspacePrompts, String summary, List<ChatMessage> history) {
    public static final Layers NONE = new Layers(List.of(), "", List.of());

    public Layers {
      workspacePrompts = List.copyOf(workspacePrompts);
      history = List.copyOf(history);
    }
  }

  public static ChatRequest request(String question, List<Passage> passages, int maxTokens) {
    return request(question, passages, maxTokens, Layers.NONE);
  }

  /** The prompt in layers: platform, workspace instructions, summary, recent turns, passages. */
  public static ChatRequest request(
      String question, List<Passage> passages, int maxTokens, Layers layers) {
    StringBuilder user = new StringBuilder();
    for (Passage p : passages) {
      String status = p.superseded() ? " (SUPERSEDED)" : "";
      user.append("<passage n=\"")
          .append(p.rank())
          .append("\" title=\"")
          .append(attribute(p.title() + status))
          .append("\" section=\"")
          .append(attribute(p.heading()))
          .append("\">\n")
          .append(p.text().replace("</passage>", "< /passage>"))
          .append("\n</passage>\n");
    }
    user.append("<question>\n")
        .append(question.replace("</question>", "< /question>"))
        .append("\n</question>");
    StringBuilder system = new StringBuilder(PLATFORM_PROMPT);
    for (String prompt : layers.workspacePrompts()) {
      if (!prompt.isBlank()) {
        system.append("\n\nWorkspace instructions:\n").append(prompt.strip());
      }
    }
    if (!layers.summary().isBlank()) {
      system.append("\n\nSummary of the conversation so far:\n").append(layers.summary().strip());
    }
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(ChatMessage.system(system.toString()));
    messages.addAll(layers.history());
    messages.add(ChatMessage.user(user.toString()));
    return ChatRequest.of(messages.toArray(ChatMessage[]::new)).withMaxOutputTokens(maxTokens);
  }

  /** Reads back the passages and question of a prompt made by {@link #request}. */
  public static Parsed parse(String userText) {
    List<Source> sources = new ArrayList<>();
    Matcher m = PASSAGE.matcher(userText);
    while (m.find()) {
      sources.add(new Source(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4)));
    }
    Matcher q = QUESTION.matcher(userText);
    String question = q.find() ? q.group(1) : userText;
    return new Parsed(sources, question);
  }

  private static String attribute(String value) {
    return value.replace('"', '\'').replace('\n', ' ');
  }
}
