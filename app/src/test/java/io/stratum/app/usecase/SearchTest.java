package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.Principal;
import io.stratum.retrieval.Retrieval;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SearchTest extends UseCaseTest {
  Search search;

  @BeforeEach
  void setUp() {
    search = new Search(u.guard, u.retriever(), u.auditor);
  }

  @Test
  void finds_passages_only_in_the_workspaces_asked_for_and_audits_each_workspace_s_part() {
    Retrieval r =
        search.search(
            Principal.LOCAL_OPERATOR,
            List.of("security", "operations"),
            "master keys rotated",
            5,
            List.of());

    assertThat(r.passages()).isNotEmpty();
    assertThat(r.passages().get(0).workspace()).isEqualTo("security");
    assertThat(u.audited("search"))
        .extracting(rec -> rec.workspace())
        .containsExactly("security", "operations");
  }

  @Test
  void a_workspace_the_caller_may_not_read_is_denied_by_name_before_anything_is_searched() {
    assertThatThrownBy(
            () -> search.search(u.dana, List.of("security", "operations"), "keys", 5, List.of()))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("'dana' may not read workspace 'operations'");
    assertThat(u.audited("search"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("denied"));
  }

  @Test
  void bad_inputs_name_the_field_and_echo_the_value() {
    assertThatThrownBy(() -> search.search(u.dana, List.of(), "keys", 5, List.of()))
        .hasMessage("workspaces: pick at least one workspace");
    assertThatThrownBy(() -> search.search(u.dana, List.of("security"), "keys", 51, List.of()))
        .hasMessage("k: expected a number from 1 to 50, got 51");
    assertThatThrownBy(() -> search.search(u.dana, List.of("security"), "keys", 5, List.of("wiki")))
        .hasMessageStartingWith("kind: expected one of ")
        .hasMessageEndingWith(", got 'wiki'");
  }
}
