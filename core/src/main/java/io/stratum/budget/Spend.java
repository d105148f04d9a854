package io.stratum.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * A workspace's spend in one month, by model and tier, by principal and by day.
 *
 * @param capUsd null when the workspace has no cap
 */
public record Spend(
    String workspace,
    YearMonth month,
    BigDecimal spentUsd,
    BigDecimal capUsd,
    boolean hardCap,
    LocalDate resetsOn,
    List<Line> byModel,
    List<Line> byPrincipal,
    List<Line> byDay,
    List<Line> byDayAndModel) {

  /**
   * One group: its key (model and tier, principal, day, or day and model and tier separated by a
   * space), tokens and cost.
   */
  public record Line(
      String key,
      long calls,
      long inputTokens,
      long outputTokens,
      long reasoningTokens,
      long cacheTokens,
      BigDecimal costUsd) {}
}
