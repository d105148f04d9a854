package io.stratum.access;

import java.util.Arrays;
import java.util.Locale;

/**
 * A principal's role in one workspace, weakest first; each role can do what the ones before it can.
 */
public enum Role {
  VIEWER,
  MEMBER,
  WORKSPACE_ADMIN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }

  /** Parses {@code viewer|member|workspace_admin}, naming the bad value. */
  public static Role parse(String s) {
    return Arrays.stream(values())
        .filter(r -> r.id().equals(s))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "role: expected viewer|member|workspace_admin, got '" + s + "'"));
  }
}
