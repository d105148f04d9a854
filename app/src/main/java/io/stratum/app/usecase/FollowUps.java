package io.stratum.app.usecase;

import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.Role;
import io.stratum.store.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The light work of a conversation, done by the basic model where the workspace allows that tier:
 * rewriting a follow-up to stand alone, and keeping a running summary. The in-process model cannot
 * do either, so with it both fall back to plain text operations that keep retrieval's terms.
 */
final class FollowUps {
  /** How many earlier messages go into the prompt verbatim. */
  static final int RECENT_MESSAGES = 6;

  /** A summary is written once this many messages exist, and again every 10 after. */
  static final int SUMMARIZE_FROM = 12;

  static final int REWRITE_MAX_TOKENS = 128;
  static final int SUMMARY_MAX_TOKENS = 512;
  static final String REWRITE_PROMPT =
      "Rewrite the user's last question so it can be understood without the conversation: resolve"
          + " pronouns and references. Reply with the rewritten question only.";
  static final String SUMMARY_PROMPT =
      "Summarize this conversation in at most 10 sentences: the questions asked, the answers and"
          + " the documents they relied on. Reply with the summary only.";

  private final Function<ChatRequest, ChatResult> basic;

  /**
   * @param basic calls the basic tier's model (reserved and billed by the caller), or null when it
   *     is the in-process one or the workspace may not use the basic tier
   */
  FollowUps(Function<ChatRequest, ChatResult> basic) {
    this.basic = basic;
  }

  /** The last {@link #RECENT_MESSAGES} messages, as the model sees them. */
  static List<ChatMessage> recent(List<Message> messages) {
    List<ChatMessage> recent = new ArrayList<>();
    for (Message m :
        messages.subList(Math.max(0, messages.size() - RECENT_MESSAGES), messages.size())) {
      recent.add(
          m.role().equals("user") ? ChatMessage.user(m.text()) : ChatMessage.assistant(m.text()));
    }
    return recent;
  }

  /** Whether the turn that brings a conversation to {@code count} messages writes a summary. */
  static boolean summarizes(int count) {
    return count >= SUMMARIZE_FROM && (count - SUMMARIZE_FROM) % 10 == 0;
  }

  /**
   * A follow-up rewritten to stand alone; without the basic model, the previous question is
   * prepended instead, which keeps the terms retrieval needs.
   */
  String rewrite(List<ChatMessage> recent, String question) {
    if (recent.isEmpty()) {
      return question;
    }
    if (basic == null) {
      String previous = "";
      for (ChatMessage m : recent) {
        if (m.role() == Role.USER) {
          previous = m.text();
        }
      }
      return (previous + " " + question).strip();
    }
    List<ChatMessage> msgs = new ArrayList<>();
    msgs.add(ChatMessage.system(REWRITE_PROMPT));
    msgs.addAll(recent);
    msgs.add(ChatMessage.user(question));
    ChatResult r =
        basic.apply(
            ChatRequest.of(msgs.toArray(ChatMessage[]::new))
                .withMaxOutputTokens(REWRITE_MAX_TOKENS));
    String rewritten = r.text().strip();
    return rewritten.isEmpty() ? question : rewritten;
  }

  /**
   * The running summary of all but the recent messages; without the basic model, each question and
   * each answer's first sentence.
   */
  String summarize(List<Message> all) {
    List<Message> older = all.subList(0, Math.max(0, all.size() - RECENT_MESSAGES));
    if (basic == null) {
      StringBuilder s = new StringBuilder();
      for (Message m : older) {
        if (m.role().equals("user")) {
          s.append("Asked: ").append(m.text().strip()).append(' ');
        } else {
          String first = m.text().split("(?<=[.!?])\\s+", 2)[0];
          s.append("Answered: ").append(first.strip()).append(' ');
        }
      }
      return s.length() > 2000 ? s.substring(0, 2000) : s.toString().strip();
    }
    StringBuilder transcript = new StringBuilder();
    for (Message m : older) {
      transcript.append(m.role()).append(": ").append(m.text().replace('\n', ' ')).append('\n');
    }
    ChatResult r =
        basic.apply(
            ChatRequest.of(
                    ChatMessage.system(SUMMARY_PROMPT), ChatMessage.user(transcript.toString()))
                .withMaxOutputTokens(SUMMARY_MAX_TOKENS));
    return r.text().strip();
  }
}
