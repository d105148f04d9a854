package io.stratum.access;

import java.net.URI;
import java.time.Instant;

/**
 * Browser sign-in at the organization's identity provider: the OpenID Connect authorization code
 * flow with PKCE. {@link #start} gives where to send the browser and what to remember until it
 * comes back; {@link #finish} trades the code it brings for a checked ID token.
 */
public interface SingleSignOn {
  /**
   * A sign-in in progress.
   *
   * @param authorize the provider's authorization URL, with state, nonce and code challenge
   * @param verifier the PKCE code verifier, sent with the code
   */
  record Started(URI authorize, String state, String nonce, String verifier) {
    @Override
    public String toString() {
      return "Started[state=" + state + "]";
    }
  }

  /**
   * A finished sign-in.
   *
   * @param idToken the checked ID token, which a session keeps as its credential
   */
  record SignedIn(Principal principal, String idToken, Instant expiresAt) {
    @Override
    public String toString() {
      return "SignedIn[" + principal.id() + " until " + expiresAt + "]";
    }
  }

  Started start();

  /**
   * Exchanges {@code code} for tokens and checks the ID token (signature, issuer, audience, expiry,
   * nonce).
   *
   * @throws TokenRejectedException saying why, never with a token in the message
   */
  SignedIn finish(String code, Started started);

  /**
   * Checks an ID token {@link #finish} returned again (signature, issuer, this client as audience,
   * expiry) and maps it to a principal: a session opened with it calls this on every request.
   *
   * @throws TokenRejectedException saying why
   */
  Principal principal(String idToken);
}
