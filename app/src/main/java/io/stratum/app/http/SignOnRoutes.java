package io.stratum.app.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.stratum.access.SingleSignOn;
import io.stratum.access.TokenRejectedException;
import io.stratum.app.Stratum;
import io.stratum.app.api.NotFoundException;
import io.stratum.app.usecase.Inputs;
import io.stratum.app.usecase.InvalidInputException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser single sign-on: {@code /auth/oidc/login} sends the browser to the identity provider,
 * {@code /auth/oidc/callback} brings it back with a code, which becomes a session. The sign-in's
 * {@code state} is also put in a short-lived cookie and must come back in both, so a callback URL
 * planted by someone else cannot sign a browser in as them.
 */
final class SignOnRoutes {
  static final String STATE_COOKIE = "stratum_oidc_state";

  /** How long a browser may take at the provider. */
  static final Duration PENDING = Duration.ofMinutes(10);

  /** Sign-ins in progress kept at most; the oldest is dropped for a new one. */
  static final int MAX_PENDING = 10_000;

  private record Pending(SingleSignOn.Started started, Instant until) {}

  private final Stratum stratum;
  private final SessionRoutes sessions;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  SignOnRoutes(Stratum stratum, SessionRoutes sessions) {
    this.stratum = stratum;
    this.sessions = sessions;
  }

  /**
   * {@code GET /auth/options}: what the sign-in page may offer, and whether the browser's cookie
   * names an open session (it cannot read the HttpOnly cookie itself); needs no credential, so a
   * signed-out visit is not a failed sign-in.
   */
  void options(Context ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("oidc", stratum.sessions().singleSignOn().isPresent());
    out.put("session", stratum.sessions().find(ctx.cookie(SessionRoutes.COOKIE)).isPresent());
    Routes.json(ctx, out);
  }

  void login(Context ctx) {
    SingleSignOn sso = sso();
    SingleSignOn.Started s;
    try {
      s = sso.start();
    } catch (TokenRejectedException e) {
      back(ctx, stratum.signIn().refuse("OIDC: ", e.getMessage()).getMessage());
      return;
    }
    Instant now = Instant.now();
    pending.values().removeIf(p -> p.until().isBefore(now));
    while (pending.size() >= MAX_PENDING) {
      pending.entrySet().stream()
          .min(Comparator.comparing(e -> e.getValue().until()))
          .ifPresent(e -> pending.remove(e.getKey()));
    }
    pending.put(s.state(), new Pending(s, now.plus(PENDING)));
    ctx.header(
        "Set-Cookie",
        "%s=%s; Path=/auth/oidc; HttpOnly; Secure; SameSite=Lax; Max-Age=%d"
            .formatted(STATE_COOKIE, s.state(), PENDING.toSeconds()));
    ctx.redirect(s.authorize().toString(), HttpStatus.FOUND);
  }

  void callback(Context ctx) {
    QueryParams query = QueryParams.of(ctx);
    Inputs.optional("code", query.text("code"), 4096);
    Inputs.optional("state", query.text("state"), 256);
    Inputs.optional("error", query.text("error"), 256);
    SingleSignOn sso = sso();
    ctx.header(
        "Set-Cookie",
        STATE_COOKIE + "=; Path=/auth/oidc; HttpOnly; Secure; SameSite=Lax; Max-Age=0");
    String error = ctx.queryParam("error");
    if (error != null) {
      String description = Optional.ofNullable(ctx.queryParam("error_description")).orElse("");
      fail(
          ctx, ("the identity provider refused the sign-in: " + error + " " + description).strip());
      return;
    }
    String state = ctx.queryParam("state");
    String code = ctx.queryParam("code");
    if (state == null || code == null) {
      fail(ctx, "the provider's answer has no code or state");
      return;
    }
    if (!state.equals(ctx.cookie(STATE_COOKIE))) {
      fail(ctx, "this sign-in was not started in this browser (state cookie missing or different)");
      return;
    }
    Pending p = pending.remove(state);
    if (p == null || p.until().isBefore(Instant.now())) {
      fail(ctx, "the sign-in took longer than " + PENDING.toMinutes() + " minutes; start again");
      return;
    }
    SingleSignOn.SignedIn in;
    try {
      in = sso.finish(code, p.started());
    } catch (TokenRejectedException e) {
      fail(ctx, e.getMessage());
      return;
    }
    try {
      sessions.openOidc(ctx, in.principal(), in.idToken(), in.expiresAt());
    } catch (InvalidInputException e) {
      fail(ctx, e.getMessage());
      return;
    }
    ctx.redirect("/#/chat", HttpStatus.FOUND);
  }

  private SingleSignOn sso() {
    return stratum
        .sessions()
        .singleSignOn()
        .orElseThrow(
            () ->
                new NotFoundException(
                    "single sign-on is not configured (set oidc_client_id and oidc_redirect_uri)"));
  }

  /** Audits the failure and sends the browser to the sign-in page, which shows why. */
  private void fail(Context ctx, String reason) {
    back(ctx, stratum.signIn().refuse("OIDC: ", reason).getMessage());
  }

  private static void back(Context ctx, String reason) {
    ctx.redirect(
        "/#/signin?error=" + URLEncoder.encode(reason, StandardCharsets.UTF_8), HttpStatus.FOUND);
  }
}
