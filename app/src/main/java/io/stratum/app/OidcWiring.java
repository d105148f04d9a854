package io.stratum.app;

import io.stratum.access.Principal;
import io.stratum.access.SingleSignOn;
import io.stratum.app.config.OidcSettings;
import io.stratum.providers.oidc.OidcAuthenticator;
import io.stratum.providers.oidc.OidcCodeFlow;
import java.util.Optional;
import java.util.function.Function;

/** Sign-in at the configured identity provider: bearer JWTs, and the browser's code flow. */
final class OidcWiring {
  private OidcWiring() {}

  /** JWTs from the configured identity provider, checked by the OIDC authenticator. */
  static Function<String, Principal> oidc(OidcSettings s) {
    return new OidcAuthenticator(provider(s))::authenticate;
  }

  /** Browser sign-in at the same provider, when a client is configured ({@code oidc_client_id}). */
  static Optional<SingleSignOn> sso(OidcSettings s) {
    return s.browser()
        .map(
            c ->
                new OidcCodeFlow(
                    provider(s),
                    new OidcCodeFlow.Client(c.clientId(), c.secret(), c.redirectUri())));
  }

  private static OidcAuthenticator.Settings provider(OidcSettings s) {
    return new OidcAuthenticator.Settings(
        s.issuer(), s.jwksUrl(), s.audience(), s.groupsClaim(), s.roleMap());
  }
}
