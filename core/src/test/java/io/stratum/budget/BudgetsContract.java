package io.stratum.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stratum.dispatch.Usage;
import io.stratum.store.Database;
import io.stratum.store.TestDatabases;
import io.stratum.store.TestStores;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

abstract class BudgetsContract {
  /** The engine this run of the suite stores in. */
  abstract TestDatabases.Engine engine();

  @TempDir Path dir;
  TestStores store;
  Ledger ledger;
  final List<BudgetAlert> alerts = new CopyOnWriteArrayList<>();
  Budgets budgets;
  // $1,000 per million input tokens: one token is a tenth of a cent, so costs are easy to read.
  static final Rates RATES = Rates.of(1000, 1000);

  @BeforeEach
  void open() {
    store = TestStores.open(engine(), dir);
    store.ensureWorkspace("ops", "Ops");
    ledger = new Ledger(store.sql());
    budgets = new Budgets(ledger, model -> RATES, alerts::add);
  }

  @AfterEach
  void close() {
    if (store != null) { // null when the engine was skipped (no PostgreSQL server)
      store.close();
    }
  }

  private static UsageRow row(int input, int output) {
    return new UsageRow(
        "ops", "alice", "m", "advanced", "converse", new Usage(input, output, 0, 0, 0));
  }

  @Test
  void
      thirty_two_callers_in_two_processes_near_the_cap_never_push_spend_past_it_and_alerts_fire_once()
          throws Exception {
    Database other = store.another(); // the second app process
    Budgets elsewhere = new Budgets(new Ledger(other.sql()), model -> RATES, alerts::add);
    ledger.setBudget("ops", new Budget(new BigDecimal("1.00"), true));
    ledger.record(row(400, 0), RATES); // $0.40 already spent
    BigDecimal estimate = new BigDecimal("0.030");
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger refused = new AtomicInteger();
    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      int seed = i;
      calls.add(
          pool.submit(
              () -> {
                start.await();
                Random random = new Random(seed);
                Budgets mine = seed % 2 == 0 ? budgets : elsewhere;
                for (int n = 0; n < 3; n++) {
                  Budgets.Reservation r;
                  try {
                    r = mine.admit("ops", estimate);
                  } catch (BudgetExceededException e) {
                    refused.incrementAndGet();
                    continue;
                  }
                  Thread.sleep(random.nextInt(5));
                  mine.settle(r, row(10 + random.nextInt(11), random.nextInt(10))); // ≤ $0.030
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : calls) {
      f.get();
    }
    pool.shutdown();
    other.close();

    BigDecimal spent = ledger.spent("ops", ledger.currentMonth());
    assertThat(spent).isLessThanOrEqualTo(new BigDecimal("1.00"));
    // It filled up: refusals came only once little room was left (reservations outstanding at
    // that moment may settle for less, so the last few cents can stay unspent).
    assertThat(spent).isGreaterThan(new BigDecimal("0.80"));
    assertThat(refused.get()).isPositive();
    assertThat(alerts).extracting(BudgetAlert::thresholdPercent).containsExactly(50, 80);
  }

  @Test
  void over_the_hard_cap_the_refusal_names_workspace_cap_spend_and_reset_date() {
    ledger.setBudget("ops", new Budget(new BigDecimal("1.00"), true));
    ledger.record(row(990, 0), RATES);
    YearMonth month = ledger.currentMonth();

    assertThatThrownBy(() -> budgets.admit("ops", new BigDecimal("0.02")))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessage(
            "workspace 'ops' has spent $0.99 of its $1 monthly cap (this request needs up to $0.02); it resets on "
                + month.plusMonths(1).atDay(1));
  }

  @Test
  void a_soft_cap_admits_everything_but_still_alerts_once_per_threshold() {
    ledger.setBudget("ops", new Budget(new BigDecimal("0.10"), false));

    for (int i = 0; i < 5; i++) {
      budgets.settle(budgets.admit("ops", new BigDecimal("0.05")), row(40, 0));
    }

    assertThat(ledger.spent("ops", ledger.currentMonth())).isEqualByComparingTo("0.20");
    assertThat(alerts).extracting(BudgetAlert::thresholdPercent).containsExactly(50, 80, 100);
  }

  @Test
  void a_failed_call_releases_its_reservation() {
    ledger.setBudget("ops", new Budget(new BigDecimal("0.05"), true));

    budgets.settle(budgets.admit("ops", new BigDecimal("0.05")), List.of());

    assertThat(budgets.admit("ops", new BigDecimal("0.05"))).isNotNull();
  }

  @Test
  void costs_are_priced_when_written_so_a_price_change_keeps_history() {
    BigDecimal before = ledger.record(row(1000, 0), Rates.of(3, 15));
    BigDecimal after = ledger.record(row(1000, 0), Rates.of(6, 30));

    assertThat(before).isEqualByComparingTo("0.003");
    assertThat(after).isEqualByComparingTo("0.006");
    assertThat(ledger.spent("ops", ledger.currentMonth())).isEqualByComparingTo("0.009");
  }

  @Test
  void reasoning_is_billed_as_output_and_cache_reads_at_a_tenth() {
    Usage u = new Usage(1_000_000, 1_000_000, 1_000_000, 1_000_000, 0);

    assertThat(Rates.of(3, 15).cost(u)).isEqualByComparingTo("33.3");
  }

  @Test
  void the_spend_report_groups_by_model_principal_day_and_day_with_model() {
    ledger.record(row(100, 10), RATES);
    ledger.record(
        new UsageRow("ops", "bob", "n", "basic", "responses", new Usage(50, 5, 20, 0, 0)), RATES);

    Spend s = ledger.spend("ops", ledger.currentMonth());

    assertThat(s.byModel())
        .extracting(Spend.Line::key, Spend.Line::calls, Spend.Line::costUsd)
        .containsExactly(
            Tuple.tuple("m (advanced)", 1L, new BigDecimal("0.11")),
            Tuple.tuple("n (basic)", 1L, new BigDecimal("0.075")));
    assertThat(s.byPrincipal()).extracting(Spend.Line::key).containsExactly("alice", "bob");
    assertThat(s.byDay()).hasSize(1);
    String day = s.byDay().get(0).key();
    assertThat(day).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(s.byDayAndModel())
        .extracting(Spend.Line::key, Spend.Line::costUsd)
        .containsExactly(
            Tuple.tuple(day + " m (advanced)", new BigDecimal("0.11")),
            Tuple.tuple(day + " n (basic)", new BigDecimal("0.075")));
    assertThat(s.spentUsd()).isEqualByComparingTo("0.185");
  }

  private static Budgets.Call call(String principal) {
    return new Budgets.Call("ops", principal, "m", "advanced", 200, 100, "conv-1");
  }

  @Test
  void a_call_a_killed_process_left_reserved_is_billed_as_interrupted_when_it_starts_again() {
    Budgets before = new Budgets(ledger, m -> RATES, alerts::add, b -> {}, "node-1");
    before.admit(call("alice"), new BigDecimal("0.300")); // then the process is killed

    Budgets after = new Budgets(ledger, m -> RATES, alerts::add, b -> {}, "node-1");
    List<Budgets.Interrupted> billed = new ArrayList<>();
    List<Budgets.Interrupted> result =
        after.billInterrupted(Instant.now().minusSeconds(1800), billed::add);

    assertThat(result).isEqualTo(billed);
    assertThat(result)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.cost()).isEqualByComparingTo("0.3");
              assertThat(i.reservation().call().principal()).isEqualTo("alice");
              assertThat(i.reservation().call().conversationId()).isEqualTo("conv-1");
            });
    Spend spend = ledger.spend("ops", ledger.currentMonth());
    assertThat(spend.spentUsd()).isEqualByComparingTo("0.3");
    assertThat(spend.byModel())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.inputTokens()).isEqualTo(200);
              assertThat(l.outputTokens()).isEqualTo(100);
            });
    assertThat(after.billInterrupted(Instant.now().minusSeconds(1800), i -> {})).isEmpty();
  }

  @Test
  void another_processs_call_in_flight_is_left_alone_until_it_is_stale() {
    Budgets server = new Budgets(ledger, m -> RATES, alerts::add, b -> {}, "serve@host");
    server.admit(call("alice"), new BigDecimal("0.100"));
    Budgets cli = new Budgets(ledger, m -> RATES, alerts::add, b -> {}, "cli-1");

    assertThat(cli.billInterrupted(Instant.now().minusSeconds(1800), i -> {})).isEmpty();
    assertThat(cli.billInterrupted(Instant.now().plusSeconds(1), i -> {})).hasSize(1);
  }

  @Test
  void a_reservation_held_in_flight_counts_against_the_hard_cap_in_every_process() {
    ledger.setBudget("ops", new Budget(new BigDecimal("1.00"), true));
    try (Database other = store.another()) {
      Budgets elsewhere = new Budgets(new Ledger(other.sql()), m -> RATES, alerts::add);
      budgets.admit("ops", new BigDecimal("0.70"));

      assertThatThrownBy(() -> elsewhere.admit("ops", new BigDecimal("0.40")))
          .isInstanceOf(BudgetExceededException.class);
    }
  }

  @Test
  void the_refusal_carries_workspace_cap_spend_and_reset_date_as_values() {
    ledger.setBudget("ops", new Budget(new BigDecimal("1.00"), true));
    ledger.record(row(990, 0), RATES);

    BudgetExceededException e =
        catchThrowableOfType(
            BudgetExceededException.class, () -> budgets.admit("ops", new BigDecimal("0.02")));

    assertThat(e.workspace()).isEqualTo("ops");
    assertThat(e.cap()).isEqualByComparingTo("1.00");
    assertThat(e.spent()).isEqualByComparingTo("0.99");
    assertThat(e.resets()).isEqualTo(ledger.currentMonth().plusMonths(1).atDay(1));
  }

  @Test
  void settling_returns_what_the_calls_cost_and_nothing_for_no_call() {
    Budgets.Reservation none = budgets.admit("ops", new BigDecimal("0.05"));
    Budgets.Reservation one = budgets.admit("ops", new BigDecimal("0.05"));
    Budgets.Reservation two = budgets.admit("ops", new BigDecimal("0.05"));

    assertThat(budgets.settle(none, (UsageRow) null)).isEqualByComparingTo("0");
    assertThat(budgets.settle(one, row(40, 0))).isEqualByComparingTo("0.04");
    assertThat(budgets.settle(two, List.of(row(10, 0), row(0, 5)))).isEqualByComparingTo("0.015");
    assertThat(ledger.spent("ops", ledger.currentMonth())).isEqualByComparingTo("0.055");
  }

  @Test
  void a_reservation_is_released_once() {
    Budgets.Reservation r = budgets.admit("ops", new BigDecimal("0.05"));

    assertThat(ledger.release(r.id())).isTrue();
    assertThat(ledger.release(r.id())).isFalse();
  }

  @Test
  void a_spend_of_exactly_half_the_cap_alerts_at_50_percent() {
    ledger.setBudget("ops", new Budget(new BigDecimal("0.10"), false));

    budgets.settle(budgets.admit("ops", new BigDecimal("0.05")), row(50, 0));

    assertThat(alerts).extracting(BudgetAlert::thresholdPercent).containsExactly(50);
  }

  @Test
  void a_zero_cap_sends_no_alert_and_settles_normally() {
    ledger.setBudget("ops", new Budget(BigDecimal.ZERO, false));

    BigDecimal cost = budgets.settle(budgets.admit("ops", new BigDecimal("0.05")), row(40, 0));

    assertThat(cost).isEqualByComparingTo("0.04");
    assertThat(alerts).isEmpty();
  }

  @Test
  void a_call_that_used_nothing_is_not_billed() {
    Usage used = new Usage(3, 4, 0, 0, 0);

    assertThat(UsageRow.billable("ops", "alice", "m", "advanced", "converse", Usage.ZERO))
        .isEmpty();
    assertThat(UsageRow.billable("ops", "alice", "m", "advanced", "converse", used))
        .containsExactly(new UsageRow("ops", "alice", "m", "advanced", "converse", used));
  }

  @Test
  void each_process_gets_its_own_owner_name_with_its_pid() {
    assertThat(Budgets.processOwner())
        .startsWith("pid-" + ProcessHandle.current().pid() + "-")
        .isNotEqualTo(Budgets.processOwner());
  }
}
