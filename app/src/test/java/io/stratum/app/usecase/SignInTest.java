package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.Principal;
import io.stratum.access.TokenRejectedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
