package io.stratum.app.usecase;

import io.stratum.access.Principal;
import io.stratum.access.SingleSignOn;
import io.stratum.access.TokenRejectedException;
import io.stratum.store.SessionStore;
import io.stratum.store.SessionStore.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Browser sessions: a signed-in browser holds a random session id (in an HttpOnly cookie), the
 * server holds the credential it was opened with. Every request checks that credential again (an
 * API token through {@link SignIn}, an ID token through the {@link SingleSignOn} that issued it),
 * so revoking a token or changing a role takes effect at once, and a session opened with an OIDC ID
 * token ends when the ID token expires.
 *
 * <p>Sessions live in the database ({@link SessionStore}), so every server answers every request
 * and a restart signs no one out. Ids are kept as SHA-256 hashes only, so neither the table nor a
 * heap dump hands out live sessions; the credentials are sealed like conversation bodies.
 */
public final class Sessions {
  /** The longest a session lasts, however long its credential is valid. */
  public static final Duration LIFETIME = Duration.ofHours(12);

  /** Sessions one principal may hold at once; the oldest is closed to open another. */
  static final int MAX_PER_PRINCIPAL = 20;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A session just opened; {@code id} goes to the browser and is not kept here. */
  public record Opened(String id, Session session) {}

  private final SignIn signIn;
  private final SingleSignOn sso;
  private final Auditor audit;
  private final InstantSource clock;
  private final SessionStore store;

  /**
   * @param sso browser sign-in at the identity provider, or null when none is configured
   */
  public Sessions(
      SessionStore store, SignIn signIn, SingleSignOn sso, Auditor audit, InstantSource clock) {
    this.store = store;
    this.signIn = signIn;
    this.sso = sso;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Opens a session for {@code who}, who has just been authenticated by {@code credential}.
   *
   * @param credentialExpires when the credential stops being valid, or null when it does not say
   */
  public Opened open(Principal who, String credential, String via, Instant credentialExpires) {
    Instant now = clock.instant();
    Instant end = now.plus(LIFETIME);
    if (credentialExpires != null && credentialExpires.isBefore(end)) {
      end = credentialExpires;
    }
    String id = random();
    Session s = new Session(who.id(), credential, random(), via, now, end);
    store.open(hash(id), s, MAX_PER_PRINCIPAL);
    audit.record(
        "session.started", "success", who, "", Map.of("via", via, "expiresAt", end.toString()));
    return new Opened(id, s);
  }

  /** The open session {@code id} names, if any. */
  public Optional<Session> find(String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    return store.find(hash(id), clock.instant());
  }

  /**
   * Who {@code s} acts for now: its credential checked again.
   *
   * @throws TokenRejectedException when the credential no longer signs in (revoked, expired)
   */
  public Principal principal(Session s) {
    if (!s.via().equals("oidc")) {
      return signIn.authenticate(s.credential(), "session: ");
    }
    try {
      return sso.principal(s.credential());
    } catch (TokenRejectedException e) {
      throw signIn.refuse("session: ", e.getMessage());
    }
  }

  /** Closes session {@code id} (signing out); true when it was open. */
  public boolean close(String id, Principal who) {
    Optional<Session> s = id == null ? Optional.empty() : store.close(hash(id));
    s.ifPresent(
        ended -> audit.record("session.ended", "success", who, "", Map.of("via", ended.via())));
    return s.isPresent();
  }

  /** Browser sign-in at the identity provider, when one is configured for it. */
  public Optional<SingleSignOn> singleSignOn() {
    return Optional.ofNullable(sso);
  }

  /** How many sessions are open, for tests and metrics. */
  public int open() {
    return store.count(clock.instant());
  }

  /** 256 random bits, URL-safe. */
  public static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String hash(String id) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
