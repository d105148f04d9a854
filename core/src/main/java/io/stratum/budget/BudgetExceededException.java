package io.stratum.budget;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A workspace with a hard cap has no room for this request. */
public final class BudgetExceededException extends RuntimeException {
  private final String workspace;
  private final BigDecimal cap;
  private final BigDecimal spent;
  private final LocalDate resets;

  public BudgetExceededException(
      String workspace, BigDecimal cap, BigDecimal spent, BigDecimal estimate, LocalDate resets) {
    super(
        "workspace '%s' has spent $%s of its $%s monthly cap (this request needs up to $%s); it resets on %s"
            .formatted(
                workspace,
                spent.toPlainString(),
                cap.toPlainString(),
                estimate.toPlainString(),
                resets));
    this.workspace = workspace;
    this.cap = cap;
    this.spent = spent;
    this.resets = resets;
  }

  public String workspace() {
    return workspace;
  }

  public BigDecimal cap() {
    return cap;
  }

  public BigDecimal spent() {
    return spent;
  }

  public LocalDate resets() {
    return resets;
  }
}
