package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.AccessDeniedException;
import io.stratum.budget.Spend;
import java.time.YearMonth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpendingTest extends UseCaseTest {
  Spending spending;

  @BeforeEach
  void setUp() {
    spending = new Spending(u.guard, u.ledger);
  }

  @Test
  void a_workspace_admin_reads_this_month_s_spend_by_default() {
    Spend s = spending.of(u.olga, "operations", null);

    assertThat(s.month()).isEqualTo(u.ledger.currentMonth());
    assertThat(s.spentUsd()).isZero();
    assertThat(spending.of(u.olga, "operations", YearMonth.of(2026, 1)).month())
        .isEqualTo(YearMonth.of(2026, 1));
  }

  @Test
  void a_member_may_not_read_spend_and_the_denial_is_audited() {
    assertThatThrownBy(() -> spending.of(u.dana, "security", null))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("'dana' may not administer workspace 'security'");
    assertThat(u.audited("spend.read"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("denied"));
  }
}
