package io.stratum.app;

import io.stratum.access.AccessPolicy;
import io.stratum.access.Action;
import io.stratum.access.Principal;
import io.stratum.answer.Answer;
import io.stratum.answer.AnswerEvent;
import io.stratum.answer.GroundingPrompt;
import io.stratum.budget.Budgets;
import io.stratum.budget.UsageRow;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.ModelClient;
import io.stratum.store.Conversation;
import io.stratum.store.ConversationStore;
import io.stratum.store.Message;
import io.stratum.store.Sql;
import io.stratum.store.WorkspaceStore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Multi-turn chat over the workspaces a conversation spans: the scope is re-checked every turn (the
 * workspaces still allowed), a follow-up is rewritten to stand alone by the basic model, the prompt
 * is built in layers (platform, workspace instructions, running summary, recent turns, passages),
 * the advanced model answers, and long conversations are summarized by the basic model. Every model
 * call is billed to the conversation's first workspace.
 */
public final class Chat {
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

  private final WorkspaceStore workspaces;
  private final ConversationStore store;
  private final Sql sql;
  private final AccessPolicy policy;
  private final Budgets budgets;
  private final Require require;
  private final java.util.function.BiFunction<String, Set<String>, AnswerTier> tiers;
  private final ModelClient basic;
  private final boolean basicIsLocal;

  Chat(
      WorkspaceStore workspaces,
      ConversationStore store,
      Sql sql,
      AccessPolicy policy,
      Require require,
      Budgets budgets,
      java.util.function.BiFunction<String, Set<String>, AnswerTier> tiers,
      ModelClient basic,
      boolean basicIsLocal) {
    this.workspaces = workspaces;
    this.store = store;
    this.sql = sql;
    this.policy = policy;
    this.require = require;
    this.budgets = budgets;
    this.tiers = tiers;
    this.basic = basic;
    this.basicIsLocal = basicIsLocal;
  }

  /** The facade's access check, which audits a denial before throwing it. */
  interface Require {
    void check(Principal who, Action action, String workspace, String auditAction);
  }

  /**
   * One answered turn: the answer, the query retrieval actually ran, and where and at what it was
   * billed.
   */
  public record Turn(
      String conversationId,
      Answer answer,
      String query,
      String workspace,
      String tier,
      BigDecimal cost) {}

  String start(Principal who, List<String> workspaces, String title) {
    if (workspaces.isEmpty()) {
      throw new InvalidInputException("workspaces", "pick at least one workspace");
    }
    for (String ws : workspaces) {
      require.check(who, Action.ASK, ws, "conversation.started");
    }
    return store.startConversation(who.id(), List.copyOf(new LinkedHashSet<>(workspaces)), title);
  }

  /**
   * Answers one turn; {@code record} runs in the transaction that bills the turn and stores it, so
   * whatever it writes (the audit record) commits with them.
   */
  Turn send(
      Principal who,
      Conversation c,
      String question,
      Consumer<AnswerEvent> listener,
      Consumer<Turn> record) {
    Set<String> scope = new LinkedHashSet<>();
    for (String ws : c.workspaces()) {
      if (policy.allows(who, Action.ASK, ws)) {
        scope.add(ws);
      }
    }
    if (scope.isEmpty()) {
      require.check(who, Action.ASK, c.workspaces().get(0), "chat.answer"); // audits, throws
    }
    String billed = scope.contains(c.workspace()) ? c.workspace() : scope.iterator().next();
    Set<String> allowed = workspaces.tiers(billed);
    AnswerTier tier = tiers.apply(billed, allowed);
    // Rewrites and summaries use the basic model only where the workspace allows that tier.
    boolean useBasic = !basicIsLocal && allowed.contains("basic");
    List<Message> messages = c.messages();
    List<ChatMessage> recent = new ArrayList<>();
    for (Message m :
        messages.subList(Math.max(0, messages.size() - RECENT_MESSAGES), messages.size())) {
      recent.add(
          m.role().equals("user") ? ChatMessage.user(m.text()) : ChatMessage.assistant(m.text()));
    }
    int promptTokens =
        Stratum.promptTokens(question) + recent.stream().mapToInt(m -> m.text().length() / 4).sum();
    BigDecimal estimate =
        budgets
            .estimate(tier.model().modelId(), promptTokens, Stratum.ANSWER_MAX_TOKENS)
            .add(budgets.estimate(basic.modelId(), promptTokens, SUMMARY_MAX_TOKENS));
    Budgets.Reservation held =
        budgets.admit(
            new Budgets.Call(
                billed,
                who.id(),
                tier.model().modelId(),
                tier.name(),
                promptTokens,
                Stratum.ANSWER_MAX_TOKENS,
                c.id()),
            estimate);
    List<UsageRow> bill = new ArrayList<>();
    Answer answer;
    String query = question;
    String summary = null;
    try {
      query = rewrite(who, billed, recent, question, bill, useBasic);
      List<String> prompts = new ArrayList<>();
      for (String ws : scope) {
        String p = workspaces.prompt(ws);
        if (!p.isBlank()) {
          prompts.add(scope.size() == 1 ? p : "[" + ws + "] " + p);
        }
      }
      answer =
          tier.answerer()
              .ask(
                  question,
                  query,
                  scope,
                  new GroundingPrompt.Layers(prompts, c.summary(), recent),
                  listener);
      bill.addAll(Stratum.rowsFor(who, billed, tier.name(), answer));
      int count = messages.size() + 2;
      if (count >= SUMMARIZE_FROM && (count - SUMMARIZE_FROM) % 10 == 0) {
        List<Message> all = new ArrayList<>(messages);
        all.add(new Message("user", question, List.of(), false, java.time.Instant.now()));
        all.add(new Message("assistant", answer.text(), List.of(), false, java.time.Instant.now()));
        summary = summarize(who, billed, all, bill, useBasic);
      }
    } catch (RuntimeException e) {
      budgets.settle(held, bill);
      throw e;
    }
    Answer answered = answer;
    String rewritten = query;
    String newSummary = summary;
    // The bill, the turn and what the caller records commit together, before the caller may
    // acknowledge the answer.
    return sql.transaction(
        "record a turn of conversation " + c.id(),
        () -> {
          BigDecimal cost = budgets.settle(held, bill);
          store.appendTurn(
              c.id(),
              question,
              answered.text(),
              answered.citations().stream().map(p -> p.documentId()).distinct().toList(),
              answered.refused());
          if (newSummary != null) {
            store.setSummary(c.id(), newSummary);
          }
          Turn t = new Turn(c.id(), answered, rewritten, billed, tier.name(), cost);
          record.accept(t);
          return t;
        });
  }

  /**
   * A follow-up rewritten to stand alone. The in-process model cannot rewrite, so with it (and
   * where the workspace does not allow the basic tier) the previous question is prepended instead,
   * which keeps the terms retrieval needs.
   */
  private String rewrite(
      Principal who,
      String billed,
      List<ChatMessage> recent,
      String question,
      List<UsageRow> bill,
      boolean useBasic) {
    if (recent.isEmpty()) {
      return question;
    }
    if (!useBasic) {
      String previous = "";
      for (ChatMessage m : recent) {
        if (m.role() == io.stratum.dispatch.Role.USER) {
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
        basic.chat(
            ChatRequest.of(msgs.toArray(ChatMessage[]::new))
                .withMaxOutputTokens(REWRITE_MAX_TOKENS));
    bill.add(new UsageRow(billed, who.id(), r.modelId(), "basic", r.backend(), r.usage()));
    String rewritten = r.text().strip();
    return rewritten.isEmpty() ? question : rewritten;
  }

  /** The running summary; the in-process model keeps each answer's first sentence. */
  private String summarize(
      Principal who, String billed, List<Message> all, List<UsageRow> bill, boolean useBasic) {
    List<Message> older = all.subList(0, Math.max(0, all.size() - RECENT_MESSAGES));
    StringBuilder transcript = new StringBuilder();
    for (Message m : older) {
      transcript.append(m.role()).append(": ").append(m.text().replace('\n', ' ')).append('\n');
    }
    String summary;
    if (!useBasic) {
      StringBuilder s = new StringBuilder();
      for (Message m : older) {
        if (m.role().equals("user")) {
          s.append("Asked: ").append(m.text().strip()).append(' ');
        } else {
          String first = m.text().split("(?<=[.!?])\\s+", 2)[0];
          s.append("Answered: ").append(first.strip()).append(' ');
        }
      }
      summary = s.length() > 2000 ? s.substring(0, 2000) : s.toString().strip();
    } else {
      ChatResult r =
          basic.chat(
              ChatRequest.of(
                      ChatMessage.system(SUMMARY_PROMPT), ChatMessage.user(transcript.toString()))
                  .withMaxOutputTokens(SUMMARY_MAX_TOKENS));
      bill.add(new UsageRow(billed, who.id(), r.modelId(), "basic", r.backend(), r.usage()));
      summary = r.text().strip();
    }
    return summary;
  }
}
