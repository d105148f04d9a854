package io.stratum.budget;

import java.math.BigDecimal;
import java.time.YearMonth;

/** A workspace's month-to-date spend crossed {@code thresholdPercent} of its cap. */
public record BudgetAlert(
    String workspace, YearMonth month, int thresholdPercent, BigDecimal spent, BigDecimal cap) {}
