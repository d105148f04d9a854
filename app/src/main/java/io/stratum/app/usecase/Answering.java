package io.stratum.app.usecase;

import io.stratum.access.Action;
import io.stratum.access.Principal;
import io.stratum.answer.Answer;
import io.stratum.answer.AnswerEvent;
import io.stratum.answer.GroundingPrompt;
import io.stratum.budget.BudgetExceededException;
import io.stratum.budget.Budgets;
import io.stratum.budget.TokenEstimate;
import io.stratum.budget.UsageRow;
import io.stratum.dispatch.ChatMessage;
import io.stratum.store.Conversation;
import io.stratum.store.ConversationStore;
import io.stratum.store.Message;
import io.stratum.store.Sql;
import io.stratum.store.WorkspaceStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Answering questions, the one pipeline behind every answer: a one-shot ask is the first turn of a
 * new conversation, a chat message the next turn of an existing one. {@link #answer} reads top to
 * bottom: scope, tier, reserve, rewrite, retrieve and answer (gate, prompt, dispatch, citations),
 * summarize, then settle, store and audit in one transaction.
 *
 * <pre>{@code
 * Answering.Turn t = answering.ask(who, "security", "How do we rotate keys?", event -> {});
 * t.answer().citations(); // the passages the answer cites
 * }</pre>
 */
public final class Answering {
  /** What an answer may use: passages in its prompt, their size, instructions, output tokens. */
  public record Limits(int passages, int passageChars, int overheadChars, int maxOutputTokens) {
    /** Six passages of 1,200 characters, 2,000 characters of instructions, 1,024 tokens out. */
    public static final Limits STANDARD = new Limits(6, 1200, 2000, 1024);
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

  private final Guard guard;
  private final WorkspaceStore workspaces;
  private final ConversationStore conversations;
  private final Sql sql;
  private final Budgets budgets;
  private final AnswerTier advanced;
  private final AnswerTier basic;
  private final boolean basicIsLocal;
  private final Limits limits;
  private final Auditor audit;

  /**
   * @param basicIsLocal whether the basic tier is the in-process model, which cannot rewrite or
   *     summarize
   */
  public Answering(
      Guard guard,
      WorkspaceStore workspaces,
      ConversationStore conversations,
      Sql sql,
      Budgets budgets,
      AnswerTier advanced,
      AnswerTier basic,
      boolean basicIsLocal,
      Limits limits,
      Auditor audit) {
    this.guard = guard;
    this.workspaces = workspaces;
    this.conversations = conversations;
    this.sql = sql;
    this.budgets = budgets;
    this.advanced = advanced;
    this.basic = basic;
    this.basicIsLocal = basicIsLocal;
    this.limits = limits;
    this.audit = audit;
  }

  /**
   * Answers from one workspace, streaming events to {@code listener}, as the first turn of a new
   * conversation of {@code who}, who must be allowed to ask there.
   */
  public Turn ask(
      Principal who, String workspace, String question, Consumer<AnswerEvent> listener) {
    guard.require(who, Action.ASK, workspace, "chat.answer");
    String q = Inputs.text("question", question);
    Conversation first =
        new Conversation(
            null, workspace, Instant.now(), List.of(), who.id(), List.of(workspace), "");
    return answer(who, first, q, listener);
  }

  /**
   * The next turn of {@code who}'s conversation {@code id}; empty when there is no such
   * conversation of theirs (an org admin may continue anyone's).
   */
  public Optional<Turn> send(
      Principal who, String id, String question, Consumer<AnswerEvent> listener) {
    String q = Inputs.text("content", question);
    return conversations
        .conversation(id)
        .filter(c -> who.orgAdmin() || who.id().equals(c.principal()))
        .map(c -> answer(who, c, q, listener));
  }

  /**
   * The pipeline. The call's worst case is reserved against the billed workspace's budget first (a
   * hard cap refuses here, before any model call); what the models actually used is billed after,
   * also when a call fails.
   */
  private Turn answer(Principal who, Conversation c, String question, Consumer<AnswerEvent> out) {
    // Scope: the conversation's workspaces that who may still ask in, re-checked every turn.
    Set<String> scope = new LinkedHashSet<>(guard.permitted(who, Action.ASK, c.workspaces()));
    if (scope.isEmpty()) {
      guard.require(who, Action.ASK, c.workspaces().get(0), "chat.answer"); // audits, throws
    }
    String billed = scope.contains(c.workspace()) ? c.workspace() : scope.iterator().next();
    Set<String> allowed = workspaces.tiers(billed);
    AnswerTier tier = AnswerTier.pick(billed, allowed, advanced, basic);
    FollowUps followUps =
        new FollowUps(!basicIsLocal && allowed.contains("basic") ? basic.model() : null);
    List<ChatMessage> recent = FollowUps.recent(c.messages());
    boolean summarizes = FollowUps.summarizes(c.messages().size() + 2);

    Budgets.Reservation held =
        reserve(who, c, question, billed, tier, followUps, recent, summarizes);
    List<UsageRow> bill = new ArrayList<>();
    FollowUps.Bill basicBill = FollowUps.Bill.to(bill, billed, who.id());
    Answer answer;
    String query;
    String summary = null;
    try {
      query = followUps.rewrite(recent, question, basicBill);
      GroundingPrompt.Layers layers =
          new GroundingPrompt.Layers(instructions(scope), c.summary(), recent);
      answer = tier.answerer().ask(question, query, scope, layers, out);
      bill.addAll(
          UsageRow.billable(
              billed, who.id(), answer.modelId(), tier.name(), answer.backend(), answer.usage()));
      if (summarizes) {
        List<Message> all = new ArrayList<>(c.messages());
        all.add(new Message("user", question, List.of(), false, Instant.now()));
        all.add(new Message("assistant", answer.text(), List.of(), false, Instant.now()));
        summary = followUps.summarize(all, basicBill);
      }
    } catch (RuntimeException e) {
      failed(who, c, question, billed, tier, held, bill, e);
      throw e;
    }
    return record(who, c, question, query, billed, tier, held, bill, answer, summary);
  }

  private Budgets.Reservation reserve(
      Principal who,
      Conversation c,
      String question,
      String billed,
      AnswerTier tier,
      FollowUps followUps,
      List<ChatMessage> recent,
      boolean summarizes) {
    int promptTokens =
        TokenEstimate.groundedPrompt(
            question,
            limits.passages(),
            limits.passageChars(),
            limits.overheadChars(),
            recent.stream().map(ChatMessage::text).toList());
    String model = tier.model().modelId();
    BigDecimal estimate = budgets.estimate(model, promptTokens, limits.maxOutputTokens());
    if (followUps.usesModel() && !recent.isEmpty()) {
      estimate =
          estimate.add(
              budgets.estimate(
                  basic.model().modelId(), promptTokens, FollowUps.REWRITE_MAX_TOKENS));
    }
    if (summarizes) {
      estimate =
          estimate.add(
              budgets.estimate(
                  basic.model().modelId(), promptTokens, FollowUps.SUMMARY_MAX_TOKENS));
    }
    try {
      return budgets.admit(
          new Budgets.Call(
              billed, who.id(), model, tier.name(), promptTokens, limits.maxOutputTokens(), c.id()),
          estimate);
    } catch (BudgetExceededException e) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("reason", e.getMessage());
      withConversation(m, c);
      audit.record("chat.answer", "refused", who, billed, m, Map.of("question", question));
      throw e;
    }
  }

  /** Each scoped workspace's own instructions, labelled when there are several. */
  private List<String> instructions(Set<String> scope) {
    List<String> prompts = new ArrayList<>();
    for (String ws : scope) {
      String p = workspaces.prompt(ws);
      if (!p.isBlank()) {
        prompts.add(scope.size() == 1 ? p : "[" + ws + "] " + p);
      }
    }
    return prompts;
  }

  /** A failed call: what the models used before it failed is billed, and the failure audited. */
  private void failed(
      Principal who,
      Conversation c,
      String question,
      String billed,
      AnswerTier tier,
      Budgets.Reservation held,
      List<UsageRow> bill,
      RuntimeException e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", tier.model().modelId());
    m.put("tier", tier.name());
    m.put("error", String.valueOf(e.getMessage()));
    withConversation(m, c);
    sql.transaction(
        "record a failed answer",
        () -> {
          budgets.settle(held, bill);
          audit.record("chat.answer", "failure", who, billed, m, Map.of("question", question));
          return null;
        });
  }

  /**
   * The bill, the turn (and, for a first turn, the conversation) and the audit record commit
   * together, before the caller may acknowledge the answer: a crash leaves all of them or none (and
   * then the reservation, which the next start bills as interrupted).
   */
  private Turn record(
      Principal who,
      Conversation c,
      String question,
      String query,
      String billed,
      AnswerTier tier,
      Budgets.Reservation held,
      List<UsageRow> bill,
      Answer answer,
      String summary) {
    List<String> cited = answer.citations().stream().map(p -> p.documentId()).distinct().toList();
    return sql.transaction(
        "record an answer",
        () -> {
          BigDecimal cost = budgets.settle(held, bill);
          String id =
              c.id() != null
                  ? c.id()
                  : conversations.startConversation(c.principal(), c.workspaces(), "");
          conversations.appendTurn(id, question, answer.text(), cited, answer.refused());
          if (summary != null) {
            conversations.setSummary(id, summary);
          }
          Turn t = new Turn(id, answer, query, billed, tier.name(), cost);
          audit.record(
              "chat.answer",
              answer.refused() ? "refused" : "success",
              who,
              billed,
              AnswerAudit.metadata(t),
              AnswerAudit.body(question, t));
          return t;
        });
  }

  private static void withConversation(Map<String, Object> m, Conversation c) {
    if (c.id() != null) {
      m.put("conversationId", c.id());
    }
  }
}
