package io.stratum.access;

import java.time.Instant;

/**
 * What may be shown of an API token: never its secret, which is not kept.
 *
 * @param expiresAt null when it does not expire
 * @param revokedAt null while it is not revoked
 * @param workspace the workspace it is bound to, or null
 */
public record TokenInfo(
    String id,
    String principalId,
    String name,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    String workspace) {}
