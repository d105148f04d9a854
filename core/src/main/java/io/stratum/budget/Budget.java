package io.stratum.budget;

import java.math.BigDecimal;

/**
 * A workspace's monthly budget.
 *
 * @param capUsd the monthly cap, or null for none
 * @param hard refuse requests that could cross the cap (otherwise alerts only)
 */
public record Budget(BigDecimal capUsd, boolean hard) {
  public static final Budget NONE = new Budget(null, false);
}
