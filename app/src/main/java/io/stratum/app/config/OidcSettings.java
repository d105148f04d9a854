package io.stratum.app.config;

import static io.stratum.app.config.ServiceKeys.OIDC_AUDIENCE;
import static io.stratum.app.config.ServiceKeys.OIDC_CLIENT_ID;
import static io.stratum.app.config.ServiceKeys.OIDC_CLIENT_SECRET;
import static io.stratum.app.config.ServiceKeys.OIDC_GROUPS_CLAIM;
import static io.stratum.app.config.ServiceKeys.OIDC_ISSUER;
import static io.stratum.app.config.ServiceKeys.OIDC_JWKS_URL;
import static io.stratum.app.config.ServiceKeys.OIDC_REDIRECT_URI;
import static io.stratum.app.config.ServiceKeys.OIDC_ROLE_MAP;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity provider whose JWTs are accepted besides API tokens ({@code oidc_*}); the
 * composition root hands it to the OIDC authenticator.
 *
 * @param roleMap group name to {@code org_admin} or {@code WORKSPACE:ROLE}
 */
public record OidcSettings(
    String issuer,
    URI jwksUrl,
    String audience,
    String groupsClaim,
    Map<String, String> roleMap,
    Optional<BrowserClient> browser) {
  /**
   * The browser sign-in client ({@code oidc_client_id}): the authorization code flow with PKCE.
   *
   * @param secret null for a public client
   */
  public record BrowserClient(String clientId, String secret, URI redirectUri) {
    @Override
    public String toString() {
      return "BrowserClient[clientId=%s, secret=%s, redirectUri=%s]"
          .formatted(clientId, secret == null ? "none" : "***", redirectUri);
    }
  }

  public OidcSettings {
    roleMap = Map.copyOf(roleMap);
  }

  /** All of issuer, JWKS URL and audience, or none of the {@code oidc_*} keys. */
  static Optional<OidcSettings> read(Values v) {
    List<Key<?>> keys =
        List.of(
            OIDC_ISSUER,
            OIDC_JWKS_URL,
            OIDC_AUDIENCE,
            OIDC_GROUPS_CLAIM,
            OIDC_ROLE_MAP,
            OIDC_CLIENT_ID,
            OIDC_REDIRECT_URI);
    Key<?> given = keys.stream().filter(v::isSet).findFirst().orElse(null);
    if (given == null) {
      return Optional.empty();
    }
    String issuer = v.get(OIDC_ISSUER);
    URI jwks = v.get(OIDC_JWKS_URL);
    String audience = v.get(OIDC_AUDIENCE);
    for (Key<?> required : List.of(OIDC_ISSUER, OIDC_JWKS_URL, OIDC_AUDIENCE)) {
      if (!v.isSet(required)) {
        v.problem(
            "%s: required when OIDC is configured (%s is set at %s)"
                .formatted(required.name(), given.name(), v.where(given)));
      }
    }
    Map<String, String> roleMap = v.get(OIDC_ROLE_MAP);
    String groupsClaim = v.get(OIDC_GROUPS_CLAIM);
    Optional<BrowserClient> browser = browser(v);
    if (issuer == null || jwks == null || audience == null) {
      return Optional.empty();
    }
    return Optional.of(
        new OidcSettings(
            issuer, jwks, audience, groupsClaim, roleMap == null ? Map.of() : roleMap, browser));
  }

  /** Client id and redirect URI together, or neither; the secret only with them. */
  private static Optional<BrowserClient> browser(Values v) {
    String id = v.get(OIDC_CLIENT_ID);
    URI redirect = v.get(OIDC_REDIRECT_URI);
    String secret = v.get(OIDC_CLIENT_SECRET);
    if (id != null && redirect == null) {
      v.problem(
          "%s: required with %s (%s), e.g. https://stratum.example.org/auth/oidc/callback"
              .formatted(OIDC_REDIRECT_URI.name(), OIDC_CLIENT_ID.name(), v.where(OIDC_CLIENT_ID)));
    }
    if (id == null && redirect != null) {
      v.problem(
          "%s: required with %s (%s)"
              .formatted(
                  OIDC_CLIENT_ID.name(), OIDC_REDIRECT_URI.name(), v.where(OIDC_REDIRECT_URI)));
    }
    if (id == null && secret != null) {
      v.problem(
          "%s: set, but %s is not: the secret belongs to a browser sign-in client"
              .formatted(OIDC_CLIENT_SECRET.env(), OIDC_CLIENT_ID.name()));
    }
    if (id == null || redirect == null) {
      return Optional.empty();
    }
    return Optional.of(new BrowserClient(id, secret, redirect));
  }

  /** {@code { "sec-team" = "security:member", "admins" = "org_admin" }}, each target checked. */
  static Parser<Map<String, String>> roleMapParser() {
    return Parser.of(
        "a map of group = \"org_admin\" or \"WORKSPACE:ROLE\"",
        (raw, f) -> {
          if (!(raw instanceof Map<?, ?> map)) {
            return null;
          }
          Map<String, String> out = new LinkedHashMap<>();
          map.forEach(
              (group, target) -> {
                String problem =
                    target instanceof String t
                        ? f.choices().roleTargetProblem().apply(t)
                        : "expected a string, got " + Field.show(target);
                if (problem != null) {
                  f.problem(".%s: %s".formatted(group, problem));
                } else {
                  out.put(String.valueOf(group), (String) target);
                }
              });
          return out;
        });
  }
}
