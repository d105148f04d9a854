package io.stratum.app.http;

import io.javalin.http.Context;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.app.Stratum;
import io.stratum.app.api.BearerAuth;
import io.stratum.app.api.CsrfRejectedException;
import io.stratum.app.usecase.InvalidInputException;
import io.stratum.app.usecase.Sessions;
import io.stratum.store.SessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Browser sign-in: {@code POST /api/session} trades a bearer credential for a session cookie,
 * {@code GET} says who is signed in, {@code DELETE} signs out. A request that carries the cookie
 * instead of an {@code Authorization} header is authenticated here, and when it changes state it
 * must echo the session's CSRF token.
 */
record SessionRoutes(Stratum stratum) {
  static final String COOKIE = "stratum_session";
  static final String CSRF_HEADER = "X-CSRF-Token";

  private Sessions sessions() {
    return stratum.sessions();
  }

  /**
   * The principal of a request without an {@code Authorization} header: its session cookie's, or
   * the bearer check's refusal when it has none.
   */
  Principal authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    String id = header == null ? ctx.cookie(COOKIE) : null;
    if (id == null) {
      return BearerAuth.principal(stratum.signIn(), header, "");
    }
    SessionStore.Session s =
        sessions()
            .find(id)
            .orElseThrow(
                () ->
                    stratum
                        .signIn()
                        .refuse("session: ", "the session has ended or is unknown; sign in again"));
    if (changesState(ctx) && !matches(ctx.header(CSRF_HEADER), s.csrf())) {
      throw new CsrfRejectedException(
          ctx.header(CSRF_HEADER) == null
              ? "X-CSRF-Token: required on a %s with a session cookie (GET /api/session gives it)"
                  .formatted(ctx.method().name())
              : "X-CSRF-Token: does not match the session's token");
    }
    ctx.attribute("session", s);
    return sessions().principal(s);
  }

  /** {@code POST /api/session}: only with a bearer credential, which the session then keeps. */
  void open(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null) {
      throw new InvalidInputException(
          "Authorization",
          "required: send the API token to sign in with as 'Authorization: Bearer stt_...'");
    }
    requireSecureContext(ctx);
    Principal who = Routes.principal(ctx);
    String credential = header.substring(7).strip();
    Sessions.Opened opened = sessions().open(who, credential, "token", null);
    setCookie(ctx, opened.id(), opened.session().expiresAt());
    ctx.status(201);
    Routes.json(ctx, view(who, opened.session()));
  }

  /** Opens a session for an OIDC sign-in and sets its cookie. */
  void openOidc(Context ctx, Principal who, String idToken, Instant expires) {
    requireSecureContext(ctx);
    Sessions.Opened opened = sessions().open(who, idToken, "oidc", expires);
    setCookie(ctx, opened.id(), opened.session().expiresAt());
  }

  /** {@code GET /api/session}: who the caller is; with a session, its CSRF token too. */
  void show(Context ctx) {
    SessionStore.Session s = ctx.attribute("session");
    Routes.json(ctx, view(Routes.principal(ctx), s));
  }

  /** {@code DELETE /api/session}: signs out; the cookie is cleared. */
  void close(Context ctx) {
    sessions().close(ctx.cookie(COOKIE), Routes.principal(ctx));
    ctx.header("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0");
    ctx.status(204);
  }

  private Map<String, Object> view(Principal who, SessionStore.Session s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("principal", who.id());
    out.put("name", who.name());
    out.put("orgAdmin", who.orgAdmin());
    out.put("via", s == null ? "bearer" : s.via());
    out.put(
        "workspaces",
        stratum.administration().workspaces(who).stream()
            .map(
                w -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("id", w.id());
                  m.put("name", w.name());
                  m.put("global", w.global());
                  m.put(
                      "role",
                      Optional.ofNullable(who.roles().get(w.id())).map(Role::id).orElse(null));
                  return m;
                })
            .toList());
    out.put("csrf", s == null ? null : s.csrf());
    out.put("expiresAt", s == null ? null : s.expiresAt().toString());
    return out;
  }

  private static void setCookie(Context ctx, String id, Instant expires) {
    long seconds = Math.max(0, Duration.between(Instant.now(), expires).toSeconds());
    ctx.header(
        "Set-Cookie",
        "%s=%s; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=%d"
            .formatted(COOKIE, id, seconds));
  }

  /**
   * The cookie is {@code Secure}: a browser keeps it only over HTTPS or from a loopback host, so a
   * sign-in anywhere else would fail silently. Say so instead.
   */
  private static void requireSecureContext(Context ctx) {
    String host = ctx.req().getServerName();
    boolean loopback =
        host.equals("localhost")
            || host.startsWith("127.")
            || host.equals("[::1]")
            || host.equals("::1");
    boolean https =
        ctx.scheme().equals("https") || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    if (!loopback && !https) {
      throw new InvalidInputException(
          "scheme",
          "browser sign-in needs HTTPS (the session cookie is Secure): serve Stratum behind TLS, or open it as http://localhost");
    }
  }

  private static boolean changesState(Context ctx) {
    String m = ctx.method().name();
    return !(m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS"));
  }

  private static boolean matches(String given, String expected) {
    return given != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
