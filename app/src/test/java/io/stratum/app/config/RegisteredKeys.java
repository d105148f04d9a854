package io.stratum.app.config;

import java.util.List;

/**
 * The configuration keys the app declares ({@link ConfigKeys}, {@link ServiceKeys}), for the tests
 * outside this package that must agree with them (the Terraform module's variables).
 */
public final class RegisteredKeys {
  private RegisteredKeys() {}

  /**
   * One key.
   *
   * @param name its name in the file, or for a secret read from the environment only, the variable
   * @param env the environment variable the app reads it from
   * @param fromFile false for a secret read from the environment only
   */
  public record Entry(String name, String env, boolean fromFile) {}

  /** Every key, in the order the docs list them. */
  public static List<Entry> all() {
    return ConfigKeys.KEYS.keys().stream()
        .map(k -> new Entry(k.name(), k.env(), k.fromFile()))
        .toList();
  }
}
