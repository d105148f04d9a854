package io.stratum.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.store.TestDatabases;
import io.stratum.store.TestStores;
import io.stratum.testing.MovableClock;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

abstract class AccountsContract {
  /** The engine this run of the suite stores in. */
  abstract TestDatabases.Engine engine();

  @TempDir Path dir;
  TestStores store;
  Accounts accounts;
  final MovableClock clock = new MovableClock(Instant.parse("2026-11-20T10:00:00Z"));

  @BeforeEach
  void open() {
    store = TestStores.open(engine(), dir, clock);
    store.ensureWorkspace("security", "Security");
    store.ensureWorkspace("operations", "Operations");
    accounts = new Accounts(store.sql());
  }

  @AfterEach
  void close() {
    if (store != null) { // null when the engine was skipped (no PostgreSQL server)
      store.close();
    }
  }

  @Test
  void a_token_authenticates_its_principal_with_its_roles() {
    accounts.createPrincipal("alice", "Alice", false);
    accounts.grant("alice", "security", Role.MEMBER);
    IssuedToken t = accounts.issueToken("alice", "laptop", Duration.ofDays(90));

    Principal p = accounts.authenticate(t.token());

    assertThat(p)
        .isEqualTo(new Principal("alice", "Alice", false, Map.of("security", Role.MEMBER)));
    assertThat(t.token()).startsWith("stt_").hasSize(4 + 43);
    assertThat(t.toString()).doesNotContain(t.token());
  }

  @Test
  void only_the_tokens_hash_is_stored() throws Exception {
    accounts.createPrincipal("alice", "Alice", false);
    IssuedToken t = accounts.issueToken("alice", "laptop", null);

    List<String> stored =
        store
            .sql()
            .read(
                "dump tokens",
                c -> {
                  List<String> out = new ArrayList<>();
                  try (ResultSet rs =
                      c.createStatement().executeQuery("SELECT * FROM api_tokens")) {
                    while (rs.next()) {
                      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        out.add(String.valueOf(rs.getObject(i)));
                      }
                    }
                  }
                  return out;
                });

    assertThat(stored).noneMatch(v -> v.contains(t.token().substring(4)));
    assertThat(stored).contains(Accounts.hash(t.token()));
  }

  @Test
  void revoked_expired_and_unknown_tokens_are_refused_saying_which() {
    accounts.createPrincipal("bob", "Bob", false);
    IssuedToken revoked = accounts.issueToken("bob", "old", null);
    IssuedToken expiring = accounts.issueToken("bob", "ci", Duration.ofHours(1));
    accounts.revokeToken(revoked.id());
    clock.now = clock.now.plus(Duration.ofHours(1));

    assertThatThrownBy(() -> accounts.authenticate(revoked.token()))
        .isInstanceOf(TokenRejectedException.class)
        .hasMessage("the token was revoked");
    assertThatThrownBy(() -> accounts.authenticate(expiring.token()))
        .hasMessage("the token expired at 2026-11-20T11:00:00Z");
    assertThatThrownBy(() -> accounts.authenticate("stt_" + "A".repeat(43)))
        .hasMessage("unknown token");
    assertThatThrownBy(() -> accounts.authenticate("Bearer xyz"))
        .hasMessage("not a Stratum API token");
  }

  @Test
  void a_kept_token_is_live_only_while_unrevoked_and_valid_for_the_margin_asked() {
    accounts.createPrincipal("bob", "Bob", false);
    IssuedToken month = accounts.issueToken("bob", "demo", Duration.ofDays(30));
    IssuedToken forever = accounts.issueToken("bob", "ci", null);
    IssuedToken revoked = accounts.issueToken("bob", "old", Duration.ofDays(30));
    accounts.revokeToken(revoked.id());

    assertThat(accounts.live(month.token(), Duration.ofDays(1))).contains(month);
    assertThat(accounts.live(forever.token(), Duration.ofDays(1))).contains(forever);
    assertThat(accounts.live(revoked.token(), Duration.ofDays(1))).isEmpty();
    assertThat(accounts.live("stt_" + "A".repeat(43), Duration.ofDays(1))).isEmpty();
    assertThat(accounts.live("not a token", Duration.ofDays(1))).isEmpty();
    clock.now = clock.now.plus(Duration.ofDays(29)).plusSeconds(1);
    assertThat(accounts.live(month.token(), Duration.ofDays(1))).isEmpty();
    assertThat(accounts.live(month.token(), Duration.ZERO)).contains(month);
  }

  @Test
  void bad_principal_ids_roles_and_duplicates_are_named() {
    accounts.createPrincipal("carol", "Carol", false);

    assertThatThrownBy(() -> accounts.createPrincipal("Carol Smith", "", false))
        .hasMessage(
            "principal: expected lower-case letters, digits and . _ @ - (1 to 64), got 'Carol Smith'");
    assertThatThrownBy(() -> accounts.createPrincipal("carol", "", false))
        .hasMessage("principal 'carol' already exists");
    assertThatThrownBy(() -> accounts.grant("dave", "security", Role.VIEWER))
        .hasMessage("principal 'dave' does not exist");
    assertThatThrownBy(() -> Role.parse("owner"))
        .hasMessage("role: expected viewer|member|workspace_admin, got 'owner'");
  }

  @Test
  void the_policy_follows_roles_global_workspaces_and_org_admins() {
    AccessPolicy policy = accounts.policy();
    Principal viewer = new Principal("v", "V", false, Map.of("security", Role.VIEWER));
    Principal member = new Principal("m", "M", false, Map.of("security", Role.MEMBER));
    Principal admin = new Principal("a", "A", true, Map.of());
    accounts.setGlobal("operations", true);

    assertThat(policy.allows(viewer, Action.READ, "security")).isTrue();
    assertThat(policy.allows(viewer, Action.ASK, "security")).isFalse();
    assertThat(policy.allows(member, Action.ASK, "security")).isTrue();
    assertThat(policy.allows(member, Action.ADMINISTER, "security")).isFalse();
    assertThat(policy.allows(member, Action.ASK, "operations")).isTrue(); // global
    assertThat(policy.allows(member, Action.ADMINISTER, "operations")).isFalse();
    assertThat(policy.allows(admin, Action.ADMINISTER, "anything")).isTrue();
    assertThat(policy.allows(viewer, Action.READ, "finance")).isFalse();
    assertThat(new AccessDeniedException(viewer, Action.READ, "finance"))
        .hasMessage("'v' may not read workspace 'finance'");
  }

  @Test
  void a_token_bound_to_a_workspace_names_it_when_it_authenticates_and_in_the_listing() {
    accounts.createPrincipal("alice", "Alice", false);
    accounts.grant("alice", "security", Role.MEMBER);
    IssuedToken bound = accounts.issueToken("alice", "ide", null, "security");
    IssuedToken unbound = accounts.issueToken("alice", "laptop", null);

    assertThat(accounts.bearer(bound.token()).workspace()).contains("security");
    assertThat(accounts.bearer(bound.token()).principal().id()).isEqualTo("alice");
    assertThat(accounts.bearer(unbound.token()).workspace()).isEmpty();
    assertThat(bound.workspace()).isEqualTo("security");
    assertThat(accounts.tokens("alice", 10))
        .extracting(TokenInfo::name, TokenInfo::workspace)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("ide", "security"),
            org.assertj.core.groups.Tuple.tuple("laptop", null));
  }

  @Test
  void a_token_is_bound_only_to_a_workspace_that_exists_and_goes_when_the_workspace_goes() {
    accounts.createPrincipal("alice", "Alice", false);
    assertThatThrownBy(() -> accounts.issueToken("alice", "ide", null, "finance"))
        .hasMessage("workspace 'finance' does not exist");
    IssuedToken bound = accounts.issueToken("alice", "ops", null, "operations");

    store
        .sql()
        .write(
            "delete a workspace",
            tx -> tx.update("DELETE FROM workspaces WHERE id = ?", "operations"));

    assertThatThrownBy(() -> accounts.bearer(bound.token())).hasMessage("unknown token");
  }
}
