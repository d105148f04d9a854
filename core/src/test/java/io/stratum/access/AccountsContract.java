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

  @Test
  void a_grant_replaces_the_role_and_members_are_listed_by_id_with_name_and_role() {
    accounts.createPrincipal("bob", "Bob", false);
    accounts.createPrincipal("alice", "Alice", false);
    accounts.grant("alice", "security", Role.MEMBER);
    accounts.grant("alice", "security", Role.WORKSPACE_ADMIN);
    accounts.grant("alice", "operations", Role.VIEWER);
    accounts.grant("bob", "security", Role.VIEWER);

    assertThat(accounts.members("security"))
        .containsExactly(
            new Member("alice", "Alice", Role.WORKSPACE_ADMIN),
            new Member("bob", "Bob", Role.VIEWER));
    assertThat(accounts.principal("alice").orElseThrow().roles())
        .isEqualTo(Map.of("security", Role.WORKSPACE_ADMIN, "operations", Role.VIEWER));

    accounts.removeMember("bob", "security");

    assertThat(accounts.members("security"))
        .containsExactly(new Member("alice", "Alice", Role.WORKSPACE_ADMIN));
    assertThat(accounts.principal("bob").orElseThrow().roles()).isEmpty();
    assertThat(accounts.principal("nobody")).isEmpty();
  }

  @Test
  void a_principal_without_a_name_is_named_by_its_id_and_the_first_org_admin_is_seen() {
    assertThat(accounts.anyOrgAdmin()).isFalse();

    accounts.createPrincipal("erin", " ", false);
    accounts.createPrincipal("frank", null, false);
    assertThat(accounts.anyOrgAdmin()).isFalse();
    Principal root = accounts.createPrincipal("root", "Root", true);

    assertThat(accounts.principal("erin").orElseThrow().name()).isEqualTo("erin");
    assertThat(accounts.principal("frank").orElseThrow().name()).isEqualTo("frank");
    assertThat(root).isEqualTo(new Principal("root", "Root", true, Map.of()));
    assertThat(accounts.anyOrgAdmin()).isTrue();
    assertThatThrownBy(() -> accounts.issueToken("ghost", "x", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("principal 'ghost' does not exist");
  }

  @Test
  void tokens_are_listed_newest_first_per_principal_up_to_the_limit_without_their_secret() {
    accounts.createPrincipal("alice", "Alice", false);
    accounts.createPrincipal("bob", "Bob", false);
    Instant t0 = clock.now;
    IssuedToken first = accounts.issueToken("alice", "laptop", Duration.ofDays(1));
    clock.now = t0.plusSeconds(60);
    IssuedToken second = accounts.issueToken("bob", "ci", null);
    clock.now = t0.plusSeconds(120);
    IssuedToken third = accounts.issueToken("alice", "phone", null);
    clock.now = t0.plusSeconds(180);
    accounts.revokeToken(third.id());

    assertThat(accounts.tokens(null, 10))
        .containsExactly(
            new TokenInfo(
                third.id(), "alice", "phone", t0.plusSeconds(120), null, t0.plusSeconds(180), null),
            new TokenInfo(second.id(), "bob", "ci", t0.plusSeconds(60), null, null, null),
            new TokenInfo(
                first.id(), "alice", "laptop", t0, t0.plus(Duration.ofDays(1)), null, null));
    assertThat(accounts.tokens("alice", 10))
        .extracting(TokenInfo::id)
        .containsExactly(third.id(), first.id());
    assertThat(accounts.tokens(null, 2))
        .extracting(TokenInfo::id)
        .containsExactly(third.id(), second.id());
    assertThat(accounts.tokenOwner(second.id())).contains("bob");
    assertThat(accounts.tokenOwner("no-such-id")).isEmpty();
    assertThat(first.expiresAt()).isEqualTo(t0.plus(Duration.ofDays(1)));
    assertThat(second.expiresAt()).isNull();
    assertThat(first.toString())
        .isEqualTo(
            "IssuedToken[id=%s, principal=alice, name=laptop, expires=2026-11-21T10:00:00Z, workspace=null]"
                .formatted(first.id()));
  }

  @Test
  void a_token_is_revoked_once_and_revoking_again_or_an_unknown_id_says_false() {
    accounts.createPrincipal("alice", "Alice", false);
    IssuedToken t = accounts.issueToken("alice", "laptop", null);

    assertThat(accounts.revokeToken(t.id())).isTrue();
    assertThat(accounts.revokeToken(t.id())).isFalse();
    assertThat(accounts.revokeToken("no-such-id")).isFalse();
  }

  @Test
  void an_imported_token_authenticates_once_registered_however_often_it_is_imported() {
    accounts.createPrincipal("admin", "Admin", true);
    String token = "stt_" + "d".repeat(20);

    accounts.importToken("admin", "demo", token);
    accounts.importToken("admin", "demo", token);

    assertThat(accounts.authenticate(token).id()).isEqualTo("admin");
    assertThat(accounts.tokens("admin", 10))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.name()).isEqualTo("demo");
              assertThat(i.createdAt()).isEqualTo(clock.now);
              assertThat(i.expiresAt()).isNull();
            });
  }

  @Test
  void an_imported_token_must_start_with_stt_and_hold_20_more_characters() {
    accounts.createPrincipal("admin", "Admin", true);

    assertThatThrownBy(() -> accounts.importToken("admin", "demo", "stt_" + "d".repeat(19)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("token: expected 'stt_' and at least 20 more characters, got 23 characters");
    assertThatThrownBy(() -> accounts.importToken("admin", "demo", "xyz_" + "d".repeat(20)))
        .hasMessage("token: expected 'stt_' and at least 20 more characters, got 24 characters");
    assertThatThrownBy(() -> accounts.importToken("admin", "demo", null))
        .hasMessage("token: expected 'stt_' and at least 20 more characters, got none");
    assertThat(accounts.tokens("admin", 10)).isEmpty();
  }

  @Test
  void a_kept_token_expiring_exactly_at_the_end_of_the_margin_is_not_live() {
    accounts.createPrincipal("bob", "Bob", false);
    IssuedToken day = accounts.issueToken("bob", "demo", Duration.ofDays(2));
    clock.now = clock.now.plus(Duration.ofDays(1));

    assertThat(accounts.live(day.token(), Duration.ofDays(1))).isEmpty();
    assertThat(accounts.live(day.token(), Duration.ofDays(1).minusSeconds(1))).contains(day);
  }

  @Test
  void a_workspace_made_private_again_is_no_longer_open_to_everyone() {
    AccessPolicy policy = accounts.policy();
    Principal stranger = new Principal("s", "S", false, Map.of());
    accounts.setGlobal("operations", true);
    assertThat(accounts.isGlobal("operations")).isTrue();
    assertThat(policy.allows(stranger, Action.READ, "operations")).isTrue();

    accounts.setGlobal("operations", false);

    assertThat(accounts.isGlobal("operations")).isFalse();
    assertThat(policy.allows(stranger, Action.READ, "operations")).isFalse();
    assertThat(policy.allows(stranger, Action.ASK, "operations")).isFalse();
  }

  @Test
  void a_workspace_made_global_by_another_process_is_seen_once_the_cached_set_is_a_second_old()
      throws Exception {
    Accounts other = new Accounts(store.sql());
    other.setGlobal("operations", true);

    Thread.sleep(1_100);

    assertThat(accounts.isGlobal("operations")).isTrue();
  }

  @Test
  void the_admin_of_a_global_workspace_administers_it_and_a_member_does_not() {
    AccessPolicy policy = accounts.policy();
    accounts.setGlobal("operations", true);
    Principal owner = new Principal("o", "O", false, Map.of("operations", Role.WORKSPACE_ADMIN));
    Principal member = new Principal("m", "M", false, Map.of("operations", Role.MEMBER));

    assertThat(policy.allows(owner, Action.ADMINISTER, "operations")).isTrue();
    assertThat(policy.allows(member, Action.ADMINISTER, "operations")).isFalse();
    assertThat(new AccessDeniedException(member, Action.ASK, "finance"))
        .hasMessage("'m' may not ask in workspace 'finance'")
        .extracting(AccessDeniedException::workspace)
        .isEqualTo("finance");
    assertThat(new AccessDeniedException(member, Action.ADMINISTER, "operations"))
        .hasMessage("'m' may not administer workspace 'operations'");
    assertThat(new AccessDeniedException("no session").workspace()).isEmpty();
  }
}
