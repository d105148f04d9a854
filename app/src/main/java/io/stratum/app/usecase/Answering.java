package io.stratum.app.usecase;

import io.stratum.access.Action;
import io.stratum.access.Principal;
import io.stratum.answer.Answer;
import io.stratum.answer.AnswerEvent;
import io.stratum.answer.GroundingPrompt;
import io.stratum.budget.BudgetExceededException;
import io.stratum.budget.Budgets;
import io.stratum.budget.UsageRow;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.DispatchException;
import io.stratum.dispatch.UpstreamAttempt;
import io.stratum.store.Conversation;
import io.stratum.store.ConversationStore;
import io.stratum.store.Message;
import io.stratum.store.Sql;
import io.stratum.store.WorkspaceStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
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
      BigDecimal cost,
      List<String> scope) {}

  /** What one turn is about: who asks what in which conversation, billed where, on which tier. */
  private record Draft(
      Principal who,
      Conversation conversation,
      String question,
      String billed,
      AnswerTier tier,
      List<String> scope) {}

  private final Guard guard;
  private final BiConsumer<String, String> outcomes;
  private final WorkspaceStore workspaces;
  private final ConversationStore conversations;
  private final Sql sql;
  private final Budgets budgets;
  private final AnswerTier advanced;
  private final AnswerTier basic;
  private final boolean basicIsLocal;
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
      Auditor audit) {
    this(
        guard,
        workspaces,
        conversations,
        sql,
        budgets,
        advanced,
        basic,
        basicIsLocal,
        audit,
        (workspace, outcome) -> {});
  }

  /**
   * @param outcomes told each answered turn's billed workspace and outcome ({@code success}, {@code
   *     refused}, {@code incomplete}, {@code failure}), for the metrics
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
      Auditor audit,
      BiConsumer<String, String> outcomes) {
    this.outcomes = outcomes;
    this.guard = guard;
    this.workspaces = workspaces;
    this.conversations = conversations;
    this.sql = sql;
    this.budgets = budgets;
    this.advanced = advanced;
    this.basic = basic;
    this.basicIsLocal = basicIsLocal;
    this.audit = audit;
  }

  /** The tiers that answer here, advanced first. */
  public List<AnswerTier> tiers() {
    return List.of(advanced, basic);
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
   * The pipeline. Every model call is reserved against the billed workspace's budget from its exact
   * request first (a hard cap refuses there, before the call); what the models actually used is
   * billed after, also when a call fails.
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
    Meter meter = new Meter(budgets, audit, who, billed, c.id(), question);
    Draft d = new Draft(who, c, question, billed, tier, List.copyOf(scope));
    FollowUps followUps =
        new FollowUps(
            !basicIsLocal && allowed.contains("basic")
                ? r -> meter.call(basic.model(), basic.name(), r)
                : null);
    // Earlier turns came from every workspace of the conversation: they go into the prompt only
    // for someone who may still read all of them.
    boolean history = guard.readsAll(who, c.workspaces());
    List<ChatMessage> recent = history ? FollowUps.recent(c.messages()) : List.of();
    boolean summarizes = history && FollowUps.summarizes(c.messages().size() + 2);

    List<UsageRow> bill = new ArrayList<>();
    Answer answer;
    String query;
    String summary = null;
    try {
      query = followUps.rewrite(recent, question);
      GroundingPrompt.Layers layers =
          new GroundingPrompt.Layers(
              AnswerAudit.instructions(workspaces, scope), history ? c.summary() : "", recent);
      answer =
          tier.answerer()
              .ask(question, query, scope, layers, out, r -> meter.reserveAnswer(tier, r));
      bill.addAll(
          UsageRow.billable(
              billed, who.id(), answer.modelId(), tier.name(), answer.backend(), answer.usage()));
      if (summarizes) {
        List<Message> all = new ArrayList<>(c.messages());
        all.add(new Message("user", question, List.of(), false, Instant.now()));
        all.add(new Message("assistant", answer.text(), List.of(), false, Instant.now()));
        summary = followUps.summarize(all);
      }
    } catch (BudgetExceededException e) {
      settle(meter.answerHold(), bill); // audited as refused by the meter
      throw e;
    } catch (RuntimeException e) {
      failed(d, meter.answerHold(), bill, e);
      throw e;
    }
    return record(d, query, meter.answerHold(), bill, answer, summary);
  }

  private BigDecimal settle(Budgets.Reservation held, List<UsageRow> bill) {
    return held == null ? BigDecimal.ZERO : budgets.settle(held, bill);
  }

  /**
   * A failed call: what the models used before it failed is billed (the answer model's attempts
   * that returned usage too), and the failure audited with those attempts.
   */
  private void failed(Draft d, Budgets.Reservation held, List<UsageRow> bill, RuntimeException e) {
    String model = d.tier().model().modelId();
    if (e instanceof DispatchException de && !de.attempts().isEmpty()) {
      bill.addAll(
          UsageRow.billable(
              d.billed(),
              d.who().id(),
              model,
              d.tier().name(),
              de.backend(),
              UpstreamAttempt.total(de.attempts())));
    }
    Map<String, Object> m =
        AnswerAudit.failure(model, d.tier().name(), e, d.scope(), d.conversation().id());
    sql.transaction(
        "record a failed answer",
        () -> {
          settle(held, bill);
          audit.record(
              "chat.answer", "failure", d.who(), d.billed(), m, Map.of("question", d.question()));
          outcomes.accept(d.billed(), "failure");
          return null;
        });
  }

  /**
   * The bill, the turn (and, for a first turn, the conversation) and the audit record commit
   * together, before the caller may acknowledge the answer: a crash leaves all of them or none (and
   * then the reservation, which the next start bills as interrupted).
   */
  private Turn record(
      Draft d,
      String query,
      Budgets.Reservation held,
      List<UsageRow> bill,
      Answer answer,
      String summary) {
    List<String> cited = answer.citations().stream().map(p -> p.documentId()).distinct().toList();
    return sql.transaction(
        "record an answer",
        () -> {
          BigDecimal cost = settle(held, bill);
          Conversation c = d.conversation();
          String id =
              c.id() != null
                  ? c.id()
                  : conversations.startConversation(
                      c.principal(), c.workspaces(), Conversations.titleFrom(d.question()));
          conversations.appendTurn(id, d.question(), answer.text(), cited, answer.refused());
          if (summary != null) {
            conversations.setSummary(id, summary);
          }
          Turn t = new Turn(id, answer, query, d.billed(), d.tier().name(), cost, d.scope());
          outcomes.accept(d.billed(), AnswerAudit.outcome(answer));
          audit.record(
              "chat.answer",
              AnswerAudit.outcome(answer),
              d.who(),
              d.billed(),
              AnswerAudit.metadata(t),
              AnswerAudit.body(d.question(), t));
          return t;
        });
  }
}
