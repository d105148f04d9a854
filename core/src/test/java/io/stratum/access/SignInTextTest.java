package io.stratum.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a sign-in shows in a log line: never its verifier, nonce or ID token. */
class SignInTextTest {
  @Test
  void a_sign_in_in_progress_shows_only_its_state() {
    SingleSignOn.Started s =
        new SingleSignOn.Started(
            URI.create("https://idp.example/authorize?nonce=n-1"), "st-1", "n-1", "verifier-1");

    assertThat(s).hasToString("Started[state=st-1]");
  }

  @Test
  void a_finished_sign_in_shows_who_and_until_when() {
    SingleSignOn.SignedIn s =
        new SingleSignOn.SignedIn(
            new Principal("alice", "Alice", false, Map.of()),
            "eyJ.secret.token",
            Instant.parse("2026-12-02T10:00:00Z"));

    assertThat(s).hasToString("SignedIn[alice until 2026-12-02T10:00:00Z]");
  }

  @Test
  void a_well_formed_principal_id_is_returned_as_given_and_an_empty_one_is_named() {
    assertThat(Accounts.requirePrincipalId("dana.obrien@example.com"))
        .isEqualTo("dana.obrien@example.com");
    assertThat(Accounts.requirePrincipalId("a")).isEqualTo("a");
    assertThatThrownBy(() -> Accounts.requirePrincipalId(""))
        .hasMessage("principal: expected lower-case letters, digits and . _ @ - (1 to 64), got ''");
    assertThatThrownBy(() -> Accounts.requirePrincipalId("a".repeat(65)))
        .hasMessageEndingWith("got '" + "a".repeat(65) + "'");
  }
}
