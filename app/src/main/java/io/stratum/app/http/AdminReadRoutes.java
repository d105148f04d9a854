package io.stratum.app.http;

import io.javalin.http.Context;
import io.stratum.access.Member;
import io.stratum.access.TokenInfo;
import io.stratum.app.Stratum;
import io.stratum.app.usecase.AdminReads;
import io.stratum.app.usecase.Models;
import io.stratum.audit.AuditLog;
import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import io.stratum.catalog.ModelFamily;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the admin pages read besides spend, sources and the audit trail: one workspace's settings
 * and members, tokens, the models, and the audit chain's verification.
 */
record AdminReadRoutes(Stratum stratum) {
  /** {@code GET /api/workspaces/{ws}}: for its workspace admins and org admins. */
  void workspace(Context ctx) {
    AdminReads.WorkspaceDetail w =
        stratum.adminReads().workspace(Routes.principal(ctx), ctx.pathParam("ws"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", w.id());
    out.put("name", w.name());
    out.put("global", w.global());
    out.put("prompt", w.prompt());
    out.put("tiers", w.tiers().stream().sorted().toList());
    Map<String, Object> budget = new LinkedHashMap<>();
    budget.put("monthlyCapUsd", w.budget().capUsd());
    budget.put("hardCap", w.budget().hard());
    out.put("budget", budget);
    out.put("members", w.members().stream().map(AdminReadRoutes::member).toList());
    Routes.json(ctx, out);
  }

  private static Map<String, Object> member(Member m) {
    return Map.of("principal", m.principalId(), "name", m.name(), "role", m.role().id());
  }

  /** {@code GET /api/tokens}: one's own; org admins everyone's, or {@code ?principal=}'s. */
  void tokens(Context ctx) {
    String owner = QueryParams.of(ctx).text("principal");
    List<TokenInfo> tokens = stratum.adminReads().tokens(Routes.principal(ctx), owner);
    Routes.json(ctx, Map.of("tokens", tokens.stream().map(AdminReadRoutes::token).toList()));
  }

  private static Map<String, Object> token(TokenInfo t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("principal", t.principalId());
    m.put("name", t.name());
    m.put("createdAt", text(t.createdAt()));
    m.put("expiresAt", text(t.expiresAt()));
    m.put("revokedAt", text(t.revokedAt()));
    m.put("workspace", t.workspace());
    m.put(
        "active",
        t.revokedAt() == null && (t.expiresAt() == null || t.expiresAt().isAfter(Instant.now())));
    return m;
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }

  /** {@code GET /api/models}: the tiers' models and the catalog. */
  void models(Context ctx) {
    Routes.principal(ctx);
    Models models = new Models(stratum.answering().tiers(), ModelCatalog.standard());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "tiers",
        models.tiers().stream()
            .map(
                t -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("tier", t.name());
                  m.put("modelId", t.modelId());
                  m.put("family", t.family().map(ModelFamily::name).orElse(null));
                  m.put(
                      "surfaces",
                      t.family()
                          .map(f -> f.backends().stream().map(Backend::id).toList())
                          .orElse(List.of()));
                  return m;
                })
            .toList());
    out.put("catalog", models.catalog().stream().map(AdminReadRoutes::family).toList());
    Routes.json(ctx, out);
  }

  private static Map<String, Object> family(ModelFamily f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("family", f.name());
    m.put(
        "ids",
        f.patterns().stream()
            .map(p -> p.pattern().replace("\\.", ".").replace(".*", "*"))
            .toList());
    m.put("surfaces", f.backends().stream().map(Backend::id).toList());
    m.put("status", f.status());
    m.put("inputUsdPerMTok", f.prices().input());
    m.put("outputUsdPerMTok", f.prices().output());
    m.put("maxOutputTokens", f.maxOutputTokens());
    return m;
  }

  /** {@code POST /api/audit/verify}: org admins. */
  void verifyAudit(Context ctx) {
    AuditLog.Verification v = stratum.auditTrail().verify(Routes.principal(ctx));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("verified", v.ok());
    out.put("records", v.records());
    out.put("checkpoints", v.checkpoints());
    out.put("gaps", v.gaps().size());
    out.put("detail", v.toString());
    Routes.json(ctx, out);
  }
}
