package io.stratum.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Admission and settlement against workspace budgets. Before a model call, {@link #admit} reserves
 * the call's worst-case cost; under a hard cap it refuses when spent + reserved + the estimate
 * would pass the cap. After the call, {@link #settle} writes the actual usage, releases the
 * reservation and fires each threshold alert the new total crossed, once per workspace and month
 * (the ledger's primary key decides, so two processes cannot both fire it).
 *
 * <p>Admission and settlement of one workspace are serialized; concurrent callers never see a stale
 * total, so spend stays within the cap as long as no call costs more than its estimate.
 */
public final class Budgets {
  /** Month-to-date percentages of the cap that raise an alert. */
  public static final List<Integer> THRESHOLDS = List.of(50, 80, 100);

  private final Ledger ledger;
  private final Function<String, Rates> prices;
  private final Consumer<BudgetAlert> alerts;
  private final Consumer<Billed> billed;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Map<String, BigDecimal> reserved = new ConcurrentHashMap<>();

  /**
   * @param prices the rates of a model id
   * @param alerts receives each alert once
   */
  public Budgets(Ledger ledger, Function<String, Rates> prices, Consumer<BudgetAlert> alerts) {
    this(ledger, prices, alerts, b -> {});
  }

  /**
   * @param billed told of every usage row written, with its cost (for metrics)
   */
  public Budgets(
      Ledger ledger,
      Function<String, Rates> prices,
      Consumer<BudgetAlert> alerts,
      Consumer<Billed> billed) {
    this.ledger = ledger;
    this.prices = prices;
    this.alerts = alerts;
    this.billed = billed;
  }

  /** A usage row as written, with its cost. */
  public record Billed(UsageRow row, BigDecimal cost) {}

  /** A held reservation; settle it exactly once, also when the call fails. */
  public record Reservation(String workspace, BigDecimal estimate) {}

  /**
   * Reserves {@code estimate} USD for a call in {@code workspace}.
   *
   * @throws BudgetExceededException under a hard cap without room for it
   */
  public Reservation admit(String workspace, BigDecimal estimate) {
    synchronized (lock(workspace)) {
      Budget b = ledger.budget(workspace);
      BigDecimal held = reserved.getOrDefault(workspace, BigDecimal.ZERO);
      if (b.hard() && b.capUsd() != null) {
        YearMonth month = ledger.currentMonth();
        BigDecimal spent = ledger.spent(workspace, month);
        if (spent.add(held).add(estimate).compareTo(b.capUsd()) > 0) {
          throw new BudgetExceededException(
              workspace,
              b.capUsd().stripTrailingZeros(),
              spent,
              estimate.stripTrailingZeros(),
              month.plusMonths(1).atDay(1));
        }
      }
      reserved.put(workspace, held.add(estimate));
      return new Reservation(workspace, estimate);
    }
  }

  /**
   * Writes the call's actual usage (none when {@code row} is null: no model was called), releases
   * the reservation, and fires the alerts the new total crossed. Returns the call's cost.
   */
  public BigDecimal settle(Reservation r, UsageRow row) {
    return settle(r, row == null ? List.of() : List.of(row));
  }

  /** As {@link #settle(Reservation, UsageRow)}, for a request that made several model calls. */
  public BigDecimal settle(Reservation r, List<UsageRow> rows) {
    synchronized (lock(r.workspace())) {
      reserved.merge(r.workspace(), r.estimate().negate(), BigDecimal::add);
      BigDecimal cost = BigDecimal.ZERO;
      for (UsageRow row : rows) {
        BigDecimal c = ledger.record(row, prices.apply(row.modelId()));
        billed.accept(new Billed(row, c));
        cost = cost.add(c);
      }
      if (!rows.isEmpty()) {
        fireAlerts(r.workspace());
      }
      return cost;
    }
  }

  /** The worst case of a call: all of {@code inputTokens} and {@code maxOutputTokens} billed. */
  public BigDecimal estimate(String modelId, int inputTokens, int maxOutputTokens) {
    return prices
        .apply(modelId)
        .cost(new io.stratum.dispatch.Usage(inputTokens, maxOutputTokens, 0, 0, 0));
  }

  private void fireAlerts(String workspace) {
    Budget b = ledger.budget(workspace);
    if (b.capUsd() == null || b.capUsd().signum() <= 0) {
      return;
    }
    YearMonth month = ledger.currentMonth();
    BigDecimal spent = ledger.spent(workspace, month);
    BigDecimal percent =
        spent.multiply(BigDecimal.valueOf(100)).divide(b.capUsd(), 4, RoundingMode.HALF_UP);
    for (int t : THRESHOLDS) {
      if (percent.compareTo(BigDecimal.valueOf(t)) >= 0 && ledger.markAlert(workspace, month, t)) {
        alerts.accept(new BudgetAlert(workspace, month, t, spent, b.capUsd().stripTrailingZeros()));
      }
    }
  }

  private Object lock(String workspace) {
    return locks.computeIfAbsent(workspace, k -> new Object());
  }
}
