package io.stratum.app.usecase;

import io.stratum.access.Action;
import io.stratum.access.Principal;
import io.stratum.store.Conversation;
import io.stratum.store.ConversationStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversations as their owners see them: start one over some workspaces, list one's own, read one.
 * Its turns are answered by {@link Answering}.
 */
public final class Conversations {
  private final Guard guard;
  private final ConversationStore store;
  private final Auditor audit;

  public Conversations(Guard guard, ConversationStore store, Auditor audit) {
    this.guard = guard;
    this.store = store;
    this.audit = audit;
  }

  /**
   * Starts a conversation over {@code workspaces} (at most {@link Inputs#MAX_WORKSPACES}), each of
   * which {@code who} must ask in.
   *
   * @param title one line of at most {@link Inputs#MAX_NAME_CHARS}; see {@link #titleFrom}
   */
  public String start(Principal who, List<String> workspaces, String title) {
    if (workspaces.isEmpty()) {
      throw new InvalidInputException("workspaces", "pick at least one workspace");
    }
    Inputs.workspaces("workspaces", workspaces);
    String shown = Inputs.name("title", title, "");
    workspaces.forEach(ws -> guard.workspace(who, ws));
    for (String ws : workspaces) {
      guard.require(who, Action.ASK, ws, "conversation.started");
    }
    return store.startConversation(who.id(), List.copyOf(new LinkedHashSet<>(workspaces)), shown);
  }

  /**
   * A title made from free text (a question): one line, cut to {@link Inputs#MAX_NAME_CHARS}, for
   * callers that name a conversation after what it starts with.
   */
  public static String titleFrom(String text) {
    StringBuilder b = new StringBuilder();
    text.codePoints()
        .map(
            c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE ? ' ' : c)
        .forEach(b::appendCodePoint);
    String line = b.toString().replaceAll("\\s+", " ").strip();
    return line.length() <= Inputs.MAX_NAME_CHARS
        ? line
        : Inputs.cut(line, Inputs.MAX_NAME_CHARS - 1) + "…";
  }

  /**
   * A conversation, if {@code who} had it (or administers its billed workspace) and may read every
   * workspace it spans, now: its answers came from all of them, so a workspace admin of one, or a
   * member who lost another since, gets nothing, as if it did not exist, and the attempt is
   * audited.
   */
  public Optional<Conversation> find(Principal who, String id) {
    Optional<Conversation> found =
        store
            .conversation(id)
            .filter(
                c ->
                    (who.id().equals(c.principal())
                            || guard.allows(who, Action.ADMINISTER, c.workspace()))
                        && guard.readsAll(who, c.workspaces()));
    audit.record(
        "conversation.read",
        found.isPresent() ? "success" : "denied",
        who,
        found.map(Conversation::workspace).orElse(""),
        Map.of("conversationId", id));
    return found;
  }

  /** {@code who}'s conversations, newest first, a page at a time. */
  public List<ConversationStore.ConversationHeader> list(Principal who, String cursor, int limit) {
    Inputs.count("limit", limit, Search.MAX_RESULTS);
    Inputs.optional("cursor", cursor, Inputs.MAX_ID_CHARS);
    return store.conversationsOf(who.id(), cursor, limit);
  }
}
