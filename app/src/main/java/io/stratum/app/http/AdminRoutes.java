package io.stratum.app.http;

import io.javalin.http.Context;
import io.stratum.access.AccessDeniedException;
import io.stratum.access.Action;
import io.stratum.access.IssuedToken;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.app.InvalidInputException;
import io.stratum.app.Stratum;
import io.stratum.budget.Budget;
import io.stratum.budget.Spend;
import io.stratum.corpus.MarkdownConnector;
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
  void createWorkspace(Context ctx) {
    Principal who = HttpApi.principal(ctx);
    RequestBody b = RequestBody.parse(ctx.body(), "{\"id\": \"security\", \"name\": \"Security\"}");
    String id = b.text("id");
    try {
      MarkdownConnector.requireWorkspaceId(id);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("id", e.getMessage().substring("workspace: ".length()));
    }
    stratum.admin().createWorkspace(who, id, b.text("name", id), b.bool("global", false));
    ctx.status(201);
    HttpApi.Routes.json(ctx, Map.of("id", id, "global", stratum.accounts().isGlobal(id)));
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
    stratum.admin().grant(HttpApi.principal(ctx), ctx.pathParam("principal"), ws, r);
    HttpApi.Routes.json(
        ctx, Map.of("workspace", ws, "principal", ctx.pathParam("principal"), "role", r.id()));
  }

  void removeMember(Context ctx) {
    String ws = ctx.pathParam("ws");
    stratum.admin().removeMember(HttpApi.principal(ctx), ctx.pathParam("principal"), ws);
    ctx.status(204);
  }

  void setPrompt(Context ctx) {
    String ws = ctx.pathParam("ws");
    String prompt =
        RequestBody.parse(ctx.body(), "{\"prompt\": \"Answer for on-call engineers.\"}")
            .text("prompt");
    stratum.setWorkspacePrompt(HttpApi.principal(ctx), ws, prompt);
    HttpApi.Routes.json(ctx, Map.of("workspace", ws, "prompt", prompt));
  }

  void sources(Context ctx) {
    String ws = ctx.pathParam("ws");
    HttpApi.Routes.json(
        ctx,
        Map.of(
            "workspace",
            ws,
            "sources",
            stratum.sources(HttpApi.principal(ctx), ws).stream()
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
    stratum.deleteWorkspace(HttpApi.principal(ctx), ctx.pathParam("ws"));
    ctx.status(204);
  }

  /**
   * {@code GET /api/audit}: org admins see everything; workspace admins only their workspaces'
   * records. Filters: since, until (ISO instants), principal, workspace, action (with *), cursor.
   */
  void audit(Context ctx) {
    Principal who = HttpApi.principal(ctx);
    String ws = ctx.queryParam("workspace");
    java.util.Set<String> scope;
    if (who.orgAdmin()) {
      scope = ws == null ? null : java.util.Set.of(ws);
    } else {
      java.util.Set<String> mine = new java.util.TreeSet<>();
      who.roles()
          .forEach(
              (w, r) -> {
                if (r == Role.WORKSPACE_ADMIN) {
                  mine.add(w);
                }
              });
      if (mine.isEmpty()) {
        throw new AccessDeniedException(
            "'%s' may not read the audit trail: org admins and workspace admins only"
                .formatted(who.id()));
      }
      if (ws != null && !mine.contains(ws)) {
        throw new AccessDeniedException(who, Action.ADMINISTER, ws);
      }
      scope = ws == null ? mine : java.util.Set.of(ws);
    }
    String limit = ctx.queryParam("limit");
    String cursor = ctx.queryParam("cursor");
    int n;
    long after;
    java.time.Instant since;
    java.time.Instant until;
    try {
      n = limit == null ? 100 : Integer.parseInt(limit);
      after = cursor == null ? 0 : Long.parseLong(cursor);
      since =
          ctx.queryParam("since") == null ? null : java.time.Instant.parse(ctx.queryParam("since"));
      until =
          ctx.queryParam("until") == null ? null : java.time.Instant.parse(ctx.queryParam("until"));
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          "query",
          "expected limit and cursor as numbers and since/until as ISO instants: "
              + e.getMessage());
    }
    if (n < 1 || n > 1000) {
      throw new InvalidInputException("limit", "expected a number from 1 to 1000, got " + n);
    }
    java.util.List<io.stratum.audit.AuditRecord> records =
        stratum
            .auditLog()
            .query(
                new io.stratum.audit.AuditLog.Query(
                    since,
                    until,
                    ctx.queryParam("principal"),
                    scope,
                    ctx.queryParam("action"),
                    ctx.queryParam("model"),
                    after,
                    n));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("records", records.stream().map(io.stratum.audit.AuditRecord::asMap).toList());
    out.put("nextCursor", records.size() == n ? String.valueOf(records.get(n - 1).seq()) : null);
    HttpApi.Routes.json(ctx, out);
  }

  void setTiers(Context ctx) {
    String ws = ctx.pathParam("ws");
    java.util.List<String> tiers =
        RequestBody.parse(ctx.body(), "{\"tiers\": [\"basic\"]}").texts("tiers");
    stratum.admin().setWorkspaceTiers(HttpApi.principal(ctx), ws, tiers);
    HttpApi.Routes.json(ctx, Map.of("workspace", ws, "tiers", tiers));
  }

  void setBudget(Context ctx) {
    String ws = ctx.pathParam("ws");
    RequestBody b = RequestBody.parse(ctx.body(), "{\"monthlyCapUsd\": 50, \"hardCap\": true}");
    BigDecimal cap = b.number("monthlyCapUsd");
    if (cap != null && cap.signum() < 0) {
      throw new InvalidInputException("monthlyCapUsd", "expected a number >= 0, got " + cap);
    }
    Budget budget = new Budget(cap, b.bool("hardCap", false));
    stratum.admin().setBudget(HttpApi.principal(ctx), ws, budget);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workspace", ws);
    out.put("monthlyCapUsd", cap);
    out.put("hardCap", budget.hard());
    HttpApi.Routes.json(ctx, out);
  }

  void spend(Context ctx) {
    String ws = ctx.pathParam("ws");
    stratum.workspace(ws);
    stratum.policy().require(HttpApi.principal(ctx), Action.ADMINISTER, ws);
    String m = ctx.queryParam("month");
    YearMonth month;
    try {
      month = m == null ? stratum.ledger().currentMonth() : YearMonth.parse(m);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("month", "expected YYYY-MM, got '" + m + "'");
    }
    HttpApi.Routes.json(ctx, view(stratum.ledger().spend(ws, month)));
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
        stratum
            .admin()
            .createPrincipal(
                HttpApi.principal(ctx), id, b.text("name", id), b.bool("orgAdmin", false));
    ctx.status(201);
    HttpApi.Routes.json(ctx, Map.of("id", p.id(), "name", p.name(), "orgAdmin", p.orgAdmin()));
  }

  void issueToken(Context ctx) {
    Principal who = HttpApi.principal(ctx);
    RequestBody b =
        RequestBody.parse(ctx.body(), "{\"principal\": \"alice\", \"expiresInDays\": 90}");
    String owner = b.text("principal", who.id());
    BigDecimal days = b.number("expiresInDays");
    if (days != null && days.signum() <= 0) {
      throw new InvalidInputException("expiresInDays", "expected a number > 0, got " + days);
    }
    IssuedToken t =
        stratum
            .admin()
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
    HttpApi.Routes.json(ctx, out);
  }

  void revokeToken(Context ctx) {
    if (!stratum.admin().revokeToken(HttpApi.principal(ctx), ctx.pathParam("id"))) {
      throw new HttpApi.NotFoundException(
          "token '" + ctx.pathParam("id") + "' does not exist or is already revoked");
    }
    ctx.status(204);
  }
}
