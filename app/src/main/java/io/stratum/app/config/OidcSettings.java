package io.stratum.app.config;

import static io.stratum.app.config.ServiceKeys.OIDC_AUDIENCE;
import static io.stratum.app.config.ServiceKeys.OIDC_GROUPS_CLAIM;
import static io.stratum.app.config.ServiceKeys.OIDC_ISSUER;
import static io.stratum.app.config.ServiceKeys.OIDC_JWKS_URL;
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
    String issuer, URI jwksUrl, String audience, String groupsClaim, Map<String, String> roleMap) {
  public OidcSettings {
    roleMap = Map.copyOf(roleMap);
  }

  /** All of issuer, JWKS URL and audience, or none of the {@code oidc_*} keys. */
  static Optional<OidcSettings> read(Values v) {
    List<Key<?>> keys =
        List.of(OIDC_ISSUER, OIDC_JWKS_URL, OIDC_AUDIENCE, OIDC_GROUPS_CLAIM, OIDC_ROLE_MAP);
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
    if (issuer == null || jwks == null || audience == null) {
      return Optional.empty();
    }
    return Optional.of(
        new OidcSettings(
            issuer, jwks, audience, groupsClaim, roleMap == null ? Map.of() : roleMap));
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
