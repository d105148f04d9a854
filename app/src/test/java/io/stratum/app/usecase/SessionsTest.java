package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.Principal;
import io.stratum.access.TokenRejectedException;
import io.stratum.store.BodyCipher;
import io.stratum.store.Database;
import io.stratum.store.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionsTest extends UseCaseTest {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-02T09:00:00Z"));
  private Sessions sessions;
  private String token;
  private Principal dana;

  @BeforeEach
  void open() {
    sessions =
        new Sessions(
            new SessionStore(u.stores.database.sql(), BodyCipher.NONE),
            new SignIn(u.accounts, null, u.auditor),
            null,
            u.auditor,
            now::get);
    token = u.accounts.issueToken("dana", "browser", null).token();
    dana = u.accounts.authenticate(token);
  }

  @Test
  void a_session_acts_for_its_credential_and_is_audited_when_it_starts_and_ends() {
    Sessions.Opened o = sessions.open(dana, token, "token", null);

    assertThat(sessions.principal(sessions.find(o.id()).orElseThrow()).id()).isEqualTo("dana");
    assertThat(sessions.close(o.id(), dana)).isTrue();
    assertThat(sessions.find(o.id())).isEmpty();
    assertThat(u.audited("session.started"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.principal()).isEqualTo("dana");
              assertThat(r.metadata()).contains("\"via\":\"token\"").doesNotContain(token);
            });
    assertThat(u.audited("session.ended")).hasSize(1);
  }

  @Test
  void a_session_lasts_twelve_hours_or_until_its_credential_expires_whichever_is_first() {
    Sessions.Opened day = sessions.open(dana, token, "token", null);
    Sessions.Opened hour = sessions.open(dana, token, "oidc", now.get().plus(Duration.ofHours(1)));

    now.set(now.get().plus(Duration.ofHours(1)));
    assertThat(sessions.find(hour.id())).isEmpty();
    assertThat(sessions.find(day.id())).isPresent();

    now.set(now.get().plus(Duration.ofHours(11)));
    assertThat(sessions.find(day.id())).isEmpty();
  }

  @Test
  void a_revoked_token_ends_its_sessions_on_their_next_request() {
    SessionStore.Session s = sessions.open(dana, token, "token", null).session();
    u.accounts.revokeToken(u.accounts.tokens("dana", 10).stream().findFirst().orElseThrow().id());

    assertThatThrownBy(() -> sessions.principal(s))
        .isInstanceOf(TokenRejectedException.class)
        .hasMessage("the token was revoked");
  }

  @Test
  void a_principal_holds_at_most_twenty_sessions_and_the_oldest_gives_way() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < Sessions.MAX_PER_PRINCIPAL + 1; i++) {
      now.set(now.get().plusSeconds(1));
      ids.add(sessions.open(dana, token, "token", null).id());
    }

    assertThat(sessions.find(ids.get(0))).isEmpty();
    assertThat(sessions.find(ids.get(1))).isPresent();
    assertThat(sessions.open()).isEqualTo(Sessions.MAX_PER_PRINCIPAL);
  }

  @Test
  void a_session_opened_on_one_server_is_found_checked_and_closed_on_another() {
    try (Database other = u.stores.another()) {
      Sessions elsewhere =
          new Sessions(
              new SessionStore(other.sql(), BodyCipher.NONE),
              new SignIn(u.accounts, null, u.auditor),
              null,
              u.auditor,
              now::get);
      Sessions.Opened o = sessions.open(dana, token, "token", null);

      SessionStore.Session found = elsewhere.find(o.id()).orElseThrow();
      assertThat(elsewhere.principal(found).id()).isEqualTo("dana");
      assertThat(found.csrf()).isEqualTo(o.session().csrf());
      assertThat(elsewhere.close(o.id(), dana)).isTrue();
      assertThat(sessions.find(o.id())).isEmpty();
    }
  }

  @Test
  void only_a_hash_of_the_session_id_is_stored() {
    Sessions.Opened o = sessions.open(dana, token, "token", null);

    List<String> stored =
        u.stores
            .sql()
            .read(
                "read the stored ids",
                tx -> tx.list("SELECT id_hash FROM browser_sessions", rs -> rs.getString(1)));
    assertThat(stored).singleElement().asString().isNotEqualTo(o.id()).matches("[0-9a-f]{64}");
  }

  @Test
  void an_unknown_or_blank_id_finds_nothing() {
    assertThat(sessions.find("")).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
    assertThat(sessions.find(Sessions.random())).isEmpty();
  }
}
