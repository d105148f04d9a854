package io.stratum.providers.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.access.TokenRejectedException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Principals from OIDC ID or access tokens: the signature is checked against the provider's JWKS
 * (fetched and cached by nimbus-jose-jwt), then the issuer, audience and expiry; the groups claim
 * becomes roles through a configured map ({@code "sec-team" -> "security:member"}, {@code
 * "platform-admins" -> "org_admin"}). Groups the map does not name give nothing.
 */
public final class OidcAuthenticator {
  /**
   * @param roleMap group name to {@code org_admin} or {@code WORKSPACE:ROLE}
   */
  public record Settings(
      String issuer,
      URI jwksUrl,
      String audience,
      String groupsClaim,
      Map<String, String> roleMap) {
    public Settings {
      roleMap = Map.copyOf(roleMap);
    }
  }

  private final Settings settings;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  public OidcAuthenticator(Settings settings) {
    this.settings = settings;
    JWKSource<SecurityContext> keys;
    try {
      keys = JWKSourceBuilder.create(settings.jwksUrl().toURL()).retrying(true).build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("oidc_jwks_url: not a URL: " + settings.jwksUrl(), e);
    }
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            Set.of(
                JWSAlgorithm.RS256,
                JWSAlgorithm.RS384,
                JWSAlgorithm.RS512,
                JWSAlgorithm.PS256,
                JWSAlgorithm.ES256,
                JWSAlgorithm.ES384),
            keys));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            settings.audience(),
            new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
            Set.of("sub", "exp")));
  }

  /** Checks {@code jwt} and maps it to a principal; the message says why a token is refused. */
  public Principal authenticate(String jwt) {
    return principal(claims(jwt));
  }

  /**
   * The claims of {@code jwt} once its signature, issuer, audience and expiry are checked.
   *
   * @throws TokenRejectedException saying why it is refused
   */
  JWTClaimsSet claims(String jwt) {
    try {
      return processor.process(jwt, null);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      throw new TokenRejectedException("OIDC token rejected: " + e.getMessage());
    }
  }

  /** The principal checked {@code claims} name, its groups mapped to roles. */
  Principal principal(JWTClaimsSet claims) {
    boolean orgAdmin = false;
    Map<String, Role> roles = new HashMap<>();
    for (String group : groups(claims)) {
      String target = settings.roleMap().get(group);
      if (target == null) {
        continue;
      }
      if (target.equals("org_admin")) {
        orgAdmin = true;
      } else {
        int colon = target.indexOf(':');
        Role role = Role.parse(target.substring(colon + 1));
        roles.merge(target.substring(0, colon), role, (a, b) -> a.atLeast(b) ? a : b);
      }
    }
    String name = first(claims, "name", "email", "preferred_username", "sub");
    return new Principal("oidc:" + claims.getSubject(), name, orgAdmin, roles);
  }

  private List<String> groups(JWTClaimsSet claims) {
    Object v = claims.getClaim(settings.groupsClaim());
    if (v instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return v == null ? List.of() : List.of(String.valueOf(v));
  }

  private static String first(JWTClaimsSet claims, String... names) {
    for (String n : names) {
      Object v = claims.getClaim(n);
      if (v != null && !String.valueOf(v).isBlank()) {
        return String.valueOf(v);
      }
    }
    return claims.getSubject();
  }

  /** Checks one role-map value; returns the problem, or null when it is fine. */
  public static String checkTarget(String target) {
    if (target.equals("org_admin")) {
      return null;
    }
    int colon = target.indexOf(':');
    if (colon <= 0) {
      return "expected org_admin or WORKSPACE:viewer|member|workspace_admin, got '" + target + "'";
    }
    try {
      Role.parse(target.substring(colon + 1));
      return null;
    } catch (IllegalArgumentException e) {
      return "expected org_admin or WORKSPACE:viewer|member|workspace_admin, got '" + target + "'";
    }
  }
}
