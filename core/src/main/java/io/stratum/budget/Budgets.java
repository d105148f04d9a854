package io.stratum.budget;

import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.Usage;
import io.stratum.dispatch.WorstCase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Admission and settlement against workspace budgets. Before a model call, {@link #admit} reserves
 * the call's worst-case cost; under a hard cap it refuses when spent + reserved + the estimate
 * would pass the cap. After the call, {@link #settle} writes the actual usage, releases the
 * reservation and fires each threshold alert the new total crossed, once per workspace and month
 * (the ledger's primary key decides, so two processes cannot both fire it).
 *
 * <p>Admission and settlement of one workspace are serialized across every process sharing the
 * database; concurrent callers never see a stale total, so spend stays within the cap as long as no
 * call costs more than its estimate. A reservation is a row, written before the call starts: one
 * that a killed process left behind is billed at its next start ({@link #billInterrupted}).
 */
public final class Budgets {
  /** Month-to-date percentages of the cap that raise an alert. */
  public static final List<Integer> THRESHOLDS = List.of(50, 80, 100);

  private final Ledger ledger;
  private final Function<String, Rates> prices;
  private final Consumer<BudgetAlert> alerts;
  private final Consumer<Billed> billed;
  private final String owner;

  /**
   * @param prices the rates of a model id
   * @param alerts receives each alert once
   */
  public Budgets(Ledger ledger, Function<String, Rates> prices, Consumer<BudgetAlert> alerts) {
    this(ledger, prices, alerts, b -> {}, processOwner());
  }

  /**
   * @param billed told of every usage row written, with its cost (for metrics)
   * @param owner names this process on its reservations, so that after a crash its next start bills
   *     the calls it left unfinished (a stable node id for a server; unique for the CLI)
   */
  public Budgets(
      Ledger ledger,
      Function<String, Rates> prices,
      Consumer<BudgetAlert> alerts,
      Consumer<Billed> billed,
      String owner) {
    this.ledger = ledger;
    this.prices = prices;
    this.alerts = alerts;
    this.billed = billed;
    this.owner = owner;
  }

  /** An owner no other process has: for processes that leave stale calls to the sweep. */
  public static String processOwner() {
    return "pid-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
  }

  /** A usage row as written, with its cost. */
  public record Billed(UsageRow row, BigDecimal cost) {}

  /**
   * A model call about to be made: who, where, on which model, and its worst case in tokens.
   *
   * @param conversationId the conversation it answers in, or null
   */
  public record Call(
      String workspace,
      String principal,
      String modelId,
      String tier,
      int inputTokens,
      int maxOutputTokens,
      String conversationId) {}

  /** A held reservation; settle it exactly once, also when the call fails. */
  public record Reservation(String id, String workspace, BigDecimal estimate) {}

  /** As {@link #admit(Call, BigDecimal)}, for a call not yet tied to a model. */
  public Reservation admit(String workspace, BigDecimal estimate) {
    return admit(new Call(workspace, "", "", "", 0, 0, null), estimate);
  }

  /**
   * Reserves {@code estimate} USD for {@code call}: the reservation is committed before this
   * returns, so the call is on record before it starts. Serialized per workspace across every
   * process sharing the database.
   *
   * <p>The commit does not wait for the disk ({@link io.stratum.store.Sql#writeUnflushed}): a
   * killed process's reservation is still there to bill at its next start, and the flushed bill
   * written after the call makes both durable against a power cut. Only a power cut during the call
   * itself can lose the reservation, and with it the bill of a call whose answer never reached its
   * caller. That saves a disk flush on every model call.
   *
   * @throws BudgetExceededException under a hard cap without room for it
   */
  public Reservation admit(Call call, BigDecimal estimate) {
    String workspace = call.workspace();
    String id = UUID.randomUUID().toString();
    return ledger
        .sql()
        .writeUnflushed(
            "admit a call in " + workspace,
            tx -> {
              tx.lock("budget:" + workspace);
              Budget b = ledger.budget(workspace);
              if (b.hard() && b.capUsd() != null) {
                YearMonth month = ledger.currentMonth();
                BigDecimal spent = ledger.spent(workspace, month);
                BigDecimal held = ledger.reserved(workspace);
                if (spent.add(held).add(estimate).compareTo(b.capUsd()) > 0) {
                  throw new BudgetExceededException(
                      workspace,
                      b.capUsd().stripTrailingZeros(),
                      spent,
                      estimate.stripTrailingZeros(),
                      month.plusMonths(1).atDay(1));
                }
              }
              ledger.reserve(id, call, estimate, owner);
              return new Reservation(id, workspace, estimate);
            });
  }

  /**
   * Writes the call's actual usage (none when {@code row} is null: no model was called), releases
   * the reservation, and fires the alerts the new total crossed. Returns the call's cost.
   */
  public BigDecimal settle(Reservation r, UsageRow row) {
    return settle(r, row == null ? List.of() : List.of(row));
  }

  /**
   * As {@link #settle(Reservation, UsageRow)}, for a request that made several model calls. The
   * rows and the release are one transaction (the caller's, when it has one open), and alerts go
   * out only once it has committed.
   */
  public BigDecimal settle(Reservation r, List<UsageRow> rows) {
    return ledger
        .sql()
        .write(
            "settle a call in " + r.workspace(),
            tx -> {
              tx.lock("budget:" + r.workspace());
              ledger.release(r.id());
              BigDecimal cost = BigDecimal.ZERO;
              for (UsageRow row : rows) {
                BigDecimal c = ledger.record(row, prices.apply(row.modelId()));
                Billed b = new Billed(row, c);
                ledger.sql().afterCommit(() -> billed.accept(b));
                cost = cost.add(c);
              }
              if (!rows.isEmpty()) {
                fireAlerts(r.workspace());
              }
              return cost;
            });
  }

  /** A call a killed process left unbilled, billed now at its reserved worst case. */
  public record Interrupted(Ledger.OpenReservation reservation, BigDecimal cost) {}

  /**
   * Bills every call this process's owner left open (a crash cut it between its start and its
   * bill), and any other owner's older than {@code staleBefore}, at its reserved worst case, each
   * in one transaction with whatever {@code record} writes for it (its audit record).
   */
  public List<Interrupted> billInterrupted(Instant staleBefore, Consumer<Interrupted> record) {
    List<Interrupted> out = new ArrayList<>();
    for (Ledger.OpenReservation open : ledger.openReservations(owner, staleBefore)) {
      Interrupted done =
          ledger
              .sql()
              .write(
                  "bill the interrupted call " + open.id(),
                  tx -> {
                    tx.lock("budget:" + open.call().workspace());
                    if (!ledger.release(open.id())) {
                      return null; // another process billed it first
                    }
                    ledger.recordInterrupted(open);
                    Interrupted i = new Interrupted(open, open.estimate());
                    record.accept(i);
                    return i;
                  });
      if (done != null) {
        out.add(done);
      }
    }
    return out;
  }

  /** The worst case of a call: all of {@code inputTokens} and {@code maxOutputTokens} billed. */
  /**
   * The most a call to {@code modelId} with {@code request} can cost, given its worst case: what to
   * reserve before making it.
   */
  public BigDecimal estimate(String modelId, ChatRequest request, WorstCase worst) {
    return TokenEstimate.cost(prices.apply(modelId), request, worst);
  }

  public BigDecimal estimate(String modelId, int inputTokens, int maxOutputTokens) {
    return prices.apply(modelId).cost(new Usage(inputTokens, maxOutputTokens, 0, 0, 0));
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
        BudgetAlert alert =
            new BudgetAlert(workspace, month, t, spent, b.capUsd().stripTrailingZeros());
        // after the commit: a webhook must not be called while the database waits on it
        ledger.sql().afterCommit(() -> alerts.accept(alert));
      }
    }
  }
}
