package io.stratum.access;

import io.stratum.store.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Principals, their workspace roles, API tokens and which workspaces are global. Tokens are 32
 * random bytes shown once ({@code stt_…}); only their SHA-256 is stored, so a copy of the database
 * holds no usable token.
 *
 * <pre>{@code
 * Accounts accounts = new Accounts(store.sql());
 * accounts.createPrincipal("alice", "Alice", false);
 * accounts.grant("alice", "security", Role.MEMBER);
 * IssuedToken t = accounts.issueToken("alice", "laptop", Duration.ofDays(90));
 * Principal p = accounts.authenticate(t.token());
 * }</pre>
 */
public final class Accounts {
  public static final String TOKEN_PREFIX = "stt_";
  private static final Pattern PRINCIPAL_ID = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Sql sql;
  // Another process sharing the database (the CLI beside a server, a second node) may change which
  // workspaces are global, so the set is read again once it is a second old.
  private volatile Set<String> global;
  private volatile long globalReadAt;

  public Accounts(Sql sql) {
    this.sql = sql;
    this.global = loadGlobal();
    this.globalReadAt = System.nanoTime();
  }

  private Set<String> globals() {
    if (System.nanoTime() - globalReadAt > 1_000_000_000L) {
      global = loadGlobal();
      globalReadAt = System.nanoTime();
    }
    return global;
  }

  /** The policy over these accounts' global workspaces. */
  public AccessPolicy policy() {
    return new AccessPolicy(ws -> globals().contains(ws));
  }

  /**
   * {@code id}, if it is a well-formed principal id.
   *
   * @throws IllegalArgumentException saying what an id may hold
   */
  public static String requirePrincipalId(String id) {
    if (id == null || !PRINCIPAL_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "principal: expected lower-case letters, digits and . _ @ - (1 to 64), got '" + id + "'");
    }
    return id;
  }

  public Principal createPrincipal(String id, String name, boolean orgAdmin) {
    requirePrincipalId(id);
    sql.write(
        "create principal " + id,
        c -> {
          if (exists(c, id)) {
            throw new IllegalArgumentException("principal '" + id + "' already exists");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO principals (id, name, org_admin, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, name == null || name.isBlank() ? id : name);
            ps.setBoolean(3, orgAdmin);
            ps.setTimestamp(4, sql.now());
            ps.executeUpdate();
          }
          return null;
        });
    return principal(id).orElseThrow();
  }

  public Optional<Principal> principal(String id) {
    return sql.read("read principal " + id, c -> load(c, id));
  }

  public boolean anyOrgAdmin() {
    return sql.read(
        "look for an org admin",
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT COUNT(*) FROM principals WHERE org_admin");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1) > 0;
          }
        });
  }

  /** Gives {@code principal} {@code role} in {@code workspace}, replacing any role it had. */
  public void grant(String principalId, String workspace, Role role) {
    sql.write(
        "grant " + role.id() + " on " + workspace + " to " + principalId,
        c -> {
          if (!exists(c, principalId)) {
            throw new IllegalArgumentException("principal '" + principalId + "' does not exist");
          }
          try (PreparedStatement del =
                  c.prepareStatement(
                      "DELETE FROM memberships WHERE principal_id = ? AND workspace_id = ?");
              PreparedStatement ins =
                  c.prepareStatement(
                      "INSERT INTO memberships (principal_id, workspace_id, role) VALUES (?, ?, ?)")) {
            del.setString(1, principalId);
            del.setString(2, workspace);
            del.executeUpdate();
            ins.setString(1, principalId);
            ins.setString(2, workspace);
            ins.setString(3, role.id());
            ins.executeUpdate();
          }
          return null;
        });
  }

  public void removeMember(String principalId, String workspace) {
    sql.write(
        "remove " + principalId + " from " + workspace,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM memberships WHERE principal_id = ? AND workspace_id = ?")) {
            ps.setString(1, principalId);
            ps.setString(2, workspace);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /**
   * A new token for {@code principalId}.
   *
   * @param ttl how long it works, or null for no expiry
   */
  public IssuedToken issueToken(String principalId, String name, Duration ttl) {
    return issueToken(principalId, name, ttl, null);
  }

  /**
   * A new token for {@code principalId}, bound to {@code workspace}: its calls to the
   * OpenAI-compatible gateway spend that workspace's budget and are audited under it.
   *
   * @param ttl how long it works, or null for no expiry
   * @param workspace an existing workspace, or null for none
   */
  public IssuedToken issueToken(String principalId, String name, Duration ttl, String workspace) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String id = UUID.randomUUID().toString();
    Instant expires = ttl == null ? null : sql.clock().instant().plus(ttl);
    sql.write(
        "issue a token for " + principalId,
        c -> {
          if (!exists(c, principalId)) {
            throw new IllegalArgumentException("principal '" + principalId + "' does not exist");
          }
          if (workspace != null && !workspaceExists(c, workspace)) {
            throw new IllegalArgumentException("workspace '" + workspace + "' does not exist");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO api_tokens"
                      + " (id, principal_id, name, token_hash, created_at, expires_at, workspace_id)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, principalId);
            ps.setString(3, name == null ? "" : name);
            ps.setString(4, hash(token));
            ps.setTimestamp(5, sql.now());
            ps.setTimestamp(6, expires == null ? null : Timestamp.from(expires));
            ps.setString(7, workspace);
            ps.executeUpdate();
          }
          return null;
        });
    return new IssuedToken(id, principalId, name, token, expires, workspace);
  }

  /**
   * Registers a token whose secret the operator chose (the demo's fixed admin token, like a
   * development root token). A token that is already registered is left as it is.
   */
  public void importToken(String principalId, String name, String token) {
    if (token == null
        || !token.startsWith(TOKEN_PREFIX)
        || token.length() < TOKEN_PREFIX.length() + 20) {
      throw new IllegalArgumentException(
          "token: expected 'stt_' and at least 20 more characters, got "
              + (token == null ? "none" : token.length() + " characters"));
    }
    String digest = hash(token);
    sql.write(
        "import a token for " + principalId,
        c -> {
          try (PreparedStatement find =
              c.prepareStatement("SELECT 1 FROM api_tokens WHERE token_hash = ?")) {
            find.setString(1, digest);
            try (ResultSet rs = find.executeQuery()) {
              if (rs.next()) {
                return null;
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO api_tokens (id, principal_id, name, token_hash, created_at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setString(2, principalId);
            ps.setString(3, name);
            ps.setString(4, digest);
            ps.setTimestamp(5, sql.now());
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** The members of {@code workspace} with their roles, by principal id. */
  public List<Member> members(String workspace) {
    return sql.read(
        "list the members of " + workspace,
        tx ->
            tx.list(
                "SELECT m.principal_id, p.name, m.role FROM memberships m"
                    + " JOIN principals p ON p.id = m.principal_id"
                    + " WHERE m.workspace_id = ? ORDER BY m.principal_id",
                rs -> new Member(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3))),
                workspace));
  }

  /**
   * Tokens, newest first: of {@code principalId}, or of everyone when it is null.
   *
   * @param limit at most this many
   */
  public List<TokenInfo> tokens(String principalId, int limit) {
    String where = principalId == null ? "" : " WHERE principal_id = ?";
    Object[] args = principalId == null ? new Object[0] : new Object[] {principalId};
    return sql.read(
        "list tokens",
        tx ->
            tx.list(
                "SELECT id, principal_id, name, created_at, expires_at, revoked_at, workspace_id"
                    + " FROM api_tokens"
                    + where
                    + " ORDER BY created_at DESC, id LIMIT "
                    + limit,
                rs ->
                    new TokenInfo(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        instant(rs.getTimestamp(4)),
                        instant(rs.getTimestamp(5)),
                        instant(rs.getTimestamp(6)),
                        rs.getString(7)),
                args));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** Who a token belongs to, by its id; empty when there is no such token. */
  public Optional<String> tokenOwner(String tokenId) {
    return sql.read(
        "find the owner of token " + tokenId,
        tx ->
            tx.one(
                "SELECT principal_id FROM api_tokens WHERE id = ?",
                rs -> rs.getString(1),
                tokenId));
  }

  /** Revokes a token by its id (not its secret); returns false when there is no such token. */
  public boolean revokeToken(String tokenId) {
    return sql.write(
        "revoke token " + tokenId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            ps.setTimestamp(1, sql.now());
            ps.setString(2, tokenId);
            return ps.executeUpdate() > 0;
          }
        });
  }

  /**
   * The principal a bearer token belongs to.
   *
   * @throws TokenRejectedException when it is unknown, revoked or expired
   */
  public Principal authenticate(String token) {
    return bearer(token).principal();
  }

  /**
   * The principal a bearer token belongs to, and the workspace it is bound to.
   *
   * @throws TokenRejectedException when it is unknown, revoked or expired
   */
  public Bearer bearer(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX)) {
      throw new TokenRejectedException("not a Stratum API token");
    }
    String digest = hash(token);
    return sql.read(
        "check a token",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT principal_id, expires_at, revoked_at, workspace_id FROM api_tokens"
                      + " WHERE token_hash = ?")) {
            ps.setString(1, digest);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new TokenRejectedException("unknown token");
              }
              if (rs.getTimestamp(3) != null) {
                throw new TokenRejectedException("the token was revoked");
              }
              Timestamp expires = rs.getTimestamp(2);
              if (expires != null && !expires.toInstant().isAfter(sql.clock().instant())) {
                throw new TokenRejectedException("the token expired at " + expires.toInstant());
              }
              Principal p =
                  load(c, rs.getString(1))
                      .orElseThrow(() -> new TokenRejectedException("unknown token"));
              return new Bearer(p, Optional.ofNullable(rs.getString(4)));
            }
          }
        });
  }

  /**
   * A token someone kept, if it is known, not revoked, and works for at least {@code margin} more:
   * its record with the token itself, so it can be handed out again instead of a new one.
   */
  public Optional<IssuedToken> live(String token, Duration margin) {
    if (token == null || !token.startsWith(TOKEN_PREFIX)) {
      return Optional.empty();
    }
    Instant until = sql.clock().instant().plus(margin);
    return sql.read(
            "look up a kept token",
            tx ->
                tx.one(
                    "SELECT id, principal_id, name, expires_at FROM api_tokens"
                        + " WHERE token_hash = ? AND revoked_at IS NULL",
                    rs -> {
                      Timestamp expires = rs.getTimestamp(4);
                      return new IssuedToken(
                          rs.getString(1),
                          rs.getString(2),
                          rs.getString(3),
                          token,
                          expires == null ? null : expires.toInstant());
                    },
                    hash(token)))
        .filter(t -> t.expiresAt() == null || t.expiresAt().isAfter(until));
  }

  /** Makes {@code workspace} readable by every principal (or private again). */
  public void setGlobal(String workspace, boolean isGlobal) {
    sql.write(
        "set the visibility of " + workspace,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE workspaces SET visibility = ? WHERE id = ?")) {
            ps.setString(1, isGlobal ? "global" : "private");
            ps.setString(2, workspace);
            ps.executeUpdate();
          }
          return null;
        });
    global = loadGlobal();
  }

  public boolean isGlobal(String workspace) {
    return globals().contains(workspace);
  }

  private Set<String> loadGlobal() {
    return sql.read(
        "list global workspaces",
        c -> {
          Set<String> out = new LinkedHashSet<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT id FROM workspaces WHERE visibility = 'global'");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
          return Set.copyOf(out);
        });
  }

  private static boolean exists(Sql.Tx c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM principals WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static boolean workspaceExists(Sql.Tx c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM workspaces WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static Optional<Principal> load(Sql.Tx c, String id) throws SQLException {
    String name;
    boolean admin;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT name, org_admin FROM principals WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        name = rs.getString(1);
        admin = rs.getBoolean(2);
      }
    }
    Map<String, Role> roles = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT workspace_id, role FROM memberships WHERE principal_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          roles.put(rs.getString(1), Role.parse(rs.getString(2)));
        }
      }
    }
    return Optional.of(new Principal(id, name, admin, roles));
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
