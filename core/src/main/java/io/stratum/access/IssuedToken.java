package io.stratum.access;

import java.time.Instant;

/**
 * A new API token. {@code token} exists only here: the store keeps its SHA-256.
 *
 * @param expiresAt when it stops working, or null for never
 * @param workspace the workspace it is bound to (whose budget its gateway calls spend), or null
 */
public record IssuedToken(
    String id, String principalId, String name, String token, Instant expiresAt, String workspace) {

  /** A token bound to no workspace. */
  public IssuedToken(String id, String principalId, String name, String token, Instant expiresAt) {
    this(id, principalId, name, token, expiresAt, null);
  }

  @Override
  public String toString() {
    return "IssuedToken[id=%s, principal=%s, name=%s, expires=%s, workspace=%s]"
        .formatted(id, principalId, name, expiresAt, workspace); // never the token itself
  }
}
