package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.access.IssuedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FirstRunTest extends UseCaseTest {
  static final List<String> WORKSPACES = List.of("operations", "security");

  FirstRun firstRun;

  @BeforeEach
  void setUp() {
    firstRun = new FirstRun(u.accounts, u.auditor);
  }

  @Test
  void demo_members_get_a_30_day_token_each_and_it_is_audited() {
    List<IssuedToken> members = firstRun.demoMembers(WORKSPACES, Map.of());

    assertThat(members)
        .extracting(IssuedToken::principalId)
        .containsExactly("operations-member", "security-member");
    assertThat(members)
        .allSatisfy(
            t ->
                assertThat(t.expiresAt())
                    .isBetween(
                        Instant.now().plus(Duration.ofDays(30)).minusSeconds(60),
                        Instant.now().plus(Duration.ofDays(30))));
    assertThat(u.audited("token.issued")).hasSize(2);
  }

  @Test
  void a_rerun_hands_out_the_kept_tokens_again_while_they_work_and_issues_none() {
    List<IssuedToken> first = firstRun.demoMembers(WORKSPACES, Map.of());

    List<IssuedToken> again = firstRun.demoMembers(WORKSPACES, kept(first));

    assertThat(tokens(again)).isEqualTo(tokens(first));
    assertThat(again)
        .extracting(IssuedToken::id)
        .isEqualTo(first.stream().map(IssuedToken::id).toList());
    assertThat(u.audited("token.issued")).hasSize(2);
  }

  @Test
  void a_revoked_unknown_or_someone_elses_kept_token_is_replaced_by_a_new_one() {
    List<IssuedToken> first = firstRun.demoMembers(WORKSPACES, Map.of());
    u.accounts.revokeToken(first.get(0).id());

    List<IssuedToken> second =
        firstRun.demoMembers(
            WORKSPACES,
            Map.of(
                "operations-member",
                first.get(0).token(),
                "security-member",
                "stt_" + "x".repeat(43)));
    List<IssuedToken> swapped =
        firstRun.demoMembers(
            WORKSPACES,
            Map.of(
                "operations-member", second.get(1).token(),
                "security-member", second.get(0).token()));

    assertThat(tokens(second)).doesNotContainAnyElementsOf(tokens(first));
    assertThat(tokens(swapped)).doesNotContainAnyElementsOf(tokens(second));
    assertThat(u.audited("token.issued")).hasSize(6);
  }

  private static Map<String, String> kept(List<IssuedToken> tokens) {
    return Map.of(
        tokens.get(0).principalId(), tokens.get(0).token(),
        tokens.get(1).principalId(), tokens.get(1).token());
  }

  private static List<String> tokens(List<IssuedToken> tokens) {
    return tokens.stream().map(IssuedToken::token).toList();
  }
}
