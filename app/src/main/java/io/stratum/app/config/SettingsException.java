package io.stratum.app.config;

import java.util.List;

/** One or more settings are wrong; the message lists each, one per line. */
public final class SettingsException extends RuntimeException {
  private final List<String> problems;

  SettingsException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
