package io.stratum.app.http;

import io.javalin.http.Context;
import io.stratum.access.IssuedToken;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.app.Stratum;
import io.stratum.app.api.NotFoundException;
import io.stratum.app.usecase.Administration;
import io.stratum.app.usecase.AuditTrail;
import io.stratum.app.usecase.InvalidInputException;
import io.stratum.audit.AuditRecord;
import io.stratum.budget.Budget;
import io.stratum.budget.Spend;
import io.stratum.corpus.MarkdownConnector;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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
  private Administration admin() {
    return stratum.administration();
  }

  void createWorkspace(Context ctx) {
    Principal who = Routes.principal(ctx);
    RequestBody b = RequestBody.parse(ctx.body(), "{\"id\": \"security\", \"name\": \"Security\"}");
    String id = b.text("id");
    try {
      MarkdownConnector.requireWorkspaceId(id);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("id", e.getMessage().substring("workspace: ".length()));
    }
    Administration.WorkspaceView w =
        admin().createWorkspace(who, id, b.text("name", id), b.bool("global", false));
    ctx.status(201);
    Routes.json(ctx, Map.of("id", w.id(), "global", w.global()));
  }

  void grant(Context ctx) {
    String ws = ctx.pathParam("ws");
    String role = RequestBody.parse(ctx.body(), "{\"role\": \"member\"}").text("role");
    Role r;
    try {
      r = Role.parse(role);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("role", e.getMessage().substring("role: ".length()));
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
        RequestBody.parse(ctx.body(), "{\"prompt\": \"Answer for on-call engineers.\"}")
            .text("prompt");
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
                            "lastIngested", s.lastIngested().toString()))
                .toList()));
  }

  void deleteWorkspace(Context ctx) {
    admin().deleteWorkspace(Routes.principal(ctx), ctx.pathParam("ws"));
    ctx.status(204);
  }

  /**
   * {@code GET /api/audit}: org admins see everything; workspace admins only their workspaces'
   * records. Filters: since, until (ISO instants), principal, workspace, action (with *), cursor.
   */
  void audit(Context ctx) {
    String limit = ctx.queryParam("limit");
    String cursor = ctx.queryParam("cursor");
    AuditTrail.Filter filter;
    try {
      filter =
          new AuditTrail.Filter(
              instant(ctx.queryParam("since")),
              instant(ctx.queryParam("until")),
              ctx.queryParam("principal"),
              ctx.queryParam("workspace"),
              ctx.queryParam("action"),
              ctx.queryParam("model"),
              cursor == null ? 0 : Long.parseLong(cursor),
              limit == null ? 100 : Integer.parseInt(limit));
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          "query",
          "expected limit and cursor as numbers and since/until as ISO instants: "
              + e.getMessage());
    }
    List<AuditRecord> records = stratum.auditTrail().query(Routes.principal(ctx), filter);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("records", records.stream().map(AuditRecord::asMap).toList());
    out.put(
        "nextCursor",
        records.size() == filter.limit() ? String.valueOf(records.getLast().seq()) : null);
    Routes.json(ctx, out);
  }

  private static Instant instant(String value) {
    return value == null ? null : Instant.parse(value);
  }

  void setTiers(Context ctx) {
    String ws = ctx.pathParam("ws");
    List<String> tiers = RequestBody.parse(ctx.body(), "{\"tiers\": [\"basic\"]}").texts("tiers");
    admin().setTiers(Routes.principal(ctx), ws, tiers);
    Routes.json(ctx, Map.of("workspace", ws, "tiers", tiers));
  }

  void setBudget(Context ctx) {
    String ws = ctx.pathParam("ws");
    RequestBody b = RequestBody.parse(ctx.body(), "{\"monthlyCapUsd\": 50, \"hardCap\": true}");
    BigDecimal cap = b.number("monthlyCapUsd");
    if (cap != null && cap.signum() < 0) {
      throw new InvalidInputException("monthlyCapUsd", "expected a number >= 0, got " + cap);
    }
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
    String m = ctx.queryParam("month");
    YearMonth month;
    try {
      month = m == null ? null : YearMonth.parse(m);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("month", "expected YYYY-MM, got '" + m + "'");
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
    RequestBody b = RequestBody.parse(ctx.body(), "{\"id\": \"alice\", \"name\": \"Alice\"}");
    String id = b.text("id");
    Principal p =
        admin()
            .createPrincipal(
                Routes.principal(ctx), id, b.text("name", id), b.bool("orgAdmin", false));
    ctx.status(201);
    Routes.json(ctx, Map.of("id", p.id(), "name", p.name(), "orgAdmin", p.orgAdmin()));
  }

  void issueToken(Context ctx) {
    Principal who = Routes.principal(ctx);
    RequestBody b =
        RequestBody.parse(ctx.body(), "{\"principal\": \"alice\", \"expiresInDays\": 90}");
    String owner = b.text("principal", who.id());
    BigDecimal days = b.number("expiresInDays");
    if (days != null && days.signum() <= 0) {
      throw new InvalidInputException("expiresInDays", "expected a number > 0, got " + days);
    }
    IssuedToken t =
        admin()
            .issueToken(
                who,
                owner,
                b.text("name", ""),
                days == null
                    ? null
                    : Duration.ofMinutes(days.multiply(BigDecimal.valueOf(1440)).longValue()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("principal", t.principalId());
    out.put("token", t.token());
    out.put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString());
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
