package io.stratum.budget;

import io.stratum.dispatch.Usage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A model's prices in USD per million tokens. Reasoning tokens are billed as output; cache reads at
 * a tenth of the input price and cache writes at 1.25 times it, as Bedrock bills prompt caching.
 */
public record Rates(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
  public static final Rates FREE = new Rates(BigDecimal.ZERO, BigDecimal.ZERO);
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
  private static final BigDecimal CACHE_READ = new BigDecimal("0.1");
  private static final BigDecimal CACHE_WRITE = new BigDecimal("1.25");

  public static Rates of(double input, double output) {
    return new Rates(BigDecimal.valueOf(input), BigDecimal.valueOf(output));
  }

  /** The cost of {@code u}, to 8 decimal places. */
  public BigDecimal cost(Usage u) {
    BigDecimal in =
        inputPerMillion
            .multiply(BigDecimal.valueOf(u.input()))
            .add(inputPerMillion.multiply(CACHE_READ).multiply(BigDecimal.valueOf(u.cacheRead())))
            .add(
                inputPerMillion.multiply(CACHE_WRITE).multiply(BigDecimal.valueOf(u.cacheWrite())));
    BigDecimal out = outputPerMillion.multiply(BigDecimal.valueOf(u.output() + u.reasoning()));
    return in.add(out).divide(MILLION, MathContext.DECIMAL64).setScale(8, RoundingMode.HALF_UP);
  }
}
