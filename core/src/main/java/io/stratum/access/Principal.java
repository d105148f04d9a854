package io.stratum.access;

import java.util.Map;

/**
 * Who is acting: an API token's owner, an OIDC subject, or the local operator of the command line.
 *
 * @param roles the principal's role in each workspace it belongs to
 */
public record Principal(String id, String name, boolean orgAdmin, Map<String, Role> roles) {
  /**
   * Whoever runs the command line on the data directory. Reading the files directly would give them
   * everything anyway, so the CLI acts as an org admin.
   */
  public static final Principal LOCAL_OPERATOR =
      new Principal("local-operator", "local operator", true, Map.of());

  public Principal {
    roles = Map.copyOf(roles);
  }
}
