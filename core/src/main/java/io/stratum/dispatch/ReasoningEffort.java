package io.stratum.dispatch;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How hard a reasoning model should think; each backend maps this onto its own vocabulary. */
public enum ReasoningEffort {
  NONE,
  MINIMAL,
  LOW,
  MEDIUM,
  HIGH,
  XHIGH;

  /** Parses {@code none|minimal|low|medium|high|xhigh}, naming the bad value otherwise. */
  public static ReasoningEffort parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "reasoningEffort: expected "
              + Arrays.stream(values())
                  .map(v -> v.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining("|"))
              + ", got '"
              + value
              + "'");
    }
  }
}
