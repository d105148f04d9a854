package io.stratum.app.http;

import io.javalin.http.Context;
import io.stratum.access.IssuedToken;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.app.Stratum;
import io.stratum.app.api.NotFoundException;
import io.stratum.app.usecase.Administration;
import io.stratum.app.usecase.AuditTrail;
import io.stratum.app.usecase.Inputs;
import io.stratum.app.usecase.InvalidInputException;
import io.stratum.audit.AuditRecord;
import io.stratum.budget.Budget;
import io.stratum.budget.Spend;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workspaces, members, principals, tokens and budgets. Org admins may do all of it; a workspace
 * admin manages that workspace's members and reads its spend.
 */
record AdminRoutes(Stratum stratum) {
  /** Tokens live from about a minute and a half (0.001 days) to ten years. */
  private static final BigDecimal MIN_TOKEN_DAYS = new BigDecimal("0.001");

  private static final BigDecimal MAX_TOKEN_DAYS =
      BigDecimal.valueOf(Administration.MAX_TOKEN_DAYS);
  private static final BigDecimal SECONDS_A_DAY = BigDecimal.valueOf(86_400);

  private Administration admin() {
    return stratum.administration();
  }

  void createWorkspace(Context ctx) {
    Principal who = Routes.principal(ctx);
    RequestBody b = RequestBody.parse(ctx, "{\"id\": \"security\", \"name\": \"Security\"}");
    Administration.WorkspaceView w =
        admin().createWorkspace(who, b.text("id"), b.text("name", null), b.bool("global", false));
    ctx.status(201);
    Routes.json(ctx, Map.of("id", w.id(), "global", w.global()));
  }

  void grant(Context ctx) {
    String ws = ctx.pathParam("ws");
    String role = RequestBody.parse(ctx, "{\"role\": \"member\"}").text("role");
    Role r;
    try {
      r = Role.parse(role);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "role", "expected viewer|member|workspace_admin, got '" + Inputs.echo(role) + "'");
    }
    admin().grant(Routes.principal(ctx), ctx.pathParam("principal"), ws, r);
    Routes.json(
        ctx, Map.of("workspace", ws, "principal", ctx.pathParam("principal"), "role", r.id()));
  }

  void removeMember(Context ctx) {
    String ws = ctx.pathParam("ws");
    admin().removeMember(Routes.principal(ctx), ctx.pathParam("principal"), ws);
    ctx.status(204);
  }

  void setPrompt(Context ctx) {
    String ws = ctx.pathParam("ws");
    String prompt =
        RequestBody.parse(ctx, "{\"prompt\": \"Answer for on-call engineers.\"}").text("prompt");
    admin().setPrompt(Routes.principal(ctx), ws, prompt);
    Routes.json(ctx, Map.of("workspace", ws, "prompt", prompt));
  }

  void sources(Context ctx) {
    String ws = ctx.pathParam("ws");
    Routes.json(
        ctx,
        Map.of(
            "workspace",
            ws,
            "sources",
            stratum.documents().sources(Routes.principal(ctx), ws).stream()
                .map(
                    s ->
                        Map.of(
                            "source", s.source(),
                            "kind", s.kind(),
                            "documents", s.documents(),
                            "chunks", s.chunks(),
                            "lastIngested", s.lastIngested().toString()))
                .toList()));
  }

  void deleteWorkspace(Context ctx) {
    admin().deleteWorkspace(Routes.principal(ctx), ctx.pathParam("ws"));
    ctx.status(204);
  }

  /**
   * {@code GET /api/audit}: org admins see everything; workspace admins only their workspaces'
   * records. Filters: since, until (ISO instants), principal, workspace, action (with *), model,
   * outcome; order asc (default) or desc; cursor.
   */
  void audit(Context ctx) {
    QueryParams query = QueryParams.of(ctx);
    String order = query.text("order");
    if (order != null && !order.equals("asc") && !order.equals("desc")) {
      throw new InvalidInputException(
          "order", "expected asc or desc, got '" + Inputs.echo(order) + "'");
    }
    AuditTrail.Filter filter =
        new AuditTrail.Filter(
            query.instant("since"),
            query.instant("until"),
            query.text("principal"),
            query.text("workspace"),
            query.text("action"),
            query.text("model"),
            query.text("outcome"),
            query.position("cursor", 0),
            "desc".equals(order),
            query.count("limit", 100, AuditTrail.MAX_PAGE));
    List<AuditRecord> records = stratum.auditTrail().query(Routes.principal(ctx), filter);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("records", records.stream().map(AuditRecord::asMap).toList());
    out.put(
        "nextCursor",
        records.size() == filter.limit() ? String.valueOf(records.getLast().seq()) : null);
    Routes.json(ctx, out);
  }

  void setTiers(Context ctx) {
    String ws = ctx.pathParam("ws");
    List<String> tiers = RequestBody.parse(ctx, "{\"tiers\": [\"basic\"]}").texts("tiers");
    admin().setTiers(Routes.principal(ctx), ws, tiers);
    Routes.json(ctx, Map.of("workspace", ws, "tiers", tiers));
  }

  void setBudget(Context ctx) {
    String ws = ctx.pathParam("ws");
    RequestBody b = RequestBody.parse(ctx, "{\"monthlyCapUsd\": 50, \"hardCap\": true}");
    BigDecimal cap = b.number("monthlyCapUsd");
    Budget budget = new Budget(cap, b.bool("hardCap", false));
    admin().setBudget(Routes.principal(ctx), ws, budget);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workspace", ws);
    out.put("monthlyCapUsd", cap);
    out.put("hardCap", budget.hard());
    Routes.json(ctx, out);
  }

  void spend(Context ctx) {
    String ws = ctx.pathParam("ws");
    String m = QueryParams.of(ctx).text("month");
    YearMonth month;
    try {
      // four-digit years only: YearMonth alone takes +999999999-12, which no spend has
      month = m == null ? null : YearMonth.parse(m.matches("\\d{4}-\\d{2}") ? m : "?");
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("month", "expected YYYY-MM, got '" + Inputs.echo(m) + "'");
    }
    Routes.json(ctx, view(stratum.spending().of(Routes.principal(ctx), ws, month)));
  }

  static Map<String, Object> view(Spend s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workspace", s.workspace());
    out.put("month", s.month().toString());
    out.put("spentUsd", s.spentUsd());
    out.put("capUsd", s.capUsd());
    out.put("hardCap", s.hardCap());
    out.put("resetsOn", s.resetsOn().toString());
    out.put("byModel", lines(s.byModel()));
    out.put("byPrincipal", lines(s.byPrincipal()));
    out.put("byDay", lines(s.byDay()));
    out.put(
        "byDayAndModel",
        lines(s.byDayAndModel()).stream()
            .map(
                l -> {
                  // the key is the model and tier, as in byModel; the day is its own field
                  String key = (String) l.get("key");
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("day", key.substring(0, key.indexOf(' ')));
                  m.putAll(l);
                  m.put("key", key.substring(key.indexOf(' ') + 1));
                  return m;
                })
            .toList());
    return out;
  }

  private static List<Map<String, Object>> lines(List<Spend.Line> lines) {
    return lines.stream()
        .map(
            l -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("key", l.key());
              m.put("calls", l.calls());
              m.put("inputTokens", l.inputTokens());
              m.put("outputTokens", l.outputTokens());
              m.put("reasoningTokens", l.reasoningTokens());
              m.put("cacheTokens", l.cacheTokens());
              m.put("costUsd", l.costUsd());
              return m;
            })
        .toList();
  }

  void createPrincipal(Context ctx) {
    RequestBody b = RequestBody.parse(ctx, "{\"id\": \"alice\", \"name\": \"Alice\"}");
    Principal p =
        admin()
            .createPrincipal(
                Routes.principal(ctx),
                b.text("id"),
                b.text("name", null),
                b.bool("orgAdmin", false));
    ctx.status(201);
    Routes.json(ctx, Map.of("id", p.id(), "name", p.name(), "orgAdmin", p.orgAdmin()));
  }

  void issueToken(Context ctx) {
    Principal who = Routes.principal(ctx);
    RequestBody b = RequestBody.parse(ctx, "{\"principal\": \"alice\", \"expiresInDays\": 90}");
    String owner = b.text("principal", who.id());
    // Days may be fractional here only; bounded first, so the seconds below cannot overflow.
    BigDecimal days = b.number("expiresInDays", MIN_TOKEN_DAYS, MAX_TOKEN_DAYS);
    IssuedToken t =
        admin()
            .issueToken(
                who,
                owner,
                b.text("name", ""),
                days == null ? null : Duration.ofSeconds(days.multiply(SECONDS_A_DAY).longValue()),
                b.text("workspace", null));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("principal", t.principalId());
    out.put("token", t.token());
    out.put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString());
    out.put("workspace", t.workspace());
    ctx.status(201);
    ctx.header("Cache-Control", "no-store");
    Routes.json(ctx, out);
  }

  void revokeToken(Context ctx) {
    if (!admin().revokeToken(Routes.principal(ctx), ctx.pathParam("id"))) {
      throw new NotFoundException(
          "token '" + ctx.pathParam("id") + "' does not exist or is already revoked");
    }
    ctx.status(204);
  }
}
