package io.stratum.access;

import java.time.Instant;

/**
 * A new API token. {@code token} exists only here: the store keeps its SHA-256.
 *
 * @param expiresAt when it stops working, or null for never
 */
public record IssuedToken(
    String id, String principalId, String name, String token, Instant expiresAt) {
  @Override
  public String toString() {
    return "IssuedToken[id=%s, principal=%s, name=%s, expires=%s]"
        .formatted(id, principalId, name, expiresAt); // never the token itself
  }
}
