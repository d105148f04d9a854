package io.stratum.app.config;

import java.util.List;

/** The configuration is wrong; the message lists every problem, one per line, with its place. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
