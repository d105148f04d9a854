package io.stratum.app.usecase;

import io.stratum.access.Action;
import io.stratum.access.Principal;
import io.stratum.budget.Ledger;
import io.stratum.budget.Spend;
import java.time.YearMonth;

/**
 * A workspace's spend in a month, by model, principal and day, for the people who administer it.
 */
public final class Spending {
  private final Guard guard;
  private final Ledger ledger;

  public Spending(Guard guard, Ledger ledger) {
    this.guard = guard;
    this.ledger = ledger;
  }

  /**
   * @param month the month, or null for the current one
   */
  public Spend of(Principal who, String workspace, YearMonth month) {
    guard.require(who, Action.ADMINISTER, workspace, "spend.read");
    return ledger.spend(workspace, month == null ? ledger.currentMonth() : month);
  }
}
