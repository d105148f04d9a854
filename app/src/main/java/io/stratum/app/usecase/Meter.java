package io.stratum.app.usecase;

import io.stratum.access.Principal;
import io.stratum.budget.BudgetExceededException;
import io.stratum.budget.Budgets;
import io.stratum.budget.TokenEstimate;
import io.stratum.budget.UsageRow;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.WorstCase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reserves every model call of one turn against the billed workspace's budget, from the exact
 * request the model will get (its whole prompt, as an upper bound in tokens, and the most output
 * the call can produce, reasoning and a retry included), before the call is made. A hard cap
 * therefore refuses a call that could pass it, and is never overspent. A refusal is audited once,
 * here.
 */
final class Meter {
  private final Budgets budgets;
  private final Auditor audit;
  private final Principal who;
  private final String billed;
  private final String conversationId;
  private final String action;
  private final Map<String, Object> refusal;
  private final Map<String, Object> body;
  private Budgets.Reservation answerHold;

  /** For the turn of a conversation: a refusal is audited as {@code chat.answer}. */
  Meter(
      Budgets budgets,
      Auditor audit,
      Principal who,
      String billed,
      String conversationId,
      String question) {
    this(
        budgets,
        audit,
        who,
        billed,
        conversationId,
        "chat.answer",
        conversationId == null ? Map.of() : Map.of("conversationId", conversationId),
        Map.of("question", question));
  }

  /**
   * @param action what a refusal is audited as
   * @param refusal metadata a refusal's record adds to its reason
   * @param body the refusal record's sealed body, or null
   */
  Meter(
      Budgets budgets,
      Auditor audit,
      Principal who,
      String billed,
      String conversationId,
      String action,
      Map<String, Object> refusal,
      Map<String, Object> body) {
    this.budgets = budgets;
    this.audit = audit;
    this.who = who;
    this.billed = billed;
    this.conversationId = conversationId;
    this.action = action;
    this.refusal = refusal;
    this.body = body;
  }

  /** A light call (a rewrite, a summary): reserved, made, and billed at once. */
  ChatResult call(ModelClient model, String tier, ChatRequest request) {
    Budgets.Reservation held = reserve(model, tier, request);
    ChatResult r;
    try {
      r = model.chat(request);
    } catch (RuntimeException e) {
      budgets.settle(held, List.of());
      throw e;
    }
    budgets.settle(
        held, UsageRow.billable(billed, who.id(), r.modelId(), tier, r.backend(), r.usage()));
    return r;
  }

  /** Reserves the answer's call; it is settled with the turn's record, or by {@link #failed}. */
  void reserveAnswer(AnswerTier tier, ChatRequest request) {
    answerHold = reserve(tier.model(), tier.name(), request);
  }

  /** The answer's reservation, or null when no model was called (the gate refused). */
  Budgets.Reservation answerHold() {
    return answerHold;
  }

  /** Reserves one call of {@code model} on {@code tier}; settle it once, also when it fails. */
  Budgets.Reservation reserve(ModelClient model, String tier, ChatRequest request) {
    WorstCase worst = model.worstCase(request);
    try {
      return budgets.admit(
          new Budgets.Call(
              billed,
              who.id(),
              model.modelId(),
              tier,
              TokenEstimate.prompt(request) * worst.promptSends(),
              worst.outputTokens(),
              conversationId),
          budgets.estimate(model.modelId(), request, worst));
    } catch (BudgetExceededException e) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("reason", e.getMessage());
      m.putAll(refusal);
      audit.record(action, "refused", who, billed, m, body);
      throw e;
    }
  }
}
