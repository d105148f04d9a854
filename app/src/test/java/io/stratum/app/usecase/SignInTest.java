package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.Principal;
import io.stratum.access.TokenRejectedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class SignInTest extends UseCaseTest {

  @Test
  void an_api_token_names_its_principal() {
    String token = u.accounts.issueToken("dana", "laptop", null).token();

    assertThat(new SignIn(u.accounts, null, u.auditor).authenticate(token, "").id())
        .isEqualTo("dana");
    assertThat(u.audited("auth.failed")).isEmpty();
  }

  @Test
  void a_refused_credential_is_audited_with_the_reason_and_never_the_credential() {
    SignIn signIn = new SignIn(u.accounts, null, u.auditor);

    assertThatThrownBy(() -> signIn.authenticate("eyJhbGciOi.secret.part", "MCP: "))
        .isInstanceOf(TokenRejectedException.class)
        .hasMessage("not a Stratum API token (OIDC is not configured)");
    assertThat(u.audited("auth.failed"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.principal()).isEqualTo("anonymous");
              assertThat(r.metadata())
                  .contains("MCP: not a Stratum API token (OIDC is not configured)")
                  .doesNotContain("secret");
            });
  }

  @Test
  void with_oidc_a_jwt_goes_to_the_identity_provider() {
    Principal ida = new Principal("ida", "Ida", false, Map.of());
    SignIn signIn = new SignIn(u.accounts, jwt -> ida, u.auditor);

    assertThat(signIn.authenticate("a.b.c", "")).isSameAs(ida);
    assertThatThrownBy(() -> signIn.authenticate("plain", ""))
        .hasMessage("neither a Stratum API token nor a JWT");
  }

  @Test
  void failed_sign_ins_from_one_address_are_one_record_at_once_and_one_with_their_count_at_close() {
    Instant t0 = Instant.parse("2026-12-02T10:00:00Z");
    Auditor auditor = new Auditor(u.log, Duration.ofSeconds(60), () -> t0);
    SignIn signIn = new SignIn(u.accounts, null, auditor);
    MDC.put("clientIp", "203.0.113.7");
    try {
      for (int i = 0; i < 50; i++) {
        assertThatThrownBy(() -> signIn.authenticate("stt_" + "x".repeat(40), ""))
            .hasMessage("unknown token");
      }
      assertThat(signIn.refuse("MCP: ", "expected 'Authorization: Bearer <token>'"))
          .hasMessage("expected 'Authorization: Bearer <token>'");
    } finally {
      MDC.remove("clientIp");
    }
    assertThat(u.audited("auth.failed"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.metadata())
                    .isEqualTo(
                        "{\"clientIp\":\"203.0.113.7\",\"count\":1,\"reason\":\"unknown token\"}"));

    auditor.close();

    assertThat(u.audited("auth.failed"))
        .hasSize(2)
        .last()
        .satisfies(
            r -> {
              assertThat(r.principal()).isEqualTo("anonymous");
              assertThat(r.requestId()).isEmpty();
              assertThat(r.metadata())
                  .isEqualTo(
                      "{\"clientIp\":\"203.0.113.7\",\"count\":50,"
                          + "\"reason\":\"MCP: expected 'Authorization: Bearer <token>'\","
                          + "\"windowSeconds\":60,\"windowStart\":\"2026-12-02T10:00:00Z\"}");
            });
  }
}
