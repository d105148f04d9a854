package io.stratum.app.config;

import java.util.Map;

/** The process environment; the one place outside tests that reads it. */
public final class Environment {
  private Environment() {}

  public static Map<String, String> get() {
    return System.getenv();
  }
}
