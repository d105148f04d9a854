package io.stratum.dispatch;

/** Tokens a call consumed, as the backend reported them. */
public record Usage(int input, int output, int reasoning, int cacheRead, int cacheWrite) {
  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

  public Usage {
    if (input < 0 || output < 0 || reasoning < 0 || cacheRead < 0 || cacheWrite < 0) {
      throw new IllegalArgumentException(
          "token counts must not be negative, got input=%d output=%d reasoning=%d cacheRead=%d cacheWrite=%d"
              .formatted(input, output, reasoning, cacheRead, cacheWrite));
    }
  }

  public int total() {
    return input + output + reasoning + cacheRead + cacheWrite;
  }
}
