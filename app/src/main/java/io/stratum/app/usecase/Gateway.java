package io.stratum.app.usecase;

import io.stratum.access.Action;
import io.stratum.access.Bearer;
import io.stratum.access.Principal;
import io.stratum.budget.BudgetExceededException;
import io.stratum.budget.Budgets;
import io.stratum.budget.UsageRow;
import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.DispatchException;
import io.stratum.dispatch.Dispatcher;
import io.stratum.dispatch.UpstreamAttempt;
import io.stratum.store.Sql;
import io.stratum.store.WorkspaceStore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The OpenAI-compatible gateway's one use case: a chat turn that a tool built for OpenAI's API
 * sends, run through the same dispatcher, budgets and audit trail as every answer. It resolves the
 * workspace the call bills (the token's bound workspace, or the one the caller names), checks the
 * caller may ask there, resolves the model (a tier alias or a cleared id), reserves the call's
 * worst case, makes it, and settles and audits it in one transaction.
 *
 * <pre>{@code
 * Gateway.Done d = gateway.call(bearer, null,
 *     new Gateway.Call("chat.completions", "stratum-advanced", request, false, List.of()), e -> {});
 * d.result().text();
 * }</pre>
 */
public final class Gateway {
  /** What the audit trail calls a gateway call. */
  static final String ACTION = "gateway.call";

  /**
   * One call.
   *
   * @param surface the OpenAI API it came through: {@code chat.completions} or {@code responses}
   * @param model the name it asked for
   * @param notCarried parameters the gateway accepted but does not carry to any model, each as
   *     {@code name=value (why)}; dropped and reported like the dispatcher's own drops
   */
  public record Call(
      String surface, String model, ChatRequest request, boolean stream, List<String> notCarried) {
    public Call {
      notCarried = List.copyOf(notCarried);
    }
  }

  /** A call made: the model's result, the workspace it billed and what it cost. */
  public record Done(ChatResult result, String workspace, BigDecimal cost) {}

  private final Guard guard;
  private final WorkspaceStore workspaces;
  private final Sql sql;
  private final Budgets budgets;
  private final Auditor audit;
  private final GatewayModels models;

  /**
   * @param dispatcher the dispatcher behind the tiers, whose cleared ids are served too; null
   *     serves the tier aliases only
   */
  public Gateway(
      Guard guard,
      WorkspaceStore workspaces,
      Sql sql,
      Budgets budgets,
      Auditor audit,
      List<AnswerTier> tiers,
      Dispatcher dispatcher) {
    this.guard = guard;
    this.workspaces = workspaces;
    this.sql = sql;
    this.budgets = budgets;
    this.audit = audit;
    this.models = new GatewayModels(tiers.get(0), tiers.get(1), dispatcher);
  }

  /** The model names a caller may ask for: the tier aliases, then the cleared catalog ids. */
  public List<String> models() {
    return models.names();
  }

  /**
   * The workspace a call bills: the one the token is bound to, else the one the caller names.
   *
   * @param requested the {@code X-Stratum-Workspace} header, or null
   * @throws InvalidInputException when neither names one, or they name two
   */
  public String workspace(Bearer bearer, String requested) {
    Optional<String> bound = bearer.workspace();
    if (bound.isPresent() && requested != null && !requested.equals(bound.get())) {
      throw new InvalidInputException(
          "X-Stratum-Workspace",
          "this token is bound to workspace '%s' and spends only there, got '%s'"
              .formatted(bound.get(), Inputs.echo(requested)));
    }
    if (bound.isPresent()) {
      return bound.get();
    }
    if (requested == null || requested.isBlank()) {
      throw new InvalidInputException(
          "X-Stratum-Workspace",
          "this token is bound to no workspace: send the header 'X-Stratum-Workspace: <id>' naming the workspace whose budget the call spends, or use a token bound to one (`stratum admin token create --workspace ID`)");
    }
    return Inputs.checked("X-Stratum-Workspace", requested, Inputs.MAX_ID_CHARS, false);
  }

  /**
   * Makes the call and returns once it is billed and audited. A streamed call passes the
   * dispatcher's events to {@code listener} ({@link ChatEvent.Planned} first, {@link
   * ChatEvent.Completed} last); an unstreamed one passes none.
   *
   * @param requested the {@code X-Stratum-Workspace} header, or null
   * @throws BudgetExceededException when the workspace's hard cap has no room for the worst case
   */
  public Done call(Bearer bearer, String requested, Call call, Consumer<ChatEvent> listener) {
    Principal who = bearer.principal();
    String billed = workspace(bearer, requested);
    guard.require(who, Action.ASK, billed, ACTION);
    GatewayModels.Resolved model = models.resolve(call.model(), billed, workspaces.tiers(billed));
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("surface", call.surface());
    context.put("model", call.model());
    Meter meter = new Meter(budgets, audit, who, billed, null, ACTION, context, null);
    Budgets.Reservation held = meter.reserve(model.client(), model.tier(), call.request());
    ChatResult r;
    try {
      r =
          call.stream()
              ? model.client().stream(call.request(), listener)
              : model.client().chat(call.request());
    } catch (RuntimeException e) {
      failed(who, billed, model, call, held, e);
      throw e;
    }
    ChatResult result = r;
    return sql.transaction(
        "record a gateway call",
        () -> {
          BigDecimal cost =
              budgets.settle(
                  held,
                  UsageRow.billable(
                      billed,
                      who.id(),
                      result.modelId(),
                      model.tier(),
                      result.backend(),
                      result.usage()));
          audit.record(
              ACTION,
              result.incomplete() ? "incomplete" : "success",
              who,
              billed,
              metadata(call, model, result, cost));
          return new Done(result, billed, cost);
        });
  }

  /** What the model used before it failed is billed, and the failure audited with it. */
  private void failed(
      Principal who,
      String billed,
      GatewayModels.Resolved model,
      Call call,
      Budgets.Reservation held,
      RuntimeException e) {
    List<UsageRow> bill = new ArrayList<>();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("surface", call.surface());
    m.put("model", call.model());
    m.put("modelId", model.client().modelId());
    m.put("tier", model.tier());
    m.put("error", String.valueOf(e.getMessage()));
    if (e instanceof DispatchException de && !de.attempts().isEmpty()) {
      bill.addAll(
          UsageRow.billable(
              billed,
              who.id(),
              model.client().modelId(),
              model.tier(),
              de.backend(),
              UpstreamAttempt.total(de.attempts())));
      m.put("backend", de.backend());
      m.put("attempts", AnswerAudit.attempts(de.attempts()));
    }
    sql.transaction(
        "record a failed gateway call",
        () -> {
          budgets.settle(held, bill);
          audit.record(ACTION, "failure", who, billed, m);
          return null;
        });
  }

  private static Map<String, Object> metadata(
      Call call, GatewayModels.Resolved model, ChatResult r, BigDecimal cost) {
    List<String> dropped = new ArrayList<>(call.notCarried());
    dropped.addAll(r.droppedParams());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("surface", call.surface());
    m.put("model", call.model());
    m.put("modelId", r.modelId());
    m.put("backend", r.backend());
    m.put("route", r.route());
    m.put("tier", model.tier());
    m.put("stream", call.stream());
    m.put("droppedParams", dropped);
    m.put("renamedParams", r.renamedParams());
    m.put("stopReason", r.stopReason().name().toLowerCase(java.util.Locale.ROOT));
    m.put("toolCalls", r.toolCalls().size());
    m.put("usage", AnswerAudit.usage(r.usage()));
    m.put("attempts", AnswerAudit.attempts(r.attempts()));
    m.put("costUsd", cost.stripTrailingZeros().toPlainString());
    m.put("latencyMs", r.latency().toMillis());
    return m;
  }
}
